package dev.nifiidcard.offline.card;

import java.util.List;

/** The emblem side's fields as read: 签发机关 (which may wrap onto a second row) and 有效期限. */
record BackSide(ReadText authority, ReadText validity) {

    static boolean isBack(final List<CardRow> rows) {
        return rows.stream().map(row -> row.text().text()).anyMatch(text -> text.contains(Label.AUTHORITY.printed())
                || text.contains(Label.VALIDITY.printed()) || text.contains(Label.CARD_TITLE.printed()));
    }

    static BackSide read(final List<CardRow> rows) {
        int authorityRow = -1;
        int validityRow = -1;
        for (int i = 0; i < rows.size(); i++) {
            final String text = rows.get(i).text().text();
            if (authorityRow < 0 && Label.AUTHORITY.endIn(text) >= 0) {
                authorityRow = i;
            } else if (validityRow < 0 && Label.VALIDITY.endIn(text) >= 0) {
                validityRow = i;
            }
        }
        ReadText authority = ReadText.EMPTY;
        if (authorityRow >= 0) {
            authority = rows.get(authorityRow).textAfter(Label.AUTHORITY);
            final int end = validityRow > authorityRow ? validityRow : rows.size();
            for (int i = authorityRow + 1; i < end; i++) {
                authority = authority.concat(rows.get(i).text());
            }
        }
        final ReadText validity = validityRow < 0 ? ReadText.EMPTY : rows.get(validityRow).textAfter(Label.VALIDITY);
        return new BackSide(authority, validity);
    }
}
