package dev.nifiidcard.offline;

import dev.nifiidcard.idnumber.ChinaCalendar;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nifiidcard.camera.specimen.CardHolder;
import dev.nifiidcard.camera.specimen.SpecimenPerson;
import dev.nifiidcard.cardgen.WriteSampleCard;
import dev.nifiidcard.ocr.CardSide;
import dev.nifiidcard.processors.IdCardAttributes;
import dev.nifiidcard.processors.SignAndRecognizeIdCard;

import org.apache.nifi.components.ConfigVerificationResult;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.provenance.ProvenanceEventType;
import org.apache.nifi.reporting.InitializationException;
import org.apache.nifi.util.MockComponentLog;
import org.apache.nifi.util.MockConfigurationContext;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.TestRunner;
import org.apache.nifi.util.TestRunners;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** The service end to end through the processor that uses it: real models, real card photos. */
class PaddleOcrIdCardOcrServiceTest {

    private static TestRunner runner;
    private static PaddleOcrIdCardOcrService service;

    @BeforeAll
    static void enable() throws InitializationException {
        runner = TestRunners.newTestRunner(SignAndRecognizeIdCard.class);
        service = new PaddleOcrIdCardOcrService();
        runner.addControllerService("offline", service);
        runner.enableControllerService(service);
        runner.setProperty(SignAndRecognizeIdCard.OCR_SERVICE, "offline");
        runner.setProperty(SignAndRecognizeIdCard.ID_NUMBER_IN_ATTRIBUTES, "Full");
    }

    @AfterAll
    static void disable() {
        runner.disableControllerService(service);
    }

    private static MockFlowFile recognized(final byte[] jpeg, final String route) {
        runner.clearTransferState();
        runner.clearProvenanceEvents();
        runner.enqueue(jpeg);
        runner.run();
        runner.assertAllFlowFilesTransferred(route, 1);
        return runner.getFlowFilesForRelationship(route).getFirst();
    }

    @Test
    void readsAFrontOfflineWithoutAnySend() {
        final MockFlowFile card = recognized(WriteSampleCard.sample(), "success");
        card.assertAttributeEquals(IdCardAttributes.SIDE, "front");
        card.assertAttributeEquals(IdCardAttributes.NAME, "李明");
        card.assertAttributeEquals(IdCardAttributes.SEX, "男");
        card.assertAttributeEquals(IdCardAttributes.NATION, "汉");
        card.assertAttributeEquals(IdCardAttributes.BIRTH, "1987-01-01");
        card.assertAttributeEquals(IdCardAttributes.NUMBER, "440524198701010014");
        card.assertAttributeEquals(IdCardAttributes.ADDRESS, "北京市石景山区高新技术园腾讯大楼");
        card.assertAttributeEquals(IdCardAttributes.PROVIDER, "paddleocr-offline");
        card.assertAttributeEquals(IdCardAttributes.WARNINGS, "");
        assertNull(card.getAttribute(IdCardAttributes.REQUEST_ID));
        // nothing left the host: no SEND in the lineage
        assertTrue(runner.getProvenanceEvents().stream().noneMatch(e -> e.getEventType() == ProvenanceEventType.SEND),
                runner.getProvenanceEvents().toString());
    }

    @Test
    void readsABackWithLongTermValidity() {
        final CardHolder zhangWei = SpecimenPerson.ZHANG_WEI.holder();
        final MockFlowFile card = recognized(WriteSampleCard.plain(zhangWei, CardSide.BACK), "success");
        card.assertAttributeEquals(IdCardAttributes.SIDE, "back");
        card.assertAttributeEquals(IdCardAttributes.AUTHORITY, "北京市公安局石景山分局");
        card.assertAttributeEquals(IdCardAttributes.VALID_FROM, "2010-04-20");
        card.assertAttributeEquals(IdCardAttributes.VALID_UNTIL, "long-term");
    }

    @Test
    void aRareNameItCannotBeSureOfGoesToWarning() {
        final CardHolder li = SpecimenPerson.LI_MING.holder();
        // 佘 is read as the common surname 余 with high confidence: the look-alike must not pass as read
        final CardHolder she = new CardHolder("佘明", li.sex(), li.nation(), li.birth(), li.number(), li.address(), li.authority(),
                li.validFrom(), li.validUntil(), li.portrait());
        final MockFlowFile card = recognized(WriteSampleCard.plain(she, CardSide.FRONT), "warning");
        assertTrue(card.getAttribute(IdCardAttributes.WARNINGS).contains("FIELD_UNCERTAIN"), card.getAttributes().toString());
        assertTrue(card.getAttribute(IdCardAttributes.WARNING_CODES).startsWith("name."), card.getAttribute(IdCardAttributes.WARNING_CODES));
    }

    @Test
    void verifyLoadsTheModelsAndReadsTheSampleCard() {
        final Map<PropertyDescriptor, String> properties = Map.of(PaddleOcrIdCardOcrService.INFERENCE_THREADS, "1",
                PaddleOcrIdCardOcrService.MINIMUM_CHARACTER_CONFIDENCE, "0.9");
        final List<ConfigVerificationResult> results = service.verify(new MockConfigurationContext(properties, null, Map.of()),
                new MockComponentLog("verify", service), Map.of());
        assertEquals(List.of(OfflineVerification.LOAD_STEP, OfflineVerification.SAMPLE_STEP),
                results.stream().map(ConfigVerificationResult::getVerificationStepName).toList());
        assertTrue(results.stream().allMatch(r -> r.getOutcome() == ConfigVerificationResult.Outcome.SUCCESSFUL), results.toString());
    }

    @Test
    void theProcessorsVerifyRecognizesLocallyInsteadOfReachingAnEndpoint() {
        final List<ConfigVerificationResult> results = ((SignAndRecognizeIdCard) runner.getProcessor())
                .verify(runner.getProcessContext(), runner.getLogger(), Map.of());
        assertEquals(1, results.size(), results.toString());
        assertEquals("Recognize Locally", results.getFirst().getVerificationStepName());
        assertEquals(ConfigVerificationResult.Outcome.SUCCESSFUL, results.getFirst().getOutcome(), results.toString());
        assertTrue(results.getFirst().getExplanation().contains("nothing left this host"), results.toString());
    }

    @Test
    void aDateOfChinaDecidesExpiry() {
        assertEquals(LocalDate.of(2026, 12, 7), ChinaCalendar.today(java.time.Clock.fixed(
                java.time.Instant.parse("2026-12-06T16:30:00Z"), java.time.ZoneOffset.UTC)));
    }
}
