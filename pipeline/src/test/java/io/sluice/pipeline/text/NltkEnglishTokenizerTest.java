package io.sluice.pipeline.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Expected tokens are NLTK 3.8's ({@code word_tokenize} / {@code sent_tokenize}) for the same input. */
class NltkEnglishTokenizerTest {

    private final EnglishTokenizer tok = EnglishTokenizer.standard();

    @Test
    void splitsOffOnlyTheSentenceFinalPeriodAndKeepsDecimalsAndMoney() {
        assertThat(tok.words("On a $50,000 mortgage of 30 years at 8 percent, the monthly payment would be $366.88."))
                .containsExactly("On", "a", "$", "50,000", "mortgage", "of", "30", "years", "at", "8", "percent", ",",
                        "the", "monthly", "payment", "would", "be", "$", "366.88", ".");
        assertThat(tok.words("Pi is 3.14 and e is 2.72 roughly")).contains("3.14", "2.72");
    }

    @Test
    void convertsDoubleQuotesToOpeningAndClosingTreebankQuotes() {
        assertThat(tok.words("\"We beat some pretty good teams to get here,\" Slocum said."))
                .containsExactly("``", "We", "beat", "some", "pretty", "good", "teams", "to", "get", "here", ",", "''",
                        "Slocum", "said", ".");
    }

    @Test
    void splitsContractionsAndParentheses() {
        assertThat(tok.words("Well, we couldn't have this (a show) if she didn't."))
                .containsExactly("Well", ",", "we", "could", "n't", "have", "this", "(", "a", "show", ")", "if", "she",
                        "did", "n't", ".");
        assertThat(tok.words("I don't know.")).containsExactly("I", "do", "n't", "know", ".");
        assertThat(tok.words("I cannot cannot work under these conditions!"))
                .containsExactly("I", "can", "not", "can", "not", "work", "under", "these", "conditions", "!");
        assertThat(tok.words("It's more'n enough.")).containsExactly("It", "'s", "more", "'n", "enough", ".");
    }

    @Test
    void keepsNewlineSeparatedContractionWholeLikeNltk() {
        // n't is split only before a literal space, which the padding supplies at the sentence end.
        assertThat(tok.words("We don't\nknow")).containsExactly("We", "don't", "know");
    }

    @Test
    void knownAbbreviationsAndInitialsDoNotEndSentences() {
        assertThat(tok.sentences("Mr. Smith went to Washington. He arrived at 3 p.m. on Monday."))
                .containsExactly("Mr. Smith went to Washington.", "He arrived at 3 p.m. on Monday.");
        assertThat(tok.sentences("The U.S. Senate voted. J. R. Tolkien wrote books."))
                .containsExactly("The U.S. Senate voted.", "J. R. Tolkien wrote books.");
        assertThat(tok.words("Mr. Smith went to Washington.")).containsExactly("Mr.", "Smith", "went", "to",
                "Washington", ".");
    }

    @Test
    void dottedAbbreviationsAreTheOnesNltksEnglishModelHolds() {
        // d.h, a.c and u.s.s.r are among the model's abbreviation types; j.r.r is not, so NLTK splits there.
        assertThat(tok.sentences("-- D.H. Lawrence, \"Sesso e bellezza\""))
                .containsExactly("-- D.H. Lawrence, \"Sesso e bellezza\"");
        assertThat(tok.sentences("-- Aristóteles. (384-322 A.C.) Filósofo griego."))
                .containsExactly("-- Aristóteles.", "(384-322 A.C.) Filósofo griego.");
        assertThat(tok.sentences("Books by J.R.R. Tolkien sold well."))
                .containsExactly("Books by J.R.R.", "Tolkien sold well.");
        assertThat(tok.words("Books by J.R.R. Tolkien sold well.")).containsExactly("Books", "by", "J.R.R", ".",
                "Tolkien", "sold", "well", ".");
        // A sentence can still end on an abbreviation: "the" is a frequent sentence starter.
        assertThat(tok.sentences("He grew up in the U.S.S.R. The family moved in 1990."))
                .containsExactly("He grew up in the U.S.S.R.", "The family moved in 1990.");
    }

    @Test
    void aKnownCollocationKeepsANumberAndTheNextWordInOneSentence() {
        // ("##number##", "international") is one of the model's collocations; "foreign" is not.
        assertThat(tok.sentences("Sales rose 12. International orders fell."))
                .containsExactly("Sales rose 12. International orders fell.");
        assertThat(tok.words("Sales rose 12. International orders fell.")).containsExactly("Sales", "rose", "12.",
                "International", "orders", "fell", ".");
        assertThat(tok.sentences("Sales rose 12. Foreign orders fell."))
                .containsExactly("Sales rose 12.", "Foreign orders fell.");
    }

    @Test
    void lowerCaseAndNonLatinDottedAbbreviationsEndSentencesAsInNltksEnglishModel() {
        // German z.B. and Greek π.χ. ("for example") are not English: the reference splits after them.
        assertThat(tok.sentences("Obst, z.B. Äpfel und Birnen.")).containsExactly("Obst, z.B.", "Äpfel und Birnen.");
        assertThat(tok.sentences("Μέτρα, π.χ. οι εξουσίες.")).hasSize(2);
        // One capital and a period is an initial, decided by the second pass as before.
        assertThat(tok.sentences("J. Smith arrived.")).containsExactly("J. Smith arrived.");
    }

