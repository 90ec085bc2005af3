package io.sluice.pipeline.signals.pii;

import java.util.Locale;
import java.util.Set;

/**
 * Labels that name a number of another kind than a phone's: order, customer, invoice, account,
 * article, serial and tracking numbers ({@code Bestellnummer: 0123987654}, {@code Order No. 030
 * 1234567}). Shop pages and invoices print them next to their contact numbers, and one that starts
 * with 0 has the shape of a national phone number. A shape-matched number right after such a label is
 * consumed as no one's number. Numbers with {@code +} or {@code 00} and numbers after a phone cue are
 * not asked.
 */
final class OtherNumberLabels {

    private OtherNumberLabels() {}

    /** Lower-case labels that name another kind of number on their own: "Bestellnummer: 0123987654". */
    private static final Set<String> LABELS = Set.of(
            "bestellnummer", "kundennummer", "rechnungsnummer", "artikelnummer", "auftragsnummer",
            "vertragsnummer", "kontonummer", "seriennummer", "sendungsnummer", "vorgangsnummer", "aktenzeichen",
            "bestelnummer", "klantnummer", "factuurnummer", "ordernummer", "rekeningnummer", "modell", "sku", "ref",
            "réf");

    /**
     * Lower-case words that name another kind of number only with a number word after them ("Order No.",
     * "Kunden-Nr.", "invoice number"): alone, they are common words of prose ("the policy", "in this case").
     */
    private static final Set<String> QUALIFIED_LABELS = Set.of(
            "order", "invoice", "customer", "account", "serial", "tracking", "item", "ticket", "model", "reference",
            "case", "policy", "part", "commande", "facture", "client", "compte", "pedido", "factura", "referencia",
            "cliente", "cuenta", "ordine", "fattura", "riferimento", "conto", "kunden", "bestell", "artikel",
            "rechnungs", "auftrags", "bestellung", "kunde", "rechnung", "auftrag", "vertrag", "konto", "serien");

    /** Words that need a qualified label before them. */
    private static final Set<String> NUMBER_WORDS = Set.of("no", "nr", "number", "num", "nummer", "n°", "nº", "núm",
            "numéro", "numero", "número");

    private static final int MAX_WORD = 16;

    /**
     * True when a label of {@link #LABELS}, or one of {@link #QUALIFIED_LABELS} and a number word, ends
     * just before {@code i}, over blanks and {@code : # .}.
     */
    static boolean before(String t, int i) {
        int end = wordEndBefore(t, i);
        if (end < 0) {
            return false;
        }
        int start = wordStart(t, end);
        if (start < 0) {
            return false;
        }
        String word = t.substring(start, end).toLowerCase(Locale.ROOT);
        if (LABELS.contains(word)) {
            return true;
        }
        if (!NUMBER_WORDS.contains(word)) {
            return false;
        }
        // "Order No.", "Kunden-Nr.": the label is the word before, after blanks or a hyphen.
        int k = start - 1;
        if (k >= 0 && (t.charAt(k) == '-' || t.charAt(k) == ' ')) {
            k--;
        }
        if (k < 0 || !Character.isLetter(t.charAt(k))) {
            return false;
        }
        int labelStart = wordStart(t, k + 1);
        if (labelStart < 0) {
            return false;
        }
        return QUALIFIED_LABELS.contains(t.substring(labelStart, k + 1).toLowerCase(Locale.ROOT));
    }

    /**
     * Where a label before {@code i} ends, over up to three blanks and then, reading back, one of
     * {@code :} or {@code #} (with blanks before it) and one {@code .}: "SSN: ", "Order No. ",
     * "Kunden-Nr.: ". The label's own reader checks the chars before that position. Shared by the
     * readers of labels that name a number's kind (this class, and the scanner's social security
     * labels).
     */
    static int labelEnd(String t, int i) {
        int k = i - 1;
        int blanks = 0;
        while (k >= 0 && blanks < 3 && (t.charAt(k) == ' ' || t.charAt(k) == '\u00a0')) {
            k--;
            blanks++;
        }
        if (k >= 0 && (t.charAt(k) == ':' || t.charAt(k) == '#')) {
            k--;
            while (k >= 0 && blanks < 5 && t.charAt(k) == ' ') {
                k--;
                blanks++;
            }
        }
        if (k >= 0 && t.charAt(k) == '.') {
            k--;
        }
        return k + 1;
    }

    /** End of the word before {@code i} (see {@link #labelEnd}), or -1 when no letter (or ° º) ends there. */
    private static int wordEndBefore(String t, int i) {
        int end = labelEnd(t, i);
        char c = end > 0 ? t.charAt(end - 1) : ' ';
        return end > 0 && (Character.isLetter(c) || c == '°' || c == 'º') ? end : -1;
    }

    /** Start of the word of letters (and a trailing ° or º) ending at {@code end}, or -1 when longer than any label. */
    private static int wordStart(String t, int end) {
        int s = end;
        if (s > 0 && (t.charAt(s - 1) == '°' || t.charAt(s - 1) == 'º')) {
            s--;
        }
        while (s > 0 && end - s <= MAX_WORD && Character.isLetter(t.charAt(s - 1))) {
            s--;
        }
        return s == end || end - s > MAX_WORD || s > 0 && Character.isLetterOrDigit(t.charAt(s - 1)) ? -1 : s;
    }
}
