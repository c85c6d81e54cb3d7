package dev.nifiidcard.processors;

import dev.nifiidcard.idnumber.ChinaCalendar;
import dev.nifiidcard.ocr.CardSide;
import dev.nifiidcard.ocr.CardWarning;
import dev.nifiidcard.ocr.IdCardFields;
import dev.nifiidcard.ocr.IdCardRecognition;
import dev.nifiidcard.ocr.RecognitionDetail;
import dev.nifiidcard.ocr.ReportedWarning;
import dev.nifiidcard.processors.OutcomeSettings.IdNumberInAttributes;
import dev.nifiidcard.processors.RecognitionOutcome.Route;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The recognition policy on its own: no session, no provider, no wall clock. */
class RecognitionOutcomeTest {

    private static final LocalDate TODAY = LocalDate.of(2025, 3, 10);
    private static final String PROVIDER = "tencent-cloud";
    private static final String REQUEST_ID = "req-1";
    private static final String NUMBER = "440524198701010014";
    /** Wrong check character for 1976-08-05, 男. */
    private static final String BAD_NUMBER = "110101197608056896";

    private static final OutcomeSettings SETTINGS = settings(null, 50, true, IdNumberInAttributes.FULL);

    @Test
    void consistentFrontGoesToSuccessWithEveryField() {
        final RecognitionOutcome outcome = RecognitionOutcome.of(recognition(CardSide.FRONT, front(NUMBER), 88), SETTINGS, TODAY);

        assertEquals(Route.SUCCESS, outcome.route());
        assertEquals(Map.ofEntries(
                Map.entry(IdCardAttributes.SIDE, "front"),
                Map.entry(IdCardAttributes.NAME, "李明"),
                Map.entry(IdCardAttributes.SEX, "男"),
                Map.entry(IdCardAttributes.NATION, "汉"),
                Map.entry(IdCardAttributes.BIRTH, "1987-01-01"),
                Map.entry(IdCardAttributes.NUMBER, NUMBER),
                Map.entry(IdCardAttributes.ADDRESS, "北京市石景山区高新技术园腾讯大楼"),
                Map.entry(IdCardAttributes.QUALITY, "88"),
                Map.entry(IdCardAttributes.REQUEST_ID, REQUEST_ID),
                Map.entry(IdCardAttributes.PROVIDER, PROVIDER),
                Map.entry(IdCardAttributes.WARNINGS, ""),
                Map.entry(IdCardAttributes.WARNING_CODES, ""),
                Map.entry(IdCardAttributes.NUMBER_VALID, "true")), outcome.attributes());
    }

    @Test
    void backHasNoNumberToValidate() {
        final RecognitionOutcome outcome = RecognitionOutcome.of(recognition(CardSide.BACK, back("2037-08-12"), null), SETTINGS, TODAY);

        assertEquals(Route.SUCCESS, outcome.route());
        assertEquals("back", outcome.attributes().get(IdCardAttributes.SIDE));
        assertEquals("深圳市公安局南山分局", outcome.attributes().get(IdCardAttributes.AUTHORITY));
        assertEquals("2017-08-12", outcome.attributes().get(IdCardAttributes.VALID_FROM));
        assertEquals("2037-08-12", outcome.attributes().get(IdCardAttributes.VALID_UNTIL));
        assertFalse(outcome.attributes().containsKey(IdCardAttributes.NUMBER));
        assertFalse(outcome.attributes().containsKey(IdCardAttributes.NUMBER_VALID));
        assertFalse(outcome.attributes().containsKey(IdCardAttributes.QUALITY), "no quality reported, none written");
    }

    @Test
    void providerWarningsRouteToWarningInTheOrderReported() {
        final IdCardRecognition recognition = new IdCardRecognition(CardSide.FRONT, front(NUMBER),
                List.of(new ReportedWarning(CardWarning.PHOTOCOPY, "-9102"), new ReportedWarning(CardWarning.TEMPORARY_ID, "-9104")),
                90, null, null, REQUEST_ID);

        final RecognitionOutcome outcome = RecognitionOutcome.of(recognition, SETTINGS, TODAY);

        assertEquals(Route.WARNING, outcome.route());
        assertEquals("PHOTOCOPY,TEMPORARY_ID", outcome.attributes().get(IdCardAttributes.WARNINGS));
        assertEquals("-9102,-9104", outcome.attributes().get(IdCardAttributes.WARNING_CODES));
    }

