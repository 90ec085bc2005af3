#!/usr/bin/env python3
"""Held-out language-ID text from GNOME's user help and the translated man pages (evaluation only,
never training: neither ships gettext catalogues, the only Debian text extract_debian_text.py reads).

Reads a directory into which the packages were unpacked, e.g.
  apt-get download gnome-user-docs manpages-id manpages-mk manpages-sr manpages-uk manpages-vi
  for d in *.deb; do dpkg -x "$d" ROOT; done
and writes one JSON line per paragraph with its language, taken from the translation's directory:
{"id": "gnome-help:sr:12", "lang": "sr", "text": "..."}.
  * gnome-user-docs: the <p> elements of /usr/share/help/<lang>/gnome-help/*.page (Mallard), less
    paragraphs identical to one of the English original's (C/), which the translation left as they were.
  * manpages-<lang>: the text paragraphs of /usr/share/man/<lang>/man*/*.gz (roff), macros and font
    escapes removed, less paragraphs with English function words in them (untranslated strings).
Serbian in Latin script (sr@latin) is left out: the identifier answers Serbian only in Cyrillic.

Usage: extract_help_and_manpages.py ROOT OUT.jsonl.gz
Then:  pipeline/src/langid-training/evaluate.sh --help-and-manpages OUT.jsonl.gz [--ours-only]
"""
import glob
import gzip
import json
import os
import re
import sys
import xml.etree.ElementTree as ET

MALLARD = "{http://projectmallard.org/1.0/}"
# zh_CN and pt_BR answer as the identifier does: zh and pt.
LANG_OF_DIR = {"pt_BR": "pt", "zh_CN": "zh", "zh_TW": "zh"}
ENGLISH = set("the and is are of you your this that with can will from which when".split())


def mallard_paragraphs(path):
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as e:
        print(f"skip {path}: {e}", file=sys.stderr)
        return []
    out = []
    for p in root.iter(MALLARD + "p"):
        text = " ".join("".join(p.itertext()).split())
        if text:
            out.append(text)
    return out


ROFF_ESCAPE = re.compile(r"\\f(\[[^]]*\]|\(..|.)|\\s[-+]?\d+|\\\(..|\\\[[^]]*\]|\\[&|^%:]|\\\*(\(..|\[[^]]*\]|.)")


def roff_paragraphs(path):
    with gzip.open(path, "rt", encoding="utf-8", errors="replace") as f:
        lines = f.read().split("\n")
    out, current = [], []
    for line in lines:
        if line.startswith(".") or line.startswith("'"):
            macro = line[1:].split(" ", 1)[0]
            if macro in ("PP", "P", "LP", "SH", "SS", "TP", "IP", "HP", "sp", "br", "RS", "RE", "TH", "nf", "fi", "EX", "EE"):
                if current:
                    out.append(" ".join(current))
                    current = []
            elif macro in ("B", "I", "BR", "IR", "RB", "RI", "BI", "IB") and " " in line:
                current.append(line.split(" ", 1)[1].replace('"', ""))
            continue
        if not line.strip():
            if current:
                out.append(" ".join(current))
                current = []
            continue
        current.append(line)
    if current:
        out.append(" ".join(current))
    cleaned = []
    for p in out:
        p = ROFF_ESCAPE.sub("", p).replace("\\-", "-").replace("\\e", "\\").replace("\\ ", " ")
        p = " ".join(p.split())
        words = re.findall(r"\w+", p.lower())
        if p and not any(w in ENGLISH for w in words):
            cleaned.append(p)
    return cleaned


def main(root, out_path):
    counts = {}
    with gzip.open(out_path, "wt", encoding="utf-8") as out:
        help_root = f"{root}/usr/share/help"
        english = set()
        for f in glob.glob(f"{help_root}/C/gnome-help/*.page"):
            english.update(mallard_paragraphs(f))
        for lang_dir in sorted(os.listdir(help_root)) if os.path.isdir(help_root) else []:
            if lang_dir == "C" or "@" in lang_dir:
                continue
            lang = LANG_OF_DIR.get(lang_dir, lang_dir)
            i = 0
            for f in sorted(glob.glob(f"{help_root}/{lang_dir}/gnome-help/*.page")):
                for p in mallard_paragraphs(f):
                    if p in english:
                        continue
                    out.write(json.dumps({"id": f"gnome-help:{lang}:{i}", "lang": lang, "text": p}, ensure_ascii=False) + "\n")
                    i += 1
            counts["gnome-help", lang] = i
        man_root = f"{root}/usr/share/man"
        for lang_dir in sorted(os.listdir(man_root)) if os.path.isdir(man_root) else []:
            if "@" in lang_dir or not os.path.isdir(f"{man_root}/{lang_dir}") or lang_dir.startswith("man"):
                continue
            lang = LANG_OF_DIR.get(lang_dir, lang_dir)
            i = 0
            for f in sorted(glob.glob(f"{man_root}/{lang_dir}/man*/*.gz")):
                for p in roff_paragraphs(f):
                    out.write(json.dumps({"id": f"manpages:{lang}:{i}", "lang": lang, "text": p}, ensure_ascii=False) + "\n")
                    i += 1
            counts["manpages", lang] = i
    for (source, lang), n in sorted(counts.items()):
        print(f"{source} {lang}: {n} paragraphs", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
