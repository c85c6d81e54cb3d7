package dev.nifiidcard.jumdata;

import dev.nifiidcard.ocr.CardSide;
import dev.nifiidcard.ocr.CardWarning;
import dev.nifiidcard.ocr.IdCardFields;
import dev.nifiidcard.ocr.IdCardRecognition;
import dev.nifiidcard.ocr.RecognitionDetail;
import dev.nifiidcard.ocr.RecognitionRequest;
import dev.nifiidcard.ocr.ReportedWarning;
import dev.nifiidcard.testing.JumdataRequestVerifier;
import dev.nifiidcard.testing.JumdataRunner;
import dev.nifiidcard.testing.JumdataTestServer;
import dev.nifiidcard.testing.PlainJumdataEndpoint;
import dev.nifiidcard.testing.TestImages;
import dev.nifiidcard.testing.ThreadAllocation;
import org.apache.nifi.util.TestRunner;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static dev.nifiidcard.testing.JumdataTestServer.backCard;
import static dev.nifiidcard.testing.JumdataTestServer.documentedFrontCard;
import static dev.nifiidcard.testing.JumdataTestServer.frontCard;
import static dev.nifiidcard.testing.JumdataTestServer.noCard;
import static dev.nifiidcard.testing.JumdataTestServer.ok;
import static dev.nifiidcard.testing.JumdataTestServer.rotated;
import static dev.nifiidcard.testing.JumdataTestServer.uncertain;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a recognition sends to Jumdata, signed and streamed, and how its answer is normalized. */
class JumdataIdCardOcrServiceTest extends JumdataServiceTest {

    // ---- the request ----

    @Test
    void sendsTheDocumentedFormSignedWithTheServicesClock() throws Exception {
        final TestRunner runner = JumdataRunner.create(server);
        final Instant now = Instant.now().minusSeconds(60);
        JumdataRunner.service(runner).setClock(Clock.fixed(now, ZoneOffset.UTC));
        recognize(runner, JPEG, AUTO);

        final JumdataTestServer.Call call = server.calls().getFirst();
        assertNull(call.refusal(), "the server recomputed the sign and accepted it");
        assertEquals(JumdataTestServer.APP_ID, call.field("appId"));
        assertEquals(Long.toString(now.toEpochMilli()), call.field("timestamp"), "milliseconds of the injected clock");
        assertEquals(JumdataRequestVerifier.sha256Hex(JumdataTestServer.APP_ID + JumdataTestServer.APP_SECRET + now.toEpochMilli()),
                call.field("sign"));
        assertEquals(List.of("appId", "timestamp", "sign"), List.copyOf(call.form().fields().keySet()), "no other text field");
        assertEquals("idcard.jpg", call.form().fileName());
        assertEquals("image/jpeg", call.form().fileContentType());
        assertArrayEquals(JPEG, call.image(), "the file part holds the image byte for byte");
        assertTrue(call.header("Content-Type").startsWith("multipart/form-data; boundary="), call.header("Content-Type"));
        assertEquals(Integer.toString(call.body().length), call.header("Content-Length"), "the length is known up front");
        assertNull(call.header("Transfer-Encoding"), "not chunked");
        assertFalse(new String(call.body(), StandardCharsets.ISO_8859_1).contains(JumdataTestServer.APP_SECRET), "the secret is never sent");
    }

    @Test
    void aPngTravelsAsAPng() throws Exception {
        final byte[] png = TestImages.png(300, 200);
        recognize(JumdataRunner.create(server), png, AUTO);

        final JumdataTestServer.Call call = server.calls().getFirst();
        assertEquals("idcard.png", call.form().fileName());
        assertEquals("image/png", call.form().fileContentType());
        assertArrayEquals(png, call.image());
    }