    @ParameterizedTest
    @CsvSource({"50, 49, WARNING", "50, 50, SUCCESS", "0, 0, SUCCESS", "100, 99, WARNING"})
    void qualityBelowTheMinimumIsLowQuality(final int minimum, final int quality, final Route route) {
        final RecognitionOutcome outcome = RecognitionOutcome.of(recognition(CardSide.FRONT, front(NUMBER), quality),
                settings(null, minimum, true, IdNumberInAttributes.FULL), TODAY);

        assertEquals(route, outcome.route());
        assertEquals(route == Route.WARNING ? "LOW_QUALITY" : "", outcome.attributes().get(IdCardAttributes.WARNINGS));
        assertEquals(Integer.toString(quality), outcome.attributes().get(IdCardAttributes.QUALITY));
    }

    @Test
    void inconsistentIdNumberIsAWarningWithTheProblem() {
        final RecognitionOutcome outcome = RecognitionOutcome.of(recognition(CardSide.FRONT, badFront(), 90), SETTINGS, TODAY);

        assertEquals(Route.WARNING, outcome.route());
        assertEquals("false", outcome.attributes().get(IdCardAttributes.NUMBER_VALID));
        assertEquals("CHECK_DIGIT", outcome.attributes().get(IdCardAttributes.NUMBER_PROBLEM));
        assertEquals("INVALID_ID_NUMBER", outcome.attributes().get(IdCardAttributes.WARNINGS));
    }

    @Test
    void idNumberValidationOffWritesNothingAboutIt() {
        final RecognitionOutcome outcome = RecognitionOutcome.of(recognition(CardSide.FRONT, badFront(), 90),
                settings(null, 50, false, IdNumberInAttributes.FULL), TODAY);

        assertEquals(Route.SUCCESS, outcome.route());
        assertFalse(outcome.attributes().containsKey(IdCardAttributes.NUMBER_VALID));
        assertFalse(outcome.attributes().containsKey(IdCardAttributes.NUMBER_PROBLEM));
    }

    @ParameterizedTest
    @CsvSource({"FULL, 440524198701010014", "MASKED, 440524********0014"})
    void idNumberAttributeAsConfigured(final IdNumberInAttributes idNumber, final String expected) {
        final RecognitionOutcome outcome = RecognitionOutcome.of(recognition(CardSide.FRONT, front(NUMBER), 90),
                settings(null, 50, true, idNumber), TODAY);

        assertEquals(expected, outcome.attributes().get(IdCardAttributes.NUMBER));
        assertEquals("true", outcome.attributes().get(IdCardAttributes.NUMBER_VALID));
    }

    @Test
    void omittedIdNumberIsStillValidatedInFull() {
        final RecognitionOutcome outcome = RecognitionOutcome.of(recognition(CardSide.FRONT, badFront(), 90),
                settings(null, 50, true, IdNumberInAttributes.OMITTED), TODAY);

        assertFalse(outcome.attributes().containsKey(IdCardAttributes.NUMBER));
        assertEquals("CHECK_DIGIT", outcome.attributes().get(IdCardAttributes.NUMBER_PROBLEM));
        assertFalse(outcome.attributes().toString().contains(BAD_NUMBER));
    }

