package dev.nifiidcard.offline.card;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The portrait side's fields as read, before normalization: each found by its label, in the fixed order the card
 * prints them (姓名; 性别 and 民族 on one row; 出生; 住址 over several rows; 公民身份号码 at the bottom). A field whose
 * row was not found is {@link ReadText#EMPTY}.
 */
record FrontSide(ReadText name, ReadText sex, ReadText nation, ReadText birth, ReadText address, ReadText number) {

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
        final ReadText address = addressRow < 0 ? ReadText.EMPTY : address(rows, addressRow, numberRow < 0 ? rows.size() : numberRow);
        final ReadText number = numberRow < 0 ? ReadText.EMPTY : number(rows.get(numberRow).text());
        return new FrontSide(name, sex, nation, birth, address, number);
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

    /** The address: the rest of the 住址 row and every row under it above the number, left of nothing else. */
    private static ReadText address(final List<CardRow> rows, final int first, final int end) {
        final CardRow labelled = rows.get(first);
        ReadText address = labelled.textAfter(Label.ADDRESS);
        for (int i = first + 1; i < end; i++) {
            final CardRow row = rows.get(i);
            // the address continues under its first line; a row starting left of the label column is not the address
            if (row.left() < labelled.left() - labelled.height()) {
                break;
            }
            address = address.concat(row.text());
        }
        return address;
    }
}
