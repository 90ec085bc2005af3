package io.sluice.pipeline.signals.quality;

/**
 * datatrove's punctuation set ({@code datatrove.utils.text.PUNCTUATION_SET}): ASCII and CJK
 * punctuation, a few symbols, C0/C1 control characters and sentence-final marks of many scripts.
 * A token made only of these is a "symbol word" for Gopher.
 */
final class Punctuation {

    private Punctuation() {
    }

    private static final String LISTED = "!/\u2014\u201D:\uFF05\uFF11\u3008&(\u3001\u2501\\\u3010#%\u300C\u300D"
            + "\uFF0C\u3011\uFF1B+^]~\u201C\u300A\u201E';\u2019{|\u2236\u00B4[=-`*\uFF0E\uFF08\u2013\uFF1F"
            + "\uFF01\uFF1A$\uFF5E\u00AB\u3009,><\u300B)?\uFF09\u3002\u2026@_.\"}\u25BA\u00BB"
            // sentence-final marks of other scripts (TERMINAL_PUNCTUATION, BMP part)
            + "\uFF61\uFE52\uFE57\uFE56\u203C\u203D\u2047\u2048\u2049\u0964\u0965\u061F\u06D4\u061E\u0700"
            + "\u0701\u0702\u1362\u1367\u1368\u0589\u104A\u104B\u17D4\u17D5\u17D6\u17D9\u17DA\u1803\u1809"
            + "\uA4FF\uA60E\uA60F\uA6F3\uA6F7\u2E2E\u2E3C\u07F9\u166E\u1944\u1945";

    private static final boolean[] BMP = new boolean[0x10000];

    static {
        for (int i = 0; i < LISTED.length(); i++) {
            BMP[LISTED.charAt(i)] = true;
        }
        for (int c = 0; c < 32; c++) {
            // datatrove lists 0-8 and 11-31: tab and newline are not punctuation
            BMP[c] = c != '\t' && c != '\n';
        }
        for (int c = 127; c < 160; c++) {
            BMP[c] = true;
        }
    }

    static boolean contains(int cp) {
        return cp < 0x10000 && BMP[cp];
    }
}
