package dev.nifiidcard.wechat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nifiidcard.idnumber.ResidentIdNumber;
import dev.nifiidcard.ocr.CardSide;
import dev.nifiidcard.ocr.IdCardFields;
import dev.nifiidcard.ocr.IdCardOcrException;
import dev.nifiidcard.ocr.IdCardRecognition;
import dev.nifiidcard.provider.PrintedDates;
import dev.nifiidcard.provider.TokenCache;
import dev.nifiidcard.provider.http.ProviderExchange;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.nifiidcard.provider.http.JsonFields.text;

/**
 * Reads WeChat's answers: the access token of {@code cgi-bin/stable_token} and the card of {@code cv/ocr/idcard}, or the
 * {@code errcode} either carries as a typed exception. WeChat answers API errors with HTTP 200.
 */
final class WeChatAnswer {

    static final String PROVIDER = "WeChat";

    /** The id WeChat appends to an errmsg ({@code ... rid: 5f38a263-3d4c3ccd-01e705f7}; older answers say {@code hint: [...]}). */
    private static final Pattern REQUEST_ID = Pattern.compile("\\brid:\\s*([0-9A-Za-z-]+)|\\bhints?:\\s*\\[([^\\]\\s]+)]");
    /** Used when an answer leaves expires_in out: WeChat's documented token lifetime. */
    static final long DEFAULT_EXPIRES_IN_SECONDS = 7200;

    private WeChatAnswer() {
    }

    /** The access token of a {@code cgi-bin/stable_token} answer, with when it expires counted from {@code now}. */
    static TokenCache.Expiring<String> accessToken(final int httpStatus, final String body, final Instant now) throws IdCardOcrException {
        final JsonNode answer = ProviderExchange.jsonObject(httpStatus, body, PROVIDER, false);
        if (answer.hasNonNull("errcode")) {
            throwIfError(answer, errcode(answer, false));
        }
        if (httpStatus != 200) {
            throw ProviderExchange.httpError(httpStatus, PROVIDER);
        }
        final String token = text(answer, "access_token");
        if (token == null) {
            throw ProviderExchange.malformed("The token answer has no access_token", false);
        }
        final long expiresIn = answer.path("expires_in").asLong(0);
        return new TokenCache.Expiring<>(token, now.plusSeconds(expiresIn > 0 ? expiresIn : DEFAULT_EXPIRES_IN_SECONDS));
    }

    /** The card of a {@code cv/ocr/idcard} answer. WeChat detects the side itself and reports it as {@code type}. */
    static IdCardRecognition recognition(final int httpStatus, final String body) throws IdCardOcrException {
        final JsonNode answer = ProviderExchange.jsonObject(httpStatus, body, PROVIDER, true);
        if (!answer.hasNonNull("errcode") && !answer.hasNonNull("type")) {
            throw ProviderExchange.notAnApiAnswer(httpStatus, "The answer has neither errcode nor type", PROVIDER, true);
        }
        if (answer.hasNonNull("errcode")) {
            throwIfError(answer, errcode(answer, true));
        }
        if (httpStatus != 200) {
            throw ProviderExchange.httpError(httpStatus, PROVIDER);
        }

        final String[] validity = PrintedDates.validity(text(answer, "valid_date"), PrintedDates.COMPACT);
        final IdCardFields fields = new IdCardFields(
                text(answer, "name"),
                text(answer, "gender"),
                text(answer, "nationality"),
                // WeChat returns no birth date; the processor compares the number with what the card prints, never derives it
                null,
                text(answer, "id"),
                text(answer, "addr"),
                // nor the issuing authority of the back side
                null,
                validity[0],
                validity[1]);
        return new IdCardRecognition(side(text(answer, "type"), fields), fields, List.of(), null, null, null, null);
    }

    private static CardSide side(final String type, final IdCardFields fields) {
        if (type != null) {
            switch (type.toLowerCase(Locale.ROOT)) {
                case "front":
                    return CardSide.FRONT;
                case "back":
                    return CardSide.BACK;
                default:
                    break;
            }
        }
        return fields.inferSide();
    }

    /** errcode as WeChat sends it: a number, or the same number as a string ({@code "0"}). */
    private static int errcode(final JsonNode answer, final boolean billable) throws IdCardOcrException {
        final JsonNode errcode = answer.get("errcode");
        if (errcode.isInt()) {
            return errcode.intValue();
        }
        try {
            return Integer.parseInt(errcode.asText().trim());
        } catch (final NumberFormatException e) {
            throw ProviderExchange.malformed("errcode is not a number", billable);
        }
    }

    private static void throwIfError(final JsonNode answer, final int errcode) throws IdCardOcrException {
        if (errcode == WeChatCodes.OK) {
            return;
        }
        final String errmsg = ResidentIdNumber.maskAll(text(answer, "errmsg"));
        throw new IdCardOcrException(Integer.toString(errcode), WeChatCodes.message(errcode, errmsg), WeChatCodes.category(errcode),
                WeChatCodes.isRetryable(errcode), requestId(errmsg), null);
    }

    /** The rid WeChat quotes in an errmsg, the key for asking WeChat about the call; null when there is none. */
    static String requestId(final String errmsg) {
        if (errmsg == null) {
            return null;
        }
        final Matcher matcher = REQUEST_ID.matcher(errmsg);
        if (!matcher.find()) {
            return null;
        }
        return matcher.group(1) != null ? matcher.group(1) : matcher.group(2);
    }
}
