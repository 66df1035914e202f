package dev.hollerith.punchcard.control;

import java.util.HashMap;
import java.util.Map;

/**
 * The IBM 029 keypunch code: which rows of a column are punched for a character. A punch set is a
 * 12-bit mask over the rows in card order (bit 0 = row 12 at the top, bit 1 = row 11, bit 2 = row
 * 0, bits 3..11 = rows 1..9), the order {@link CardFrame} draws them in.
 */
public final class HollerithCode {

    public static final int ROWS = 12;

    private static final int ZONE_12 = row(12);
    private static final int ZONE_11 = row(11);
    private static final int ZONE_0 = row(0);
    private static final int EIGHT = row(8);

    private static final Map<Integer, Integer> PUNCHES = new HashMap<>();

    static {
        PUNCHES.put((int) ' ', 0);
        for (int digit = 0; digit <= 9; digit++) {
            PUNCHES.put('0' + digit, row(digit));
        }
        // the 029 keeps the zone + digit pattern of the 026 for the letters
        zoned("ABCDEFGHI", ZONE_12, 1);
        zoned("JKLMNOPQR", ZONE_11, 1);
        zoned("STUVWXYZ", ZONE_0, 2);
        PUNCHES.put((int) '&', ZONE_12);
        PUNCHES.put((int) '-', ZONE_11);
        PUNCHES.put((int) '/', ZONE_0 | row(1));
        // the special characters are a zone (or none) + a digit 2..7 + an 8 punch
        zoned(":#@'=\"", EIGHT, 2);
        zoned("¢.<(+|", ZONE_12 | EIGHT, 2);
        zoned("!$*);¬", ZONE_11 | EIGHT, 2);
        zoned(",%_>?", ZONE_0 | EIGHT, 3);
    }

    private HollerithCode() {
    }

    private static void zoned(String characters, int zone, int firstDigit) {
        for (int i = 0; i < characters.length(); i++) {
            PUNCHES.put((int) characters.charAt(i), zone | row(firstDigit + i));
        }
    }

    /** The mask bit of a row named as on the card: 12, 11, 0, 1 … 9. */
    public static int row(int name) {
        return switch (name) {
            case 12 -> 1;
            case 11 -> 1 << 1;
            case 0 -> 1 << 2;
            default -> {
                if (name < 1 || name > 9) {
                    throw new IllegalArgumentException("A card has no row " + name);
                }
                yield 1 << (name + 2);
            }
        };
    }

    public static boolean canPunch(int codePoint) {
        return PUNCHES.containsKey(codePoint);
    }

    /** The punch mask of a character; throws for one the code cannot punch (check with {@link #canPunch}). */
    public static int punches(int codePoint) {
        Integer mask = PUNCHES.get(codePoint);
        if (mask == null) {
            throw new IllegalArgumentException("The IBM 029 code cannot punch U+" + String.format("%04X", codePoint));
        }
        return mask;
    }
}
