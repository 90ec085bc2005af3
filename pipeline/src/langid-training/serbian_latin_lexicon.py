#!/usr/bin/env python3
"""Builds the word lexicon that tells Serbian written in Latin script from Croatian
(pipeline/src/main/resources/io/sluice/pipeline/lang/serbian-latin-lexicon.tsv.gz, read by
SerbianLatinCheck). The model has one Serbian row, in Cyrillic; Serbian in Latin script scores as
Croatian, and the identifier asks this lexicon only after a Croatian answer.

Training text (and nothing else):
  * Serbian: the translated messages of /usr/share/locale/sr@latin/LC_MESSAGES/*.mo, plus the
    model's Serbian training text (WORK/train/sr.txt, Cyrillic, from extract_debian_text.py)
    transliterated to Latin (the two alphabets map one to one);
  * Croatian: the model's Croatian training text (WORK/train/hr.txt).
coreutils' catalogues are held out for evaluation, as for the model.

Each line: word, log-likelihood ratio ln P(word | Serbian) - ln P(word | Croatian) (additive smoothing
0.5, words seen at least 3 times in the two texts together, clipped to +-4), and the word's yat class:
+1 for an ekavian form (Serbian "mesto", "gde", "deo") whose ijekavian counterpart (Croatian "mjesto",
"gdje", "dio": one e as ije or je, or a final eo as io) occurs in the Croatian text and never in the
Serbian one while the ekavian form never occurs in the Croatian one; -1 for such a Croatian form; 0
otherwise. The yat reflex is the one regular difference between the two standards; the ratios also
carry their other words (tačka/točka, računar/računalo) and the style of the messages.

Usage: serbian_latin_lexicon.py WORK OUT.tsv.gz [LOCALE_ROOT]
"""
import collections
import gettext
import glob
import gzip
import math
import re
import sys

CYRILLIC_TO_LATIN = dict(zip(
    "абвгдђежзијклљмнњопрстћуфхцчџш",
    ["a", "b", "v", "g", "d", "đ", "e", "ž", "z", "i", "j", "k", "l", "lj", "m", "n", "nj", "o", "p",
     "r", "s", "t", "ć", "u", "f", "h", "c", "č", "dž", "š"]))
WORD = re.compile(r"[^\W\d_]+")
MIN_COUNT = 3
MIN_YAT_COUNT = 2
SMOOTHING = 0.5
CLIP = 4.0


def transliterate(text):
    out = []
    for ch in text:
        low = ch.lower()
        latin = CYRILLIC_TO_LATIN.get(low)
        if latin is None:
            out.append(ch)
        else:
            out.append(latin if ch == low else latin[0].upper() + latin[1:])
    return "".join(out)


def catalogue_messages(pattern):
    messages = []
    for path in sorted(glob.glob(pattern)):
        if "coreutils" in path:
            continue  # held out for evaluation
        with open(path, "rb") as f:
            catalogue = gettext.GNUTranslations(f)
        messages.extend(v for v in catalogue._catalog.values() if isinstance(v, str) and v)
    return messages


def word_counts(texts):
    counts = collections.Counter()
    for text in texts:
        counts.update(w.lower() for w in WORD.findall(text))
    return counts


def ijekavian_forms(word):
    forms = set()
    for i, ch in enumerate(word):
        if ch == "e":
            forms.add(word[:i] + "ije" + word[i + 1:])
            forms.add(word[:i] + "je" + word[i + 1:])
    if word.endswith("eo"):
        forms.add(word[:-2] + "io")
    return forms


def main():
    work, out = sys.argv[1], sys.argv[2]
    locale_root = sys.argv[3] if len(sys.argv) > 3 else "/usr/share/locale"
    with open(f"{work}/train/sr.txt", encoding="utf-8") as f:
        serbian = [transliterate(line) for line in f]
    serbian += catalogue_messages(f"{locale_root}/sr@latin/LC_MESSAGES/*.mo")
    with open(f"{work}/train/hr.txt", encoding="utf-8") as f:
        croatian = f.read().split("\n")
    sr, hr = word_counts(serbian), word_counts(croatian)
    sr_total, hr_total = sum(sr.values()), sum(hr.values())
    vocabulary = set(sr) | set(hr)
    yat = {}
    for word, count in sr.items():
        if count < MIN_YAT_COUNT or hr[word] > 0:
            continue
        for form in ijekavian_forms(word):
            if hr[form] >= MIN_YAT_COUNT and sr[form] == 0:
                yat[word] = 1
                yat[form] = -1
    rows = []
    for word in sorted(vocabulary):
        if len(word) < 3:
            continue
        ratio = 0.0
        if sr[word] + hr[word] >= MIN_COUNT:
            ratio = (math.log((sr[word] + SMOOTHING) / (sr_total + SMOOTHING * len(vocabulary)))
                     - math.log((hr[word] + SMOOTHING) / (hr_total + SMOOTHING * len(vocabulary))))
            ratio = max(-CLIP, min(CLIP, ratio))
        if abs(ratio) < 0.05 and word not in yat:
            continue
        rows.append(f"{word}\t{ratio:.2f}\t{yat.get(word, 0)}\n")
    with gzip.open(out, "wt", encoding="utf-8") as f:
        f.write("# Serbian (Latin) against Croatian: word, ln-ratio, yat class; "
                "built by pipeline/src/langid-training/serbian_latin_lexicon.py\n")
        f.writelines(rows)
    print(f"{len(rows)} words ({sum(1 for v in yat.values() if v > 0)} ekavian, "
          f"{sum(1 for v in yat.values() if v < 0)} ijekavian); Serbian {sr_total} words, Croatian {hr_total}")


if __name__ == "__main__":
    main()
