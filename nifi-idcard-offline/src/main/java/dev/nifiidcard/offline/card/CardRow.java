package dev.nifiidcard.offline.card;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Lines that stand side by side, left to right: a printed row of the card, such as 性别 男 民族 汉, which the detector
 * may find as one line or as several.
 *
 * @param lines the lines, left to right
 * @param text  the row's text left to right, without spaces: joined once, read by every label search
 */
record CardRow(List<CardLine> lines, ReadText text) {

    static CardRow of(final List<CardLine> lines) {
        final List<CardLine> leftToRight = lines.stream().sorted(Comparator.comparingDouble(CardLine::left)).toList();
        ReadText joined = ReadText.EMPTY;
        for (final CardLine line : leftToRight) {
            joined = joined.concat(line.text().withoutSpaces());
        }
        return new CardRow(leftToRight, joined);
    }

    /** What follows the label in this row, which holds it. */
    ReadText textAfter(final Label label) {
        final ReadText text = text();
        return text.substring(Math.min(Math.max(label.endIn(text.text()), 0), text.length()));
    }

    double centerY() {
        return lines.stream().mapToDouble(CardLine::centerY).average().orElse(0);
    }

    double height() {
        return lines.stream().mapToDouble(CardLine::height).max().orElse(0);
    }

    double left() {
        return lines.get(0).left();
    }

    double right() {
        return lines.stream().mapToDouble(CardLine::right).max().orElse(0);
    }

    /**
     * Groups lines into rows, top to bottom: a line belongs to the row above when its centre is within half a line
     * height of that row's centre.
     */
    static List<CardRow> group(final List<CardLine> lines) {
        final List<CardLine> byY = lines.stream().sorted(Comparator.comparingDouble(CardLine::centerY)).toList();
        final List<List<CardLine>> rows = new ArrayList<>();
        for (final CardLine line : byY) {
            final List<CardLine> last = rows.isEmpty() ? null : rows.get(rows.size() - 1);
            if (last != null && sameRow(last, line)) {
                last.add(line);
            } else {
                rows.add(new ArrayList<>(List.of(line)));
            }
        }
        return rows.stream().map(CardRow::of).toList();
    }

    private static boolean sameRow(final List<CardLine> row, final CardLine line) {
        final double rowY = row.stream().mapToDouble(CardLine::centerY).average().orElse(0);
        final double rowHeight = row.stream().mapToDouble(CardLine::height).max().orElse(0);
        return Math.abs(line.centerY() - rowY) < 0.5 * Math.min(rowHeight, line.height());
    }
}
