package dev.nifiidcard.offline.card;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The portrait side's fields as read, before normalization: each found by its label, in the fixed order the card
 * prints them (姓名; 性别 and 民族 on one row; 出生; 住址 over several rows; 公民身份号码 at the bottom). A field whose
 * row was not found is {@link ReadText#EMPTY}.
 *
 * @param addressIncomplete whether a row of the address seems lost: a hole between its rows, or a last row that
 *                          fills the line with room for another below it
 */
record FrontSide(ReadText name, ReadText sex, ReadText nation, ReadText birth, ReadText address, ReadText number,
                 boolean addressIncomplete, boolean nameIncomplete) {

    /** Room for this many characters more than a name line read means one was dropped. */
    private static final double LOST_CHARACTER = 0.6;

    /** From the 住址 row to the number row, in address row pitches: 17.5 mm and 5.2 mm on the card. */
    private static final double ADDRESS_TO_NUMBER_PITCHES = 17.5 / 5.2;
    private static final int MAX_ADDRESS_ROWS = 4;
    /** How far right of the address column, in row heights, a row's start says a character was lost before it. */
    private static final double LOST_START = 0.4;
    /** A printed address row holds at most 11 characters. */
    private static final int FULL_ROW = 11;

    /** Eighteen characters of an ID number; the recognizer reads the check character X in either case. */
    private static final Pattern NUMBER = Pattern.compile("[0-9Xx]{15,}");

    /** Whether the rows look like a front: its number row or two of its labels. */
    static boolean isFront(final List<CardRow> rows) {
        final long labels = rows.stream().filter(row -> {
            final String text = row.text().text();
            return text.contains(Label.NAME.printed()) || text.contains(Label.SEX.printed()) || text.contains(Label.BIRTH.printed())
                    || text.contains(Label.ADDRESS.printed()) || text.contains(Label.NUMBER.printed());
        }).count();
        return labels >= 2 || rows.stream().anyMatch(row -> NUMBER.matcher(row.text().text()).find());
    }

    static FrontSide read(final List<CardRow> rows) {
        final int nameRow = find(rows, Label.NAME, 0);
        final int sexRow = find(rows, Label.SEX, Math.max(nameRow, 0));
        final int birthRow = find(rows, Label.BIRTH, Math.max(sexRow, 0));
        final int addressRow = find(rows, Label.ADDRESS, Math.max(birthRow, 0));
        final int numberRow = numberRow(rows);

        final ReadText name = nameRow < 0 ? ReadText.EMPTY : rows.get(nameRow).textAfter(Label.NAME);
        ReadText sex = ReadText.EMPTY;
        ReadText nation = ReadText.EMPTY;
        if (sexRow >= 0) {
            final ReadText row = rows.get(sexRow).text();
            final int sexAt = Label.SEX.endIn(row.text());
            sex = row.substring(sexAt, Math.min(sexAt + 1, row.length()));
            final int nationAt = Label.NATION.endIn(row.text().substring(Math.min(sexAt + 1, row.length())));
            // the 民族 label misread: the value still follows its two characters
            final int valueAt = sexAt + 1 + (nationAt >= 0 ? nationAt : Label.NATION.printed().length());
            nation = valueAt < row.length() ? row.substring(valueAt) : ReadText.EMPTY;
        }
        final ReadText birth = birthRow < 0 ? ReadText.EMPTY : rows.get(birthRow).textAfter(Label.BIRTH);
        final List<CardRow> addressRows = addressRow < 0 ? List.of() : addressRows(rows, addressRow, numberRow < 0 ? rows.size() : numberRow);
        ReadText address = addressRows.isEmpty() ? ReadText.EMPTY : addressRows.get(0).textAfter(Label.ADDRESS);
        for (int i = 1; i < addressRows.size(); i++) {
            address = address.concat(addressRows.get(i).text());
        }
        final ReadText number = numberRow < 0 ? ReadText.EMPTY : number(rows.get(numberRow).text());
        return new FrontSide(name, sex, nation, birth, address, number,
                numberRow >= 0 && !addressRows.isEmpty() && rowLost(addressRows, rows.get(numberRow)),
                nameRow >= 0 && characterLost(rows.get(nameRow)));
    }

    private static int find(final List<CardRow> rows, final Label label, final int from) {
        for (int i = from; i < rows.size(); i++) {
            if (label.endIn(rows.get(i).text().text()) >= 0) {
                return i;
            }
        }
        return -1;
    }

    /** The bottom-most row that holds a long run of digits: the number row, whatever became of its label. */
    private static int numberRow(final List<CardRow> rows) {
        for (int i = rows.size() - 1; i >= 0; i--) {
            if (NUMBER.matcher(rows.get(i).text().text()).find()) {
                return i;
            }
        }
        return -1;
    }

    private static ReadText number(final ReadText row) {
        final Matcher digits = NUMBER.matcher(row.text());
        ReadText longest = ReadText.EMPTY;
        while (digits.find()) {
            if (digits.end() - digits.start() > longest.length()) {
                longest = row.substring(digits.start(), digits.end());
            }
        }
        return longest;
    }

    /** Whether a line of the name row, other than its label's, has room for a character it did not read. */
    private static boolean characterLost(final CardRow row) {
        return row.lines().stream()
                .filter(line -> Label.NAME.endIn(line.text().withoutSpaces().text()) < 0)
                .anyMatch(line -> line.unreadRoom() > LOST_CHARACTER);
    }

    /**
     * Whether a row of the address fills its line: eleven characters, or the width of eleven Chinese characters when
     * it holds digits, which print half as wide.
     */
    private static boolean isFull(final ReadText row) {
        return row.length() >= FULL_ROW || row.printedWidth() >= FULL_ROW - 0.5;
    }

    /** The address's rows: the 住址 row and every row under it above the number that starts in the value column. */
    private static List<CardRow> addressRows(final List<CardRow> rows, final int first, final int end) {
        final CardRow labelled = rows.get(first);
        final List<CardRow> address = new ArrayList<>(List.of(labelled));
        for (int i = first + 1; i < end; i++) {
            final CardRow row = rows.get(i);
            // the address continues under its first line; a row starting left of the label column is not the address
            if (row.left() < labelled.left() - labelled.height()) {
                break;
            }
            address.add(row);
        }
        return address;
    }

    /**
     * Whether an address row seems lost (under glare, say): the rows stand at fixed pitches between the 住址 row and the
     * number row, so an empty slot between two read rows, or a full last row with a free slot under it, gives it away.
     */
    private static boolean rowLost(final List<CardRow> address, final CardRow numberRow) {
        final double top = address.get(0).centerY();
        final double pitch = (numberRow.centerY() - top) / ADDRESS_TO_NUMBER_PITCHES;
        int expected = 0;
        for (final CardRow row : address) {
            if (Math.round((row.centerY() - top) / pitch) > expected) {
                return true;
            }
            expected++;
        }
        for (int i = 0; i < address.size() - 1; i++) {
            // a row the address goes on after is full: one that is not lost its end
            if (!isFull(i == 0 ? address.get(0).textAfter(Label.ADDRESS) : address.get(i).text())) {
                return true;
            }
        }
        // the rows under the first start where its value starts: one starting further right lost its first characters
        final double column = valueColumn(address);
        for (int i = 1; i < address.size(); i++) {
            if (address.get(i).left() > column + LOST_START * address.get(i).height()) {
                return true;
            }
        }
        final CardRow last = address.get(address.size() - 1);
        final boolean full = isFull(address.size() > 1 ? last.text() : last.textAfter(Label.ADDRESS));
        return full && address.size() < MAX_ADDRESS_ROWS;
    }

    /** Where the address's value starts: the leftmost of its rows below the first, and of the first's value line. */
    private static double valueColumn(final List<CardRow> address) {
        double column = Double.MAX_VALUE;
        for (int i = 1; i < address.size(); i++) {
            column = Math.min(column, address.get(i).left());
        }
        for (final CardLine line : address.get(0).lines()) {
            if (Label.ADDRESS.endIn(line.text().withoutSpaces().text()) < 0) {
                column = Math.min(column, line.left());
            }
        }
        return column;
    }
}
