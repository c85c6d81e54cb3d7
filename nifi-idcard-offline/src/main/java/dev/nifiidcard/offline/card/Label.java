package dev.nifiidcard.offline.card;

/** A label printed on the card, found in a row even when the recognizer misread one of its characters. */
enum Label {
    NAME("姓名"),
    SEX("性别"),
    NATION("民族"),
    BIRTH("出生"),
    ADDRESS("住址"),
    NUMBER("公民身份号码"),
    AUTHORITY("签发机关"),
    VALIDITY("有效期限"),
    COUNTRY("中华人民共和国"),
    CARD_TITLE("居民身份证");

    private final String printed;

    Label(final String printed) {
        this.printed = printed;
    }

    String printed() {
        return printed;
    }

    /**
     * Where the text after the label starts, or -1 when the row does not hold the label: anywhere in the row exactly
     * as printed, or at the row's start with at least half of its characters read right (labels stand leftmost).
     */
    int endIn(final String row) {
        final int exact = row.indexOf(printed);
        if (exact >= 0) {
            return exact + printed.length();
        }
        if (row.length() < printed.length()) {
            return -1;
        }
        int matching = 0;
        for (int i = 0; i < printed.length(); i++) {
            if (row.charAt(i) == printed.charAt(i)) {
                matching++;
            }
        }
        return 2 * matching >= printed.length() ? printed.length() : -1;
    }
}
