package dev.hollerith.punchcard.control;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One 12 × 80 picture of a card: per column the punch mask of {@link HollerithCode}. Immutable,
 * so the display can hand the current frame to status readers while the worker punches the next.
 */
public final class CardFrame {

    public static final int COLUMNS = 80;
    public static final int BITS = COLUMNS * HollerithCode.ROWS;

    private static final CardFrame BLANK = new CardFrame(new short[COLUMNS]);

    private final short[] columns;

    private CardFrame(short[] columns) {
        this.columns = columns;
    }

    public static CardFrame blank() {
        return BLANK;
    }

    /** The card of up to 80 characters, left-aligned, blank columns after them. */
    public static CardFrame of(String line) {
        if (line.codePointCount(0, line.length()) > COLUMNS) {
            throw new IllegalArgumentException("A card holds at most " + COLUMNS + " characters");
        }
        short[] columns = new short[COLUMNS];
        int[] codePoints = line.codePoints().toArray();
        for (int i = 0; i < codePoints.length; i++) {
            columns[i] = (short) HollerithCode.punches(codePoints[i]);
        }
        return new CardFrame(columns);
    }

    /** This card as it looks after only its first {@code count} columns were punched. */
    public CardFrame firstColumns(int count) {
        short[] partial = new short[COLUMNS];
        System.arraycopy(columns, 0, partial, 0, Math.max(0, Math.min(count, COLUMNS)));
        return new CardFrame(partial);
    }

    /** @param row 0..11 top to bottom (rows 12, 11, 0, 1 … 9); @param column 0..79 */
    public boolean isPunched(int row, int column) {
        return (columns[column] >> row & 1) == 1;
    }

    public int column(int column) {
        return columns[column];
    }

    /**
     * The bit at a position of the shift-register chain: position = row × 80 + column, so the
     * first register holds row 12, columns 1–8 (see README "Wiring").
     */
    public boolean bit(int position) {
        return isPunched(position / COLUMNS, position % COLUMNS);
    }

    /** The card as 12 strings of 80 '0'/'1', rows 12, 11, 0, 1 … 9 top to bottom. */
    public List<String> rows() {
        List<String> rows = new ArrayList<>(HollerithCode.ROWS);
        for (int row = 0; row < HollerithCode.ROWS; row++) {
            StringBuilder line = new StringBuilder(COLUMNS);
            for (int column = 0; column < COLUMNS; column++) {
                line.append(isPunched(row, column) ? '1' : '0');
            }
            rows.add(line.toString());
        }
        return rows;
    }

    /** Rebuilds a frame from the 960 bits of the chain (e.g. as a test read them from the pins). */
    public static CardFrame fromBits(boolean[] bits) {
        if (bits.length != BITS) {
            throw new IllegalArgumentException("A frame has " + BITS + " bits, not " + bits.length);
        }
        short[] columns = new short[COLUMNS];
        for (int position = 0; position < BITS; position++) {
            if (bits[position]) {
                columns[position % COLUMNS] |= (short) (1 << (position / COLUMNS));
            }
        }
        return new CardFrame(columns);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CardFrame frame && Arrays.equals(columns, frame.columns);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(columns);
    }

    @Override
    public String toString() {
        return String.join("\n", rows());
    }
}