    @Test
    void anInitialBeforeACapitalisedNameParticleEndsASentenceButAnAbbreviationDoesNot() {
        // The model saw "de" in lower case inside sentences, so "De" after an initial is no name of its own.
        assertThat(tok.sentences("τον κ. De Rossa για την έκθεση")).containsExactly("τον κ.", "De Rossa για την έκθεση");
        assertThat(tok.sentences("Mr. De Rossa spoke.")).containsExactly("Mr. De Rossa spoke.");
        // A capitalised word never seen in lower case still makes the initial part of a name.
        assertThat(tok.sentences("τον κ. Söderman για")).containsExactly("τον κ. Söderman για");
    }

    @Test
    void abbreviationFollowedByCommonCapitalisedWordEndsSentence() {
        assertThat(tok.sentences("The shares rose at 5 p.m. The market closed."))
                .containsExactly("The shares rose at 5 p.m.", "The market closed.");
        // Before a word that is not a sentence start, a known abbreviation does not end the sentence.
        assertThat(tok.sentences("The shares rose at 5 p.m. on Monday.")).containsExactly("The shares rose at 5 p.m. on Monday.");
        // "al" is no abbreviation of the model's: "et al." ends a sentence whatever follows, as in NLTK.
        assertThat(tok.sentences("As shown by Smith et al. in 2020.")).containsExactly("As shown by Smith et al.", "in 2020.");
    }

    @Test
    void etcEndsASentenceAsInNltksModelWhichDoesNotHoldItAsAnAbbreviation() {
        assertThat(tok.sentences("outras políticas - fiscal, etc. -, para que a moeda única possa ser."))
                .containsExactly("outras políticas - fiscal, etc.", "-, para que a moeda única possa ser.");
    }

    @Test
    void ellipsisAndQuestionMarksSplitAndClosingQuotesStayWithTheirSentence() {
        assertThat(tok.sentences("He said \"Stop.\" Then he left! Did he? Yes..."))
                .containsExactly("He said \"Stop.\"", "Then he left!", "Did he?", "Yes...");
        assertThat(tok.words("Wait... what?")).containsExactly("Wait", "...", "what", "?");
    }

    @Test
    void unicodeQuotesBecomeSeparateTokens() {
        assertThat(tok.words("\u00abNow that I can do.\u00bb"))
                .containsExactly("\u00ab", "Now", "that", "I", "can", "do", ".", "\u00bb");
    }

    @Test
    void urlsStayWholeExceptForColonFollowedByNonDigit() {
        // NLTK splits the colon off the scheme (":" before "/"), but keeps the rest of the URL.
        assertThat(tok.words("See https://example.org/a?b=1 now"))
                .containsExactly("See", "https", ":", "//example.org/a", "?", "b=1", "now");
    }

    @Test
    void emptyAndBlankTextHaveNoSentencesOrWords() {
        assertThat(tok.sentences("")).isEmpty();
        assertThat(tok.words("  \n ")).isEmpty();
    }

    @Test
    void everyModelDirectoryIsRegisteredAndPreloadingReadsThemAll() throws Exception {
        Set<String> directories;
        try (Stream<Path> entries = Files.list(resourceDirectory("punkt_tab/"))) {
            directories = entries.filter(Files::isDirectory).map(p -> p.getFileName().toString())
                    .filter(name -> !name.equals("english")).collect(Collectors.toSet());
        }
        // A copied model that no language code points at would stay unused.
        assertThat(Set.copyOf(PunktSentences.modelDirectories().values())).isEqualTo(directories);

        NltkEnglishTokenizer.preloadModels();
        for (String language : PunktSentences.shippedLanguages()) {
            assertThat(PunktSentences.isLoaded(language)).as(language).isTrue();
            assertThat(NltkEnglishTokenizer.forLanguage(language)).as(language).isNotSameAs(NltkEnglishTokenizer.instance());
        }
    }

    @Test
    void languagesWithoutAModelOfTheirOwnUseDatatrovesProxies() {
        assertThat(PunktSentences.forLanguage("gl")).isSameAs(PunktSentences.forLanguage("pt"));
        assertThat(PunktSentences.forLanguage("fy")).isSameAs(PunktSentences.forLanguage("nl"));
        assertThat(PunktSentences.forLanguage("uz")).isSameAs(PunktSentences.forLanguage("tr"));
        assertThat(PunktSentences.forLanguage("nn")).isSameAs(PunktSentences.forLanguage("no"));
        assertThat(PunktSentences.forLanguage("pt")).isNotSameAs(PunktSentences.ENGLISH);
        assertThat(PunktSentences.forLanguage("et")).isSameAs(PunktSentences.ENGLISH);
        assertThat(PunktSentences.forLanguage(null)).isSameAs(PunktSentences.ENGLISH);
    }

    private static Path resourceDirectory(String name) throws URISyntaxException {
        return Path.of(PunktSentences.class.getResource(name).toURI());
    }
}
