#!/usr/bin/env python3
"""Extracts the Debian-packaged text the language model trains on (and the held-out coreutils
messages it is evaluated on) into plain text files, one text unit per line.

Reads, for each model language L:
  * /usr/share/locale/L/LC_MESSAGES/*.mo  -- gettext catalogues (translations of program messages):
      the translated strings (msgstr) of every catalogue except coreutils.mo go to train/L.txt;
      for English, the untranslated source strings (msgid) of the same catalogues.
      coreutils.mo messages of >= 200 characters (the --help texts) go to eval-coreutils/L.txt and
      are never trained on.
  * mt only: the Maltese word list inside tesseract-ocr-mlt's mlt.traineddata
      (extracted with combine_tessdata + dawg2wordlist), written as lines of 12 words in a fixed
      pseudo-random order, since no Debian package ships Maltese prose.
Catalogues of packages reserved for evaluation (fortunes-*, debian-reference-*, ...) ship no .mo
files; the script still skips any path mentioning fortune or debian-reference.

Usage: extract_debian_text.py OUT_DIR
"""
import gettext
import glob
import os
import random
import re
import subprocess
import sys
import tempfile

LANGS = "bg cs da de en es et fi fr ga hr hu it lt lv mt nl pl pt ro ru sk sl sv".split()
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
        src_lang = "de" if lang == "en" else lang  # English = msgids of some catalogue set
        files = sorted(glob.glob(f"/usr/share/locale/{src_lang}/LC_MESSAGES/*.mo"))
        files = [f for f in files if "fortune" not in f and "debian-reference" not in f]
        train, seen, total = [], set(), 0
        held = []
        for f in files:
            cat = catalogue(f)
            held_out = os.path.basename(f) == "coreutils.mo"
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
        if lang == "mt":
            words = maltese_words()
            rnd = random.Random(20261126)
            rnd.shuffle(words)
            for i in range(0, len(words), 12):
                line = " ".join(words[i:i + 12])
                if total >= MAX_TRAIN_CHARS:
                    break
                train.append(line)
                total += len(line)
            manifest.write("mt\ttrain\t/usr/share/tesseract-ocr/5/tessdata/mlt.traineddata (word list)\n")
        with open(f"{out}/train/{lang}.txt", "w") as w:
            w.write("\n".join(train) + "\n")
        if lang != "en":
            with open(f"{out}/eval-coreutils/{lang}.txt", "w") as w:
                w.write("\n".join(held) + ("\n" if held else ""))
        print(f"{lang}: {len(files)} catalogues, {total} train chars, {len(held)} held-out coreutils texts")


def maltese_words():
    data = "/usr/share/tesseract-ocr/5/tessdata/mlt.traineddata"
    with tempfile.TemporaryDirectory() as d:
        subprocess.run(["combine_tessdata", "-u", data, f"{d}/mlt."], check=True, stdout=subprocess.DEVNULL)
        subprocess.run(["dawg2wordlist", f"{d}/mlt.lstm-unicharset", f"{d}/mlt.lstm-word-dawg", f"{d}/words"],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        with open(f"{d}/words") as f:
            # Drop all-caps entries and English words the OCR list carries ("before").
            return [w for w in f.read().split() if not w.isupper()]


if __name__ == "__main__":
    main(sys.argv[1])
