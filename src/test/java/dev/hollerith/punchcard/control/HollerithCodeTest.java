package dev.hollerith.punchcard.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The encoder against an oracle written out by hand from the IBM 029 reference card (NOTES.md),
 * character by character, so that a mistake in the production table cannot agree with itself.
 */
class HollerithCodeTest {

    /** Rows as printed on the card, top to bottom. */
    private static final List<String> ROW_NAMES = List.of("12", "11", "0", "1", "2", "3", "4", "5", "6", "7", "8", "9");

    private static final Map<Character, String> IBM_029 = new LinkedHashMap<>();

    static {
        IBM_029.put(' ', "");
        IBM_029.put('0', "0");
        IBM_029.put('1', "1");
        IBM_029.put('2', "2");
        IBM_029.put('3', "3");
        IBM_029.put('4', "4");
        IBM_029.put('5', "5");
        IBM_029.put('6', "6");
        IBM_029.put('7', "7");
        IBM_029.put('8', "8");
        IBM_029.put('9', "9");
        IBM_029.put('A', "12-1");
        IBM_029.put('B', "12-2");
        IBM_029.put('C', "12-3");
        IBM_029.put('D', "12-4");
        IBM_029.put('E', "12-5");
        IBM_029.put('F', "12-6");
        IBM_029.put('G', "12-7");
        IBM_029.put('H', "12-8");
        IBM_029.put('I', "12-9");
        IBM_029.put('J', "11-1");
        IBM_029.put('K', "11-2");
        IBM_029.put('L', "11-3");
        IBM_029.put('M', "11-4");
        IBM_029.put('N', "11-5");
        IBM_029.put('O', "11-6");
        IBM_029.put('P', "11-7");
        IBM_029.put('Q', "11-8");
        IBM_029.put('R', "11-9");
        IBM_029.put('S', "0-2");
        IBM_029.put('T', "0-3");
        IBM_029.put('U', "0-4");
        IBM_029.put('V', "0-5");
        IBM_029.put('W', "0-6");
        IBM_029.put('X', "0-7");
        IBM_029.put('Y', "0-8");
        IBM_029.put('Z', "0-9");
        IBM_029.put('&', "12");
        IBM_029.put('-', "11");
        IBM_029.put('/', "0-1");
        IBM_029.put(':', "2-8");
        IBM_029.put('#', "3-8");
        IBM_029.put('@', "4-8");
        IBM_029.put('\'', "5-8");
        IBM_029.put('=', "6-8");
        IBM_029.put('"', "7-8");
        IBM_029.put('¢', "12-2-8");
        IBM_029.put('.', "12-3-8");
        IBM_029.put('<', "12-4-8");
        IBM_029.put('(', "12-5-8");
        IBM_029.put('+', "12-6-8");
        IBM_029.put('|', "12-7-8");
        IBM_029.put('!', "11-2-8");
        IBM_029.put('$', "11-3-8");
        IBM_029.put('*', "11-4-8");
        IBM_029.put(')', "11-5-8");
        IBM_029.put(';', "11-6-8");
        IBM_029.put('¬', "11-7-8");
        IBM_029.put(',', "0-3-8");
        IBM_029.put('%', "0-4-8");
        IBM_029.put('_', "0-5-8");
        IBM_029.put('>', "0-6-8");
        IBM_029.put('?', "0-7-8");
    }

    /** The expected column of a card as 12 characters, '1' where the oracle punches. */
    static String expectedColumn(char character) {
        String punches = IBM_029.get(character);
        List<String> punched = punches.isEmpty() ? List.of() : List.of(punches.split("-"));
        StringBuilder column = new StringBuilder();
        for (String row : ROW_NAMES) {
            column.append(punched.contains(row) ? '1' : '0');
        }
        return column.toString();
    }

    /** The expected card rows of a line of text, from the oracle only. */
    static List<String> expectedRows(String line) {
        List<String> rows = new ArrayList<>();
        for (int row = 0; row < 12; row++) {
            StringBuilder bits = new StringBuilder();
            for (int column = 0; column < 80; column++) {
                bits.append(column < line.length() ? expectedColumn(line.charAt(column)).charAt(row) : '0');
            }
            rows.add(bits.toString());
        }
        return rows;
    }

    private static String actualColumn(CardFrame frame, int column) {
        StringBuilder bits = new StringBuilder();
        for (int row = 0; row < 12; row++) {
            bits.append(frame.isPunched(row, column) ? '1' : '0');
        }
        return bits.toString();
    }

    @Test
    void theOracleHasTheWholeCharacterSetOfThe029() {
        assertEquals(63, IBM_029.size(), "62 characters and the blank");
    }

    @Test
    void everyCharacterOfThe029IsPunchedAsOnTheReferenceCard() {
        for (char character : IBM_029.keySet()) {
            CardFrame frame = CardFrame.of(String.valueOf(character));
            assertEquals(expectedColumn(character), actualColumn(frame, 0), () -> "character '" + character + "'");
        }
    }

