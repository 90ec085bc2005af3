#!/usr/bin/env python3
"""Held-out language-ID text from the translated Debian manuals (evaluation only, never training).

Reads the HTML of `debian-handbook`, `maint-guide-*` and `developers-reference-*` unpacked under
ROOT (e.g. `apt-get download debian-handbook maint-guide-de ... && dpkg -x PKG.deb ROOT`), and writes
one JSON line per paragraph (`<p>` or Publican's `<div class="para">`) with its language, taken from
the translation's directory: {"id": "handbook:de:12", "lang": "de", "text": "..."}.

Translations are partial: untranslated paragraphs stay English, sometimes with a translated link in
them. A paragraph is left out when it is one of the English original's paragraphs, or when more than
30% of its word 3-grams occur in the English original (commands and file names are single words, so
translated prose shares few 3-grams with it). Without this, a third of the "Italian" developers'
reference is English and every identifier is "wrong" on it.

Usage: extract_debian_manuals.py ROOT OUT.jsonl.gz
Then:  pipeline/src/langid-training/evaluate.sh --debian-manuals OUT.jsonl.gz [--ours-only]
"""
import collections
import gzip
import html
import json
import os
import re
import sys

LANGS = set('ar bg ca cs da de el en eo es et fi fr ga hr hu it ja lt lv mt nl no pl pt ro ru sk sl sv tr uk vi zh'.split())
# Norwegian Bokmål's translation answers as the macrolanguage code the identifier gives.
CODE = {'nb': 'no'}
PARAGRAPH = re.compile(r'(?is)<p\b[^>]*>(.*?)</p>|<div class="para"[^>]*>(.*?)</div>')


def paragraphs(path):
    s = open(path, encoding='utf-8', errors='replace').read()
    s = re.sub(r'(?is)<(script|style|pre)\b.*?</\1>', ' ', s)
    for m in PARAGRAPH.finditer(s):
        t = re.sub(r'(?s)<[^>]+>', ' ', m.group(1) or m.group(2) or '')
        t = re.sub(r'\s+', ' ', html.unescape(t)).strip()
        if t:
            yield t


def collect(directory, recursive=True):
    out = []
    for dirpath, _, files in os.walk(directory):
        if not recursive and dirpath != directory:
            continue
        for f in sorted(files):
            if f.endswith('.html'):
                out.extend(paragraphs(os.path.join(dirpath, f)))
    return out


def trigrams(p):
    w = p.lower().split()
    return list(zip(w, w[1:], w[2:]))


def main(root, out_path):
    share = os.path.join(root, 'usr/share')
    # (source, language, directory, English original's directory or None, recursive)
    sets = []
    handbook = os.path.join(share, 'doc/debian-handbook/html')
    if os.path.isdir(handbook):
        for d in sorted(os.listdir(handbook)):
            code = d.split('-')[0]
            sets.append(('handbook', CODE.get(code, code), os.path.join(handbook, d), os.path.join(handbook, 'en-US'), True))
    guide = os.path.join(share, 'doc/maint-guide')
    for d in sorted(os.listdir(os.path.join(share, 'doc'))):
        if d.startswith('maint-guide-'):
            sets.append(('maint-guide', d[len('maint-guide-'):].split('-')[0], os.path.join(share, 'doc', d), guide, True))
    if os.path.isdir(guide):
        sets.append(('maint-guide', 'en', guide, None, True))
    devref = os.path.join(share, 'developers-reference')
    if os.path.isdir(devref):
        for d in sorted(os.listdir(devref)):
            if d in LANGS:
                sets.append(('devref', d, os.path.join(devref, d), devref, True))
        sets.append(('devref', 'en', devref, None, False))  # the translations are its subdirectories

    originals = {}
    counts = collections.Counter()
    left_out = collections.Counter()
    with gzip.open(out_path, 'wt', encoding='utf-8') as out:
        for source, lang, directory, english_dir, recursive in sets:
            if lang not in LANGS or not os.path.isdir(directory):
                continue
            english, english_trigrams = set(), set()
            if english_dir and lang != 'en':
                if english_dir not in originals:
                    ps = set(collect(english_dir, english_dir != devref))
                    originals[english_dir] = (ps, {g for p in ps for g in trigrams(p)})
                english, english_trigrams = originals[english_dir]
            seen = set()
            for i, p in enumerate(collect(directory, recursive)):
                g = trigrams(p)
                if p in english or g and sum(x in english_trigrams for x in g) / len(g) > 0.3:
                    left_out[source, lang] += 1
                    continue
                if p in seen:
                    continue
                seen.add(p)
                out.write(json.dumps({'id': f'{source}:{lang}:{i}', 'lang': lang, 'text': p}, ensure_ascii=False) + '\n')
                counts[source, lang] += 1
    for (source, lang), n in sorted(counts.items()):
        print(f'{source} {lang}: {n} paragraphs, {left_out[source, lang]} left out as English', file=sys.stderr)


if __name__ == '__main__':
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
