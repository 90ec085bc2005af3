#!/usr/bin/env bash
# Runs LanguageIdEvaluationMain: our identifier, Lingua (high and low accuracy) and Optimaize on the
# same held-out texts in one JVM; prints Markdown tables (the figures in docs/LANGID.md).
#
#   pipeline/src/langid-training/evaluate.sh [--per-lang N] [--fortunes /usr/share/games/fortunes]
#       [--coreutils /tmp/langid-work/eval-coreutils] [--dev-corpus ../shared/corpus/dev_corpus.jsonl.gz]
#       [--vim-tutors /usr/share/vim/vim90/tutor] [--systemd-catalogs /usr/lib/systemd/catalog]
#       [--debian-manuals F.jsonl.gz] [--help-and-manpages F.jsonl.gz] [--firefox-strings F.jsonl.gz]
#       (extract_debian_manuals.py, extract_help_and_manpages.py, extract_firefox_strings.py)
#       [--speed-seconds S] [--skip-lingua-high]
#
# Europarl lines >= 8,000 are always evaluated (from the test class path). Fortunes need the Debian
# fortunes-* packages installed; the coreutils texts are written by extract_debian_text.py. Lingua
# preloads its models: give the JVM 3 GB (JAVA_OPTS).
set -euo pipefail
cd "$(dirname "$0")/../../.."
mvn -B -q -pl pipeline -am test-compile
CP_FILE=$(mktemp)
mvn -B -q -pl pipeline dependency:build-classpath -Dmdep.outputFile="$CP_FILE" -Dmdep.includeScope=test
exec java ${JAVA_OPTS:--Xmx3g} -cp "pipeline/target/test-classes:pipeline/target/classes:$(cat "$CP_FILE")" \
  io.sluice.pipeline.lang.LanguageIdEvaluationMain "$@"
