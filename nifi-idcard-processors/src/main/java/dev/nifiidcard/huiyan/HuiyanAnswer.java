package dev.nifiidcard.huiyan;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nifiidcard.idnumber.ResidentIdNumber;
import dev.nifiidcard.ocr.CardSide;
import dev.nifiidcard.ocr.IdCardFields;
import dev.nifiidcard.ocr.IdCardOcrException;
import dev.nifiidcard.ocr.IdCardRecognition;
import dev.nifiidcard.ocr.RecognitionDetail;
import dev.nifiidcard.ocr.RecognitionRequest;
import dev.nifiidcard.ocr.ReportedWarning;
import dev.nifiidcard.provider.PrintedDates;
import dev.nifiidcard.provider.SecretRedactor;
import dev.nifiidcard.provider.StaleCredentialException;
import dev.nifiidcard.provider.TokenCache;
import dev.nifiidcard.provider.http.ProviderExchange;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.nifiidcard.provider.http.JsonFields.text;

/**
 * Reads Huiyan's answers: the access token, the SIGN ticket, and a recognition as the normalized card or the refusal
 * it carries as a typed exception. Messages quoted from an answer have ID numbers masked and this service's secrets
 * removed, in case the provider echoes them.
 */
final class HuiyanAnswer {

    static final String PROVIDER = "Tencent Huiyan";
    /** Used when an answer does not say how long its token lives: the documented 7200 s. */
    static final Duration DEFAULT_TOKEN_LIFETIME = Duration.ofSeconds(7200);
    /** Used when an answer does not say how long its ticket lives: the documented 3600 s. */
    static final Duration DEFAULT_TICKET_LIFETIME = Duration.ofSeconds(3600);
    /** Huiyan asks for the SIGN ticket to be refreshed about every 20 minutes: it is never kept longer. */
    static final Duration MAX_TICKET_LIFETIME = Duration.ofMinutes(20);


    /** What was sent with one recognition call, to read its answer. */
    record Sent(String orderNo, RecognitionRequest request, boolean nativePlace) {
    }

    private HuiyanAnswer() {
    }

    static TokenCache.Expiring<String> accessToken(final int httpStatus, final String body, final Instant now, final Collection<String> secrets)
            throws IdCardOcrException {
        final JsonNode answer = apiAnswer(httpStatus, body, false);
        if (!HuiyanCodes.SUCCESS.equals(text(answer, "code"))) {
            throw credentialRefusal(answer, "Access token refused: ", secrets);
        }
        final String token = text(answer, "access_token");
        if (token == null) {
            throw ProviderExchange.malformed("The access token answer has no access_token", false);
        }
        return new TokenCache.Expiring<>(token, now.plus(lifetime(answer, DEFAULT_TOKEN_LIFETIME)));
    }

    /**
     * The SIGN ticket of an answer, kept for at most 20 minutes and never beyond the token it was issued for (a ticket
     * dies with its token).
     *
     * @throws StaleCredentialException when the answer says the access token is invalid or expired
     */
    static TokenCache.Expiring<String> signTicket(final int httpStatus, final String body, final Instant now,
                                                  final TokenCache.Expiring<String> token, final Collection<String> secrets) throws IdCardOcrException {
        final JsonNode answer = apiAnswer(httpStatus, body, false);
        if (!HuiyanCodes.SUCCESS.equals(text(answer, "code"))) {
            final String message = message(answer, secrets);
            if (HuiyanCodes.isStaleCredential(message)) {
                throw stale(text(answer, "code"), "SIGN ticket refused: " + message, null);
            }
            throw credentialRefusal(answer, "SIGN ticket refused: ", secrets);
        }
        final JsonNode ticket = answer.path("tickets").path(0);
        final String value = text(ticket, "value");
        if (value == null) {
            throw ProviderExchange.malformed("The SIGN ticket answer has no ticket", false);
        }
        final Duration lifetime = min(lifetime(ticket, DEFAULT_TICKET_LIFETIME), MAX_TICKET_LIFETIME);
        final Instant expiresAt = now.plus(lifetime);
        return new TokenCache.Expiring<>(value, expiresAt.isBefore(token.expiresAt()) ? expiresAt : token.expiresAt());
    }

