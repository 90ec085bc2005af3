#!/usr/bin/env python3
"""Extracts the Debian-packaged text the language model trains on (and the held-out coreutils
messages it is evaluated on) into plain text files, one text unit per line.

Reads, for each model language L (Norwegian "no" from the nb directory):
  * /usr/share/locale/L/LC_MESSAGES/*.mo  -- gettext catalogues (translations of program messages):
      the translated strings (msgstr) of every catalogue except coreutils.mo go to train/L.txt;
      for English, the untranslated source strings (msgid) of the same catalogues.
      coreutils.mo messages of >= 200 characters (the --help texts) go to eval-coreutils/L.txt and
      are never trained on; Hindi, Marathi, Nepali and Macedonian have no coreutils catalogue here,
      and Kazakh's has one message, so they hold out glib20.mo instead.
  * no only: the paragraphs of the Debian Edu manuals in Norwegian Bokmål (debian-edu-doc-nb-no and
      debian-edu-doc-legacy-nb-no: the Debian Edu, ITIL, Audacity and Rosegarden manuals), English
      paragraphs left out. Program messages alone
      made a model that took Norwegian prose for Danish, whose training text has Europarl's prose.
  * mt, no, da: the word list inside Tesseract's traineddata for the language (tesseract-ocr-mlt,
      -nor, -dan; extracted with combine_tessdata + dawg2wordlist), written as lines of 12 words in a
      fixed pseudo-random order: all Maltese text there is (no Debian package ships Maltese prose),
      and 0.4 M chars each for Norwegian and Danish, without the words of Tesseract's English list
      (see WORD_LISTS).
Catalogues of packages reserved for evaluation (fortunes-*, debian-reference-*, ...) ship no .mo
files; the script still skips any path mentioning fortune or debian-reference.

Usage: extract_debian_text.py OUT_DIR
"""
import gettext
import glob
import html
import os
import random
import re
import subprocess
import sys
import tempfile

LANGS = "be bg ca cs da de en eo es et eu fi fr ga hi hr hu id it kk lt lv mk mr mt ne nl no pl pt ro ru sk sl sr sv tr uk vi".split()
# Languages without a coreutils catalogue here hold out GLib's instead (every one of them has it).
HELD_OUT_INSTEAD_OF_COREUTILS = {"hi": "glib20.mo", "mr": "glib20.mo", "ne": "glib20.mo", "mk": "glib20.mo",
                                 "kk": "glib20.mo"}
# The locale directory a model language's catalogues are read from, where it is not the code itself:
# English is the msgids of the German catalogues; Norwegian is Bokmål's catalogues (the identifier
# answers the macrolanguage code "no", as langdetect and fastText label Norwegian).
LOCALE_DIR = {"en": "de", "no": "nb"}
MAX_TRAIN_CHARS = 1_500_000
PLACEHOLDER = re.compile(r"%(\d+\$)?[-+ 0#']*\d*(\.\d+)?[hlLqjzt]*[a-zA-Z%]|\{[^}]*\}|<[^>]+>|\$\{[^}]*\}|&[a-z]+;")


def clean(s):
    s = PLACEHOLDER.sub(" ", s)
    s = s.replace("_", "").replace("&", "").replace("\\n", " ")
    return " ".join(s.split())


def catalogue(path):
    with open(path, "rb") as f:
        try:
            return gettext.GNUTranslations(f)._catalog
        except Exception as e:  # a broken catalogue is skipped, not fatal
            print(f"skip {path}: {e}", file=sys.stderr)
            return {}


def strings(cat, want_msgid):
    for k, v in cat.items():
        if not k:
            continue  # the header entry
        if isinstance(k, tuple):  # plural forms: (msgid, n)
            src = k[0]
        else:
            src = k
        text = src if want_msgid else v
        if isinstance(text, str):
            for part in text.split("\x00"):
                yield clean(part)