    @Test
    void cardIsValidThroughItsLastDay() {
        final IdCardRecognition validUntilToday = recognition(CardSide.BACK, back(TODAY.toString()), null);

        assertEquals(Route.SUCCESS, RecognitionOutcome.of(validUntilToday, SETTINGS, TODAY).route());
        final RecognitionOutcome dayAfter = RecognitionOutcome.of(validUntilToday, SETTINGS, TODAY.plusDays(1));
        assertEquals(Route.WARNING, dayAfter.route());
        assertEquals("EXPIRED", dayAfter.attributes().get(IdCardAttributes.WARNINGS));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {IdCardFields.LONG_TERM, "2015.01.01", "not a date"})
    void longTermMissingAndUnreadableValidityNeverExpire(final String validUntil) {
        final RecognitionOutcome outcome = RecognitionOutcome.of(recognition(CardSide.BACK, back(validUntil), null), SETTINGS, TODAY);

        assertEquals(Route.SUCCESS, outcome.route());
    }

    @Test
    void todayIsChinasDateNotTheHostsOrUtcs() {
        // 16:30 UTC on 9 March is 00:30 on 10 March in Shanghai (UTC+8, no daylight saving)
        final Clock lateOnTheEveUtc = Clock.fixed(Instant.parse("2025-03-09T16:30:00Z"), ZoneOffset.UTC);
        assertEquals(LocalDate.of(2025, 3, 10), ChinaCalendar.today(lateOnTheEveUtc));
        assertEquals(LocalDate.of(2025, 3, 9), ChinaCalendar.today(Clock.fixed(Instant.parse("2025-03-09T15:59:59Z"), ZoneOffset.UTC)));

        final IdCardRecognition validUntilThe9th = recognition(CardSide.BACK, back("2025-03-09"), null);
        assertEquals(Route.WARNING, RecognitionOutcome.of(validUntilThe9th, SETTINGS, ChinaCalendar.today(lateOnTheEveUtc)).route(),
                "already the 10th in China, although still the 9th in UTC");
    }

    @Test
    void processorWarningsFollowTheProvidersInAFixedOrder() {
        final IdCardRecognition recognition = new IdCardRecognition(CardSide.FRONT,
                new IdCardFields("测试", "男", "汉", "1976-08-05", BAD_NUMBER, "北京市", null, null, "2020-01-01"),
                List.of(new ReportedWarning(CardWarning.REFLECTION, "-9107")), 10, null, null, REQUEST_ID);

        final RecognitionOutcome outcome = RecognitionOutcome.of(recognition, SETTINGS, TODAY);

        assertEquals("REFLECTION,LOW_QUALITY,INVALID_ID_NUMBER,EXPIRED", outcome.attributes().get(IdCardAttributes.WARNINGS));
    }

    @Test
    void nothingRecognizedIsAFailure() {
        final IdCardFields nothing = new IdCardFields(null, null, null, null, null, null, null, null, null);

        final RecognitionOutcome outcome = RecognitionOutcome.of(recognition(CardSide.FRONT, nothing, 90), SETTINGS, TODAY);

        assertEquals(Route.FAILURE, outcome.route());
        assertEquals(Map.of(
                IdCardAttributes.ERROR_CODE, "Result.NothingRecognized",
                IdCardAttributes.ERROR_MESSAGE, "The provider answered but recognized no field",
                IdCardAttributes.ERROR_RETRYABLE, "false",
                IdCardAttributes.PROVIDER, PROVIDER,
                IdCardAttributes.REQUEST_ID, REQUEST_ID), outcome.attributes());
    }

    @ParameterizedTest
    @CsvSource({
            // requested, reported by the provider, fields of: a provider that detects the side, or one that echoes the request
            "FRONT, BACK, BACK",
            "BACK, FRONT, FRONT",
            "FRONT, FRONT, BACK",
            "BACK, BACK, FRONT"
    })
    void theOtherSideThanRequestedIsACardSideMismatch(final CardSide requested, final CardSide reported, final CardSide fieldsOf) {
        final IdCardFields fields = fieldsOf == CardSide.FRONT ? front(NUMBER) : back("2037-08-12");

        final RecognitionOutcome outcome = RecognitionOutcome.of(recognition(reported, fields, 90),
                settings(requested, 50, true, IdNumberInAttributes.FULL), TODAY);

        assertEquals(Route.FAILURE, outcome.route());
        assertEquals("Result.CardSideMismatch", outcome.attributes().get(IdCardAttributes.ERROR_CODE));
        assertEquals("Card Side asks for the " + requested.attributeValue() + " side, but the provider recognized the "
                + fieldsOf.attributeValue() + " side", outcome.attributes().get(IdCardAttributes.ERROR_MESSAGE));
        assertEquals("false", outcome.attributes().get(IdCardAttributes.ERROR_RETRYABLE));
    }