    @Test
    void theWholeSetOnOneCardMatchesColumnByColumn() {
        StringBuilder all = new StringBuilder();
        IBM_029.keySet().forEach(all::append);
        assertEquals(expectedRows(all.toString()), CardFrame.of(all.toString()).rows());
    }

    @Test
    void noOtherCharacterIsPunchable() {
        for (int c = 0; c < 0x3000; c++) {
            assertEquals(IBM_029.containsKey((char) c), HollerithCode.canPunch(c), "U+" + Integer.toHexString(c));
        }
        assertFalse(HollerithCode.canPunch("😀".codePointAt(0)));
    }

    @Test
    void blankColumnsAreUnpunchedAndFillTheCard() {
        CardFrame frame = CardFrame.of("A B");
        assertEquals("000000000000", actualColumn(frame, 1));
        for (int column = 3; column < 80; column++) {
            assertEquals("000000000000", actualColumn(frame, column));
        }
        assertEquals(CardFrame.blank(), CardFrame.of(" ".repeat(80)));
    }

    @Test
    void rowsAreTwelveStringsOfEightyBitsTopRowTwelve() {
        List<String> rows = CardFrame.of("&").rows();
        assertEquals(12, rows.size());
        rows.forEach(row -> assertEquals(80, row.length()));
        assertEquals("1" + "0".repeat(79), rows.get(0));
        assertEquals("0".repeat(80), rows.get(1));
        assertEquals("1" + "0".repeat(79), CardFrame.of("9").rows().get(11));
    }

    @Test
    void lowerCaseIsFoldedToUpperCase() {
        assertEquals("HELLO, WORLD!", CardText.fold("Hello, world!"));
        assertEquals(CardFrame.of("ABCXYZ"), CardText.cards(CardText.fold("abcxyz")).get(0));
        assertTrue(CardText.unpunchable(CardText.fold("the quick brown fox jumps over the lazy dog")).isEmpty());
    }

    @Test
    void foldingLeavesOtherLettersAloneSoTheyAreRefusedByName() {
        assertEquals("STRAßE é", CardText.fold("straße é"));
        assertEquals(List.of("'ß' (U+00DF)", "'é' (U+00E9)"), CardText.unpunchable(CardText.fold("straße é")));
    }

    @Test
    void unpunchableCharactersAreNamedOnceInOrder() {
        assertEquals(List.of("'[' (U+005B)", "'~' (U+007E)", "U+000A", "'😀' (U+1F600)"),
                CardText.unpunchable("A[B~C[\nD😀"));
        assertEquals(List.of("'^' (U+005E)", "'{' (U+007B)", "'`' (U+0060)", "'\\' (U+005C)"),
                CardText.unpunchable("^{`\\"));
    }

    @Test
    void aTextOfEightyCharactersIsOneCard() {
        String text = "X".repeat(80);
        assertEquals(List.of(text), CardText.lines(text));
        assertEquals(expectedRows(text), CardText.cards(text).get(0).rows());
    }

    @Test
    void longerTextIsSplitIntoCardsAtWordBoundaries() {
        String first = "THE QUICK BROWN FOX JUMPS OVER THE LAZY DOG AND THEN RUNS AROUND THE FIELD ONCE"; // 80
        String text = first.substring(0, 74) + " AGAINST ALL ODDS";
        List<String> lines = CardText.lines(text);
        assertEquals(List.of(first.substring(0, 74), "AGAINST ALL ODDS"), lines);
        assertEquals(List.of(first.substring(0, 74) + " AGAIN", "AND AGAIN"), CardText.lines(first.substring(0, 74) + " AGAIN AND AGAIN"));
        List<CardFrame> cards = CardText.cards(text);
        assertEquals(2, cards.size());
        assertEquals(expectedRows(lines.get(0)), cards.get(0).rows());
        assertEquals(expectedRows("AGAINST ALL ODDS"), cards.get(1).rows());
    }

    @Test
    void aWordLongerThanACardIsCutAtColumnEighty() {
        String text = "A".repeat(100) + " B";
        assertEquals(List.of("A".repeat(80), "A".repeat(20) + " B"), CardText.lines(text));
        assertEquals(3, CardText.lines("Z".repeat(161)).size());
    }

    @Test
    void aSpaceAtTheCutIsDroppedButOthersAreKept() {
        String text = "B".repeat(80) + " " + "  C";
        assertEquals(List.of("B".repeat(80), "  C"), CardText.lines(text));
    }

    @Test
    void framesRebuiltFromTheirChainBitsAreEqual() {
        CardFrame frame = CardFrame.of("PUNCH 029 ¢¬ TEST");
        boolean[] bits = new boolean[CardFrame.BITS];
        for (int position = 0; position < bits.length; position++) {
            bits[position] = frame.bit(position);
        }
        assertEquals(frame, CardFrame.fromBits(bits));
        assertFalse(frame.bit(0), "position 0 is row 12, column 1; P is 11-7");
        assertTrue(frame.bit(80), "position 80 is row 11, column 1");
        assertTrue(frame.bit(9 * 80), "position 720 is row 7, column 1");
    }
}
