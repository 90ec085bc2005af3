"""NLTK's own Punkt sentence splitter and word tokenizer, with the parameters Sluice ships (PunktNltkEquivalenceTest).

Usage: python3 nltk_tokenize.py PUNKT_TAB_DIR docs.jsonl > sentences.jsonl
PUNKT_TAB_DIR holds a model in NLTK's punkt_tab format (Sluice ships NLTK's English one); it is
loaded as NLTK 3.9's load_punkt_params loads it, so that NLTK 3.8 (Debian's python3-nltk, which
reads pickles) runs the same model. Each input line is a JSON string (a document); each output line
a JSON object with its sentences (stripped) and its words as datatrove's word_tokenize makes them:
NLTKWordTokenizer over each sentence as Punkt returns it (unstripped: a sentence starting with a
tab opens its quote as ''). Any difference from Sluice's splitter is a difference of algorithm.
"""
import collections
import json
import sys

import nltk.tokenize.punkt as punkt
from nltk.tokenize import NLTKWordTokenizer


def lines(path):
    # NLTK's TabDecoder: only the newline is removed (". . " keeps its trailing space).
    with open(path, encoding="utf-8") as f:
        return [line[:-1] if line.endswith("\n") else line for line in f]


def load(directory):
    params = punkt.PunktParameters()
    params.collocations = {tuple(line.split("\t")) for line in lines(f"{directory}/collocations.tab")}
    params.sent_starters = set(lines(f"{directory}/sent_starters.txt"))
    params.abbrev_types = set(lines(f"{directory}/abbrev_types.txt"))
    params.ortho_context = collections.defaultdict(
        int, {word: int(count) for word, count in (line.split("\t") for line in lines(f"{directory}/ortho_context.tab"))})
    return params


def main():
    tokenizer = punkt.PunktSentenceTokenizer(load(sys.argv[1]))
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
