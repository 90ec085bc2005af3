#!/usr/bin/env python3
"""Writes a held-out language ID set from Firefox ESR's language packs (twelfth session).

    extract_firefox_strings.py OUT.jsonl.gz [WORKDIR]

Downloads the Debian packages firefox-esr-l10n-<locale> of the languages Sluice identifies (apt-get
download; unpacked with dpkg -x, never installed, so no training run reads them) and writes one JSON
line per distinct translated string: {"lang": ISO 639-1, "text": ..., "src": "firefox:<locale>"}.
A string is a value of the packs' .ftl, .properties and .dtd files with placeholders ({ ... }, %1$S)
and markup removed, of 20 chars or more and 10 letters or more. Untranslated strings are dropped:
any string that is also a value of the English (en-GB) pack, and any string whose letters are less
than 80% in the language's script. LanguageIdEvaluationMain reads the file with --firefox-strings.
"""
import glob
import gzip
import html
import json
import os
import re
import subprocess
import sys
import tempfile
import unicodedata
import zipfile

# Firefox locale -> ISO 639-1 code, for the languages the identifier answers.
LOCALES = {
    "ar": "ar", "be": "be", "bg": "bg", "bn": "bn", "ca": "ca", "cs": "cs", "da": "da", "de": "de",
    "el": "el", "eo": "eo", "es-es": "es", "et": "et", "eu": "eu", "fa": "fa", "fi": "fi", "fr": "fr",
    "ga-ie": "ga", "gu-in": "gu", "he": "he", "hi-in": "hi", "hr": "hr", "hu": "hu", "hy-am": "hy",
    "id": "id", "it": "it", "ja": "ja", "ka": "ka", "kk": "kk", "km": "km", "kn": "kn", "ko": "ko",
    "lt": "lt", "lv": "lv", "mk": "mk", "mr": "mr", "my": "my", "nb-no": "no", "ne-np": "ne",
    "nl": "nl", "or": "or", "pa-in": "pa", "pl": "pl", "pt-pt": "pt", "ro": "ro", "ru": "ru",
    "si": "si", "sk": "sk", "sl": "sl", "sr": "sr", "sv-se": "sv", "ta": "ta", "te": "te", "th": "th",
    "tr": "tr", "uk": "uk", "ur": "ur", "vi": "vi", "zh-cn": "zh",
}
# The script a language's letters are in, as the start of their Unicode names.
SCRIPTS = {
    "ar": ("ARABIC",), "fa": ("ARABIC",), "ur": ("ARABIC",), "be": ("CYRILLIC",), "bg": ("CYRILLIC",),
    "kk": ("CYRILLIC",), "mk": ("CYRILLIC",), "ru": ("CYRILLIC",), "sr": ("CYRILLIC",),
    "uk": ("CYRILLIC",), "el": ("GREEK",), "he": ("HEBREW",), "hy": ("ARMENIAN",), "ka": ("GEORGIAN",),
    "bn": ("BENGALI",), "gu": ("GUJARATI",), "hi": ("DEVANAGARI",), "mr": ("DEVANAGARI",),
    "ne": ("DEVANAGARI",), "kn": ("KANNADA",), "ml": ("MALAYALAM",), "ta": ("TAMIL",),
    "te": ("TELUGU",), "si": ("SINHALA",), "or": ("ORIYA",), "pa": ("GURMUKHI",), "th": ("THAI",),
    "km": ("KHMER",), "my": ("MYANMAR",), "ko": ("HANGUL",),
    "ja": ("CJK", "HIRAGANA", "KATAKANA"), "zh": ("CJK",),
}
VALUE = re.compile(r"\s*[\w.-]+\s*=\s*(.+)$")
CONTINUATION = re.compile(r"\s+(\S.+)$")


def strings(xpi):
    """The cleaned values of a language pack, in file order."""
    with zipfile.ZipFile(xpi) as z:
        for name in z.namelist():
            if not name.endswith((".ftl", ".properties", ".dtd")):
                continue
            for line in z.read(name).decode("utf-8", "replace").split("\n"):
                m = VALUE.match(line) or (CONTINUATION.match(line) if name.endswith(".ftl") else None)
                if not m:
                    continue
                v = re.sub(r"\{[^}]*\}", "", m.group(1))
                v = re.sub(r"%(\d+\$)?[SsDd]", "", v)
                v = re.sub(r"<[^>]+>", "", v)
                v = html.unescape(v).replace("\\n", " ").strip().strip('"')
                yield re.sub(r"\s+", " ", v)


def in_script(text, lang):
    letters = [c for c in text if c.isalpha()]
    if len(letters) < 10:
        return False
    prefixes = SCRIPTS.get(lang, ("LATIN",))
    own = sum(1 for c in letters if unicodedata.name(c, "").startswith(prefixes))
    return own >= 0.8 * len(letters)


def pack(work, locale):
    d = os.path.join(work, locale)
    if not glob.glob(os.path.join(d, "usr/lib/firefox-esr/browser/extensions/*.xpi")):
        os.makedirs(d, exist_ok=True)
        subprocess.run(["apt-get", "download", "firefox-esr-l10n-" + locale], cwd=work, check=True,
                       stdout=subprocess.DEVNULL)
        deb = glob.glob(os.path.join(work, "firefox-esr-l10n-%s_*.deb" % locale))[0]
        subprocess.run(["dpkg", "-x", deb, d], check=True)
    return glob.glob(os.path.join(d, "usr/lib/firefox-esr/browser/extensions/*.xpi"))[0]


def main():
    out_path = sys.argv[1]
    work = sys.argv[2] if len(sys.argv) > 2 else tempfile.mkdtemp(prefix="firefox-l10n-")
    english = set(strings(pack(work, "en-gb")))
    counts = {}
    with gzip.open(out_path, "wt", encoding="utf-8") as out:
        for locale, lang in LOCALES.items():
            try:
                xpi = pack(work, locale)
            except (subprocess.CalledProcessError, IndexError):
                print("no pack for", locale, file=sys.stderr)
                continue
            seen = set()
            for text in strings(xpi):
                if len(text) < 20 or text in seen or text in english or not in_script(text, lang):
                    continue
                seen.add(text)
                out.write(json.dumps({"lang": lang, "text": text, "src": "firefox:" + locale},
                                     ensure_ascii=False) + "\n")
            counts[lang] = len(seen)
    print(json.dumps(counts), file=sys.stderr)


if __name__ == "__main__":
    main()