def main(out):
    os.makedirs(f"{out}/train", exist_ok=True)
    os.makedirs(f"{out}/eval-coreutils", exist_ok=True)
    manifest = open(f"{out}/manifest.txt", "w")
    for lang in LANGS:
        src_lang = LOCALE_DIR.get(lang, lang)
        files = sorted(glob.glob(f"/usr/share/locale/{src_lang}/LC_MESSAGES/*.mo"))
        files = [f for f in files if "fortune" not in f and "debian-reference" not in f]
        train, seen, total = [], set(), 0
        held = []
        for f in files:
            cat = catalogue(f)
            held_out = os.path.basename(f) == HELD_OUT_INSTEAD_OF_COREUTILS.get(lang, "coreutils.mo")
            for s in strings(cat, want_msgid=(lang == "en")):
                if len(s) < 3 or s in seen:
                    continue
                seen.add(s)
                if held_out:
                    if len(s) >= 200:
                        held.append(s)
                elif total < MAX_TRAIN_CHARS:
                    train.append(s)
                    total += len(s)
            manifest.write(f"{lang}\t{'eval' if held_out else 'train'}\t{f}\n")
        if lang == "no":
            for doc_dir in NORWEGIAN_MANUALS:
                for paragraph in debian_edu_manual_paragraphs(doc_dir):
                    if paragraph not in seen and total < MAX_TRAIN_CHARS:
                        seen.add(paragraph)
                        train.append(paragraph)
                        total += len(paragraph)
                manifest.write(f"no\ttrain\t{doc_dir}/*.html (paragraphs)\n")
        if lang in WORD_LISTS:
            tessdata, seed, limit = WORD_LISTS[lang]
            words = tesseract_words(tessdata)
            if lang != "mt":
                # Their lists hold English words ("drift", "canyon", "help"): with them short English
                # lines were Norwegian. Words of Tesseract's English list are left out.
                english = {w.lower() for w in tesseract_words("eng")}
                words = [w for w in words if w.lower() not in english]
            random.Random(seed).shuffle(words)
            added = 0
            for i in range(0, len(words), 12):
                line = " ".join(words[i:i + 12])
                if total >= MAX_TRAIN_CHARS or added >= limit:
                    break
                train.append(line)
                total += len(line)
                added += len(line)
            manifest.write(f"{lang}\ttrain\t/usr/share/tesseract-ocr/5/tessdata/{tessdata}.traineddata (word list)\n")
        with open(f"{out}/train/{lang}.txt", "w") as w:
            w.write("\n".join(train) + "\n")
        if lang != "en":
            with open(f"{out}/eval-coreutils/{lang}.txt", "w") as w:
                w.write("\n".join(held) + ("\n" if held else ""))
        print(f"{lang}: {len(files)} catalogues, {total} train chars, {len(held)} held-out coreutils texts")


# Tesseract word lists, as lines of 12 words in a fixed pseudo-random order: (traineddata, seed, at
# most this many chars). Maltese has no prose here at all. Norwegian's and Danish's give both the
# breadth of an everyday vocabulary that program messages lack: without them Norwegian prose with
# "byen", "kirken", "foredraget" was Danish, whose training text has Europarl's prose; both get one,
# so neither gains on the other by it alone.
WORD_LISTS = {"mt": ("mlt", 20261126, MAX_TRAIN_CHARS),
              "no": ("nor", 20261128, 400_000),
              "da": ("dan", 20261128, 400_000),
              # Languages with 0.1-0.4 M chars of program messages here: the everyday vocabulary their
              # catalogues lack.
              "be": ("bel", 20261129, 400_000),
              "eu": ("eus", 20261129, 400_000),
              "kk": ("kaz", 20261129, 400_000),
              "mk": ("mkd", 20261129, 400_000)}
NORWEGIAN_MANUALS = ["/usr/share/doc/debian-edu-doc-nb-no", "/usr/share/doc/debian-edu-doc-legacy-nb-no"]
NORWEGIAN_WORDS = set("og er på av til å ikke som det med jeg du vi har kan skal".split())
ENGLISH_WORDS = set("the and is to of a in you it for this that be on with are can will by from or as".split())


def debian_edu_manual_paragraphs(doc_dir):
    """The <p> paragraphs of at least 40 chars of a Debian Edu manual translation, in file order;
    paragraphs the translation left in English (a twentieth or more of their words English function
    words, or none of them a common Norwegian word) are left out."""
    out = []
    for f in sorted(glob.glob(f"{doc_dir}/*.html")):
        with open(f, encoding="utf-8") as h:
            page = re.sub(r"(?s)<(script|style)\b.*?</\1>", " ", h.read())
        for raw in re.findall(r"(?s)<p\b[^>]*>(.*?)</p>", page):
            text = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", raw)).split())
            words = re.findall(r"\w+", text.lower())
            if len(text) < 40 or sum(w in ENGLISH_WORDS for w in words) * 20 >= len(words) \
                    or not any(w in NORWEGIAN_WORDS for w in words):
                continue
            out.append(text)
    return out


def tesseract_words(tessdata):
    """The word list of Tesseract's LSTM model for a language (e.g. mlt), as a list of words."""
    data = f"/usr/share/tesseract-ocr/5/tessdata/{tessdata}.traineddata"
    with tempfile.TemporaryDirectory() as d:
        subprocess.run(["combine_tessdata", "-u", data, f"{d}/{tessdata}."], check=True, stdout=subprocess.DEVNULL)
        subprocess.run(["dawg2wordlist", f"{d}/{tessdata}.lstm-unicharset", f"{d}/{tessdata}.lstm-word-dawg",
                        f"{d}/words"], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        with open(f"{d}/words") as f:
            # Drop all-caps entries and English words the OCR list carries ("before").
            return [w for w in f.read().split() if not w.isupper()]


if __name__ == "__main__":
    main(sys.argv[1])
