"""NLTK's own Punkt sentence splitter and word tokenizer, with Sluice's parameters (PunktNltkEquivalenceTest).

Usage: python3 nltk_tokenize.py punkt-english.txt docs.jsonl > sentences.jsonl
Each input line is a JSON string (a document); each output line a JSON object with its sentences
(stripped) and its words as datatrove's word_tokenize makes them: NLTKWordTokenizer over each
sentence as Punkt returns it (unstripped: a sentence starting with a tab opens its quote as ''). NLTK's trained English model is not used: the parameters are Sluice's hand-written lists,
loaded the way PunktSentences reads them, plus its one rule that is not a list (a run of capital
initials such as "D.H." is an abbreviation), so any difference is a difference of algorithm.
"""
import collections
import json
import re
import sys

import nltk.tokenize.punkt as punkt
from nltk.tokenize import NLTKWordTokenizer

BEG_UC, MID_UC, BEG_LC, MID_LC = 1 << 1, 1 << 2, 1 << 4, 1 << 5
CAPITAL_INITIALS = re.compile(r"^(?:[A-Z]\.){2,}$")


def load(path):
    sections = collections.defaultdict(set)
    section = None
    with open(path, encoding="utf-8") as f:
        for line in f:
            entry = line.split("#", 1)[0].strip()
            if not entry:
                continue
            if entry.startswith("["):
                section = entry
            else:
                sections[section].add(entry)
    params = punkt.PunktParameters()
    params.abbrev_types = set(sections["[abbreviations]"])
    params.sent_starters = set(sections["[sentence_starters]"])
    for word in sections["[mixed_case]"]:
        params.ortho_context[word] = BEG_UC | MID_UC | MID_LC
    for word in sections["[common_lowercase]"]:
        params.ortho_context[word] = BEG_UC | MID_LC
    return params


def main():
    tokenizer = punkt.PunktSentenceTokenizer(load(sys.argv[1]))
    first_pass = punkt.PunktSentenceTokenizer._first_pass_annotation

    def with_capital_initials(self, aug_tok):
        first_pass(self, aug_tok)
        if aug_tok.sentbreak and CAPITAL_INITIALS.match(aug_tok.tok):
            aug_tok.sentbreak = False
            aug_tok.abbr = True

    punkt.PunktSentenceTokenizer._first_pass_annotation = with_capital_initials
    words = NLTKWordTokenizer()
    out = sys.stdout
    with open(sys.argv[2], encoding="utf-8") as f:
        for line in f:
            sentences = tokenizer.tokenize(json.loads(line))
            stripped = [s.strip() for s in sentences if s.strip()]
            tokens = [t for s in sentences for t in words.tokenize(s)]
            out.write(json.dumps({"sentences": stripped, "words": tokens}, ensure_ascii=False))
            out.write("\n")


if __name__ == "__main__":
    main()