    /**
     * Jumdata has no token to fetch or share (each request carries its own sign), so there is no single flight to
     * test: what concurrency must not break is that every call is signed on its own. Many threads through one service:
     * one request each, all accepted.
     */
    @Test
    void concurrentCallsAreEachSignedOnTheirOwn() throws Exception {
        final TestRunner runner = JumdataRunner.create(server, Map.of());
        final int threads = 8;
        final int perThread = 4;
        final CountDownLatch start = new CountDownLatch(1);
        final ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            final List<Future<IdCardRecognition>> results = new ArrayList<>();
            for (int i = 0; i < threads * perThread; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return recognize(runner, JPEG, AUTO);
                }));
            }
            start.countDown();
            for (final Future<IdCardRecognition> result : results) {
                assertEquals(CardSide.FRONT, result.get().side());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(threads * perThread, server.requestCount(), "one request per recognition, no other traffic");
        server.calls().forEach(call -> assertNull(call.refusal()));
    }

    // ---- the answer ----

    @Test
    void frontSideIsNormalized() throws Exception {
        server.then(ok(frontCard()));
        final IdCardRecognition recognition = recognize(JumdataRunner.create(server), JPEG, AUTO);

        assertEquals(CardSide.FRONT, recognition.side());
        assertEquals(new IdCardFields("李明", "男", "汉", "1987-01-01", "440524198701010014", "广东省深圳市南山区科技园路1号",
                null, null, null), recognition.fields());
        assertEquals(List.of(), recognition.warnings());
        assertTrue(recognition.requestId().matches("\\d{20}"), "taskNo: " + recognition.requestId());
        assertNull(recognition.quality(), "Jumdata reports no quality score");
        assertNull(recognition.croppedCard(), "nor crops");
        assertEquals(Map.of(), recognition.details(), "no rotate field: not rotated");
    }

    @Test
    void documentedFrontSampleGivesAnIsoBirthDate() throws Exception {
        server.then(ok(documentedFrontCard()));
        final IdCardFields fields = recognize(JumdataRunner.create(server), JPEG, AUTO).fields();

        assertEquals("赵宁宁", fields.name());
        assertEquals("1989-12-01", fields.birth(), "year 1989, month 12, day 1");
        assertEquals("330106198912014010", fields.number());
        assertEquals("浙江省杭州市西湖区文二路108号", fields.address());
    }

    @Test
    void backSideWithRotation() throws Exception {
        server.then(ok(rotated(backCard("20190806-20390806"), "cw90")));
        final IdCardRecognition recognition = recognize(JumdataRunner.create(server), JPEG, AUTO);

        assertEquals(CardSide.BACK, recognition.side());
        assertEquals(new IdCardFields(null, null, null, null, null, null, "杭州市公安局余杭分局", "2019-08-06", "2039-08-06"),
                recognition.fields());
        assertEquals(Map.of(RecognitionDetail.ROTATION, "cw90"), recognition.details());
    }

    @Test
    void backSideWithLongTermValidity() throws Exception {
        server.then(ok(backCard("20190806-长期")));
        final IdCardFields fields = recognize(JumdataRunner.create(server), JPEG, AUTO).fields();

        assertEquals("2019-08-06", fields.validFrom());
        assertEquals(IdCardFields.LONG_TERM, fields.validUntil());
    }

    @Test
    void fieldsMarkedUnreliableAreWarnedAboutAndKept() throws Exception {
        server.then(ok(uncertain(frontCard(), "number", "address")));
        final IdCardRecognition recognition = recognize(JumdataRunner.create(server), JPEG, AUTO);

        assertEquals(List.of(new ReportedWarning(CardWarning.FIELD_UNCERTAIN, "validity.number=false"),
                new ReportedWarning(CardWarning.FIELD_UNCERTAIN, "validity.address=false")), recognition.warnings());
        assertEquals("440524198701010014", recognition.fields().number(), "the value read is kept for review");
        assertFalse(CardWarning.FIELD_UNCERTAIN.isRequestable());
    }

    @Test
    void aPhotoWithoutACardIsNothingRecognized() throws Exception {
        server.then(ok(noCard()));
        final IdCardRecognition recognition = recognize(JumdataRunner.create(server), JPEG, AUTO);

        assertTrue(recognition.fields().isEmpty(), "every field marked false: nothing recognized");
        assertEquals(List.of(), recognition.warnings());
        assertTrue(recognition.requestId() != null);
    }

    @Test
    void aFailedScanIsNothingRecognized() throws Exception {
        server.then(ok(frontCard().put("result", 1)));
        assertTrue(recognize(JumdataRunner.create(server), JPEG, AUTO).fields().isEmpty());
    }

    @Test
    void theSideJumdataRecognizedIsReportedEvenWhenAnotherWasAskedFor() throws Exception {
        server.then(ok(backCard("20190806-20390806")));
        final RecognitionRequest front = new RecognitionRequest(CardSide.FRONT, EnumSet.noneOf(CardWarning.class), false, false, false);

        // the processor, not the service, fails the FlowFile with Result.CardSideMismatch (the same for every provider)
        final IdCardRecognition recognition = recognize(JumdataRunner.create(server), JPEG, front);
        assertEquals(CardSide.BACK, recognition.side());
    }

    // ---- streaming ----

    /**
     * A guard on the streaming design: sending an image of several MB must allocate far less than the image on the
     * calling thread, which writes the multipart body. The service itself does not enforce Jumdata's 2 MB (the
     * processor does, before the call), so a larger image makes holding it unmistakable. The endpoint is the JDK's
     * HTTP server, which does not share Okio's segment pool with the client.
     */
    @Test
    void largeImageIsStreamedNotHeld() throws Exception {
        final byte[] image = TestImages.noisePng(1580, 1580, 7);
        assertTrue(image.length > 7 * 1024 * 1024, "image has " + image.length + " bytes");
        try (PlainJumdataEndpoint endpoint = new PlainJumdataEndpoint()) {
            final TestRunner runner = JumdataRunner.create(endpoint.url(), Map.of());
            // the first call pays one-off costs (class loading, connection, buffer pools); measure a steady-state call
            recognize(runner, image, AUTO);

            final ThreadAllocation.Measured<IdCardRecognition> measured = ThreadAllocation.measure(() -> recognize(runner, image, AUTO));
            final IdCardRecognition recognition = measured.result();

            assertNull(endpoint.lastForm().refusal());
            assertEquals(CardSide.FRONT, recognition.side());
            assertArrayEquals(image, endpoint.lastForm().file(), "the endpoint received the image byte for byte");
            measured.assertFarLessThan(image);
        }
    }
}
