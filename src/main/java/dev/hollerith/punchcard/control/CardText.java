package dev.hollerith.punchcard.control;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A message as the keypunch sees it: folded to the upper case the 029 has, checked against its
 * character set, and cut into cards of 80 columns.
 */
public final class CardText {

    private CardText() {
    }

    /**
     * Only a–z are folded: the 029 has no lower case. Other letters are left alone so that
     * {@code é} is refused by name rather than silently becoming {@code É} (also unpunchable) and
     * so that folding never changes the length ({@code ß} would become {@code SS}).
     */
    public static String fold(String text) {
        StringBuilder folded = new StringBuilder(text.length());
        text.codePoints().forEach(c -> folded.appendCodePoint(c >= 'a' && c <= 'z' ? c - ('a' - 'A') : c));
        return folded.toString();
    }

    /** The characters of a folded text that no card can carry, each once, in order of appearance. */
    public static List<String> unpunchable(String folded) {
        Set<String> refused = new LinkedHashSet<>();
        folded.codePoints().filter(c -> !HollerithCode.canPunch(c)).forEach(c -> refused.add(describe(c)));
        return List.copyOf(refused);
    }

    /** {@code 'é' (U+00E9)}; control characters by code only, so the message stays printable. */
    static String describe(int codePoint) {
        String code = String.format("U+%04X", codePoint);
        return Character.isISOControl(codePoint) || Character.isWhitespace(codePoint)
                ? code : "'" + new String(Character.toChars(codePoint)) + "' (" + code + ")";
    }

    /**
     * Cuts a punchable text into card lines of at most 80 characters. A word that would cross
     * the end of a card moves to the next card (the space it followed is dropped); a word longer
     * than a card is cut at column 80.
     */
    public static List<String> lines(String folded) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        while (start < folded.length()) {
            int end = Math.min(start + CardFrame.COLUMNS, folded.length());
            if (end < folded.length() && folded.charAt(end) != ' ') {
                int space = folded.lastIndexOf(' ', end - 1);
                if (space > start) {
                    end = space;
                }
            }
            lines.add(folded.substring(start, end));
            start = end < folded.length() && folded.charAt(end) == ' ' ? end + 1 : end;
        }
        if (lines.isEmpty()) {
            lines.add("");
        }
        return lines;
    }

    /** The cards of a folded, punchable text. */
    public static List<CardFrame> cards(String folded) {
        return lines(folded).stream().map(CardFrame::of).toList();
    }
}