    /**
     * A recognition answer.
     *
     * @throws StaleCredentialException when the answer says the sign, ticket or token is invalid or expired
     */
    static IdCardRecognition recognition(final int httpStatus, final String body, final Sent sent, final Collection<String> secrets)
            throws IdCardOcrException {
        final JsonNode answer = apiAnswer(httpStatus, body, true);
        final JsonNode result = answer.path("result");
        final String bizSeqNo = firstNonNull(text(answer, "bizSeqNo"), text(result, "bizSeqNo"));
        final String requestId = bizSeqNo != null ? bizSeqNo : sent.orderNo();
        final String code = text(answer, "code");
        if (!HuiyanCodes.SUCCESS.equals(code)) {
            final String message = message(answer, secrets);
            if (HuiyanCodes.isStaleCredential(message)) {
                throw stale(code, message, requestId);
            }
            final HuiyanCodes.Meaning meaning = HuiyanCodes.ofRecognition(message);
            throw new IdCardOcrException(code, message, meaning.category(), meaning.retryable(), requestId, null);
        }
        if (!result.isObject()) {
            throw ProviderExchange.malformed("The answer has no result object", true);
        }
        final String answeredOrder = text(result, "orderNo");
        if (answeredOrder != null && !answeredOrder.equals(sent.orderNo())) {
            throw ProviderExchange.malformed("The answer is for another order number", true);
        }

        final String[] validity = PrintedDates.validity(text(result, "validDate"), PrintedDates.COMPACT);
        final IdCardFields fields = new IdCardFields(
                text(result, "name"),
                text(result, "sex"),
                text(result, "nation"),
                PrintedDates.iso(text(result, "birth"), PrintedDates.COMPACT),
                text(result, "idcard"),
                text(result, "address"),
                text(result, "authority"),
                validity[0],
                validity[1]);

        final RecognitionRequest request = sent.request();
        final List<ReportedWarning> warnings = HuiyanCodes.warnings(text(result, "multiWarning"), text(result, "warning")).stream()
                // Huiyan runs every check; like the other providers, report the requestable ones only when asked for
                .filter(w -> !w.warning().isRequestable() || request.warnings().contains(w.warning()))
                .toList();
        final Integer quality = request.quality() ? quality(text(result, "clarity")) : null;

        final Map<RecognitionDetail, String> details = new LinkedHashMap<>();
        details.put(RecognitionDetail.ORDER_NUMBER, sent.orderNo());
        final String nativePlace = text(result, "nativePlace");
        if (sent.nativePlace() && nativePlace != null) {
            details.put(RecognitionDetail.NATIVE_PLACE, nativePlace);
        }
        final CardSide side = request.cardSide() != null ? request.cardSide() : fields.inferSide();
        return new IdCardRecognition(side, fields, warnings, quality, null, null, requestId, details);
    }

    /** A refusal of the sign, ticket or token as invalid or expired: worth a fresh credential and one more try. */
    private static StaleCredentialException stale(final String code, final String message, final String requestId) {
        return new StaleCredentialException(new IdCardOcrException(code, message, IdCardOcrException.Category.CREDENTIALS, false,
                requestId, null));
    }

    /** The answer's JSON object with its code; an HTTP error or a 200 that is not Huiyan's answer fails. */
    private static JsonNode apiAnswer(final int httpStatus, final String body, final boolean billable) throws IdCardOcrException {
        final JsonNode root = ProviderExchange.jsonObject(httpStatus, body, PROVIDER, billable);
        if (text(root, "code") == null) {
            throw ProviderExchange.notAnApiAnswer(httpStatus, "The answer has no code", PROVIDER, billable);
        }
        if (httpStatus != 200 && HuiyanCodes.SUCCESS.equals(text(root, "code"))) {
            throw ProviderExchange.httpError(httpStatus, PROVIDER);
        }
        return root;
    }

    private static IdCardOcrException credentialRefusal(final JsonNode answer, final String context, final Collection<String> secrets) {
        final String message = message(answer, secrets);
        final HuiyanCodes.Meaning meaning = HuiyanCodes.ofCredentialRequest(message);
        return new IdCardOcrException(text(answer, "code"), context + message, meaning.category(), meaning.retryable(), null, null);
    }

    /** The answer's msg with ID numbers masked and this service's secrets removed. */
    private static String message(final JsonNode answer, final Collection<String> secrets) {
        return SecretRedactor.redact(ResidentIdNumber.maskAll(firstNonNull(text(answer, "msg"), "")), secrets);
    }

    private static Duration lifetime(final JsonNode node, final Duration fallback) {
        // documented as a number, shown as a string in one sample: both are read
        final long seconds = node.path("expire_in").asLong(0);
        return seconds > 0 ? Duration.ofSeconds(seconds) : fallback;
    }

    private static Integer quality(final String clarity) {
        if (clarity == null) {
            return null;
        }
        try {
            final int value = Integer.parseInt(clarity);
            return value >= 0 && value <= 100 ? value : null;
        } catch (final NumberFormatException e) {
            return null;
        }
    }

    private static Duration min(final Duration a, final Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static String firstNonNull(final String a, final String b) {
        return a != null ? a : b;
    }
}
