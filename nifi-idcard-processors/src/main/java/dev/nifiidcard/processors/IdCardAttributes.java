package dev.nifiidcard.processors;

import dev.nifiidcard.ocr.RecognitionDetail;

import java.util.Set;

/** Names of the attributes written by the ID card processors, the same for every provider. */
public final class IdCardAttributes {

    public static final String PREFIX = "idcard.";

    public static final String SIDE = "idcard.side";
    public static final String NAME = "idcard.name";
    public static final String SEX = "idcard.sex";
    public static final String NATION = "idcard.nation";
    public static final String BIRTH = "idcard.birth";
    public static final String NUMBER = "idcard.number";
    public static final String ADDRESS = "idcard.address";
    public static final String AUTHORITY = "idcard.authority";
    public static final String VALID_FROM = "idcard.valid.from";
    public static final String VALID_UNTIL = "idcard.valid.until";
    public static final String WARNINGS = "idcard.warnings";
    public static final String WARNING_CODES = "idcard.warning.codes";
    public static final String QUALITY = "idcard.quality";
    public static final String NUMBER_VALID = "idcard.number.valid";
    public static final String NUMBER_PROBLEM = "idcard.number.problem";
    public static final String PROVIDER = "idcard.provider";
    public static final String REQUEST_ID = "idcard.request.id";
    public static final String ERROR_CODE = "idcard.error.code";
    public static final String ERROR_MESSAGE = "idcard.error.message";
    public static final String ERROR_RETRYABLE = "idcard.error.retryable";
    public static final String IMAGE_KIND = "idcard.image.kind";
    public static final String NATIVE_PLACE = "idcard.native.place";
    public static final String ORDER_NUMBER = "idcard.order.no";
    public static final String ROTATION = "idcard.rotation";

    /** Warnings raised by the processor itself, added to {@link #WARNINGS} beside the provider's. */
    public static final String LOW_QUALITY = "LOW_QUALITY";
    public static final String INVALID_ID_NUMBER = "INVALID_ID_NUMBER";
    public static final String EXPIRED = "EXPIRED";

    /** What is printed on the card: kept out of attributes when the result goes to the FlowFile content. */
    public static final Set<String> CARD_FIELDS = Set.of(NAME, SEX, NATION, BIRTH, NUMBER, ADDRESS, AUTHORITY, VALID_FROM, VALID_UNTIL);

    /**
     * The attributes a recognition writes, removed before a FlowFile is recognized again. A detail a provider defines
     * on its own is overwritten by the next answer that has it; other idcard.* attributes belong to the flow and stay.
     */
    public static final Set<String> RESULT = Set.of(SIDE, NAME, SEX, NATION, BIRTH, NUMBER, ADDRESS, AUTHORITY, VALID_FROM,
            VALID_UNTIL, WARNINGS, WARNING_CODES, QUALITY, NUMBER_VALID, NUMBER_PROBLEM, PROVIDER, REQUEST_ID, ERROR_CODE,
            ERROR_MESSAGE, ERROR_RETRYABLE, NATIVE_PLACE, ORDER_NUMBER, ROTATION);

    private IdCardAttributes() {
    }

    /** The attribute a provider's detail is written to. */
    public static String of(final RecognitionDetail detail) {
        return PREFIX + detail.name();
    }
}