    @ParameterizedTest
    @CsvSource({"FRONT, FRONT", "BACK, BACK", ", FRONT", ", BACK"})
    void theRequestedSideOrAutoIsRecognized(final CardSide requested, final CardSide side) {
        final IdCardFields fields = side == CardSide.FRONT ? front(NUMBER) : back("2037-08-12");

        final RecognitionOutcome outcome = RecognitionOutcome.of(recognition(side, fields, 90),
                settings(requested, 50, true, IdNumberInAttributes.FULL), TODAY);

        assertEquals(Route.SUCCESS, outcome.route());
    }

    @Test
    void detailsAreWrittenAndPersonalOnesKeptOutOfTheContentModeAttributes() {
        final RecognitionDetail confidential = new RecognitionDetail("birth.place", true);
        final IdCardRecognition recognition = new IdCardRecognition(CardSide.FRONT, front(NUMBER), List.of(), 90, null, null, REQUEST_ID,
                Map.of(RecognitionDetail.NATIVE_PLACE, "广东省揭阳市揭西县", RecognitionDetail.ORDER_NUMBER, "order-7",
                        confidential, "somewhere"));

        final RecognitionOutcome outcome = RecognitionOutcome.of(recognition, SETTINGS, TODAY);

        assertEquals("广东省揭阳市揭西县", outcome.attributes().get(IdCardAttributes.NATIVE_PLACE));
        assertEquals("order-7", outcome.attributes().get(IdCardAttributes.ORDER_NUMBER));
        assertEquals("somewhere", outcome.attributes().get("idcard.birth.place"));
        assertEquals(Map.of(
                IdCardAttributes.SIDE, "front",
                IdCardAttributes.ORDER_NUMBER, "order-7",
                IdCardAttributes.QUALITY, "90",
                IdCardAttributes.REQUEST_ID, REQUEST_ID,
                IdCardAttributes.PROVIDER, PROVIDER,
                IdCardAttributes.WARNINGS, "",
                IdCardAttributes.WARNING_CODES, "",
                IdCardAttributes.NUMBER_VALID, "true"), outcome.attributesWithoutPersonalData());
        assertTrue(outcome.attributes().keySet().containsAll(outcome.attributesWithoutPersonalData().keySet()));
    }

    @Test
    void failureAttributes() {
        assertEquals(Map.of(
                IdCardAttributes.ERROR_CODE, "Transport.Timeout",
                IdCardAttributes.ERROR_MESSAGE, "",
                IdCardAttributes.ERROR_RETRYABLE, "true",
                IdCardAttributes.PROVIDER, PROVIDER), RecognitionOutcome.failure("Transport.Timeout", null, true, PROVIDER, null).attributes());
    }

    private static OutcomeSettings settings(final CardSide side, final int minimumQuality, final boolean validate,
                                            final IdNumberInAttributes idNumber) {
        return new OutcomeSettings(side, minimumQuality, validate, idNumber, PROVIDER);
    }

    private static IdCardRecognition recognition(final CardSide side, final IdCardFields fields, final Integer quality) {
        return new IdCardRecognition(side, fields, List.of(), quality, null, null, REQUEST_ID);
    }

    private static IdCardFields front(final String number) {
        return new IdCardFields("李明", "男", "汉", "1987-01-01", number, "北京市石景山区高新技术园腾讯大楼", null, null, null);
    }

    private static IdCardFields badFront() {
        return new IdCardFields("测试", "男", "汉", "1976-08-05", BAD_NUMBER, "北京市", null, null, null);
    }

    private static IdCardFields back(final String validUntil) {
        return new IdCardFields(null, null, null, null, null, null, "深圳市公安局南山分局", "2017-08-12", validUntil);
    }
}
