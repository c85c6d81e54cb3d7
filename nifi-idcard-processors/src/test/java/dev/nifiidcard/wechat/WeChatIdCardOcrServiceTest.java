package dev.nifiidcard.wechat;

import dev.nifiidcard.ocr.CardSide;
import dev.nifiidcard.ocr.IdCardRecognition;
import dev.nifiidcard.testing.PlainWeChatEndpoint;
import dev.nifiidcard.testing.TestImages;
import dev.nifiidcard.testing.ThreadAllocation;
import dev.nifiidcard.testing.WeChatRecognizerRunner;
import dev.nifiidcard.testing.WeChatTestServer;
import okhttp3.MediaType;
import org.apache.nifi.util.TestRunner;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

import static dev.nifiidcard.testing.WeChatTestServer.ok;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a recognition sends to WeChat, streamed, and how its answer is normalized. */
class WeChatIdCardOcrServiceTest extends WeChatServiceTest {

    @Test
    void sendsTheDocumentedRequests() throws Exception {
        final TestRunner runner = WeChatRecognizerRunner.create(server);
        recognize(runner, IMAGE);

        final WeChatTestServer.TokenCall tokenCall = server.tokenCalls().getFirst();
        assertNull(tokenCall.refusal());
        // the stable token: shared by every node while valid, the App Secret in the body, never in a URL
        assertEquals("/cgi-bin/stable_token", tokenCall.url().encodedPath());
        assertEquals(Set.of(), tokenCall.url().queryParameterNames());
        assertEquals("client_credential", tokenCall.body().path("grant_type").asText());
        assertEquals(WeChatTestServer.APP_ID, tokenCall.body().path("appid").asText());
        assertEquals(WeChatTestServer.APP_SECRET, tokenCall.body().path("secret").asText());
        assertFalse(tokenCall.body().path("force_refresh").asBoolean(true), "never invalidates the token other nodes use");

        final WeChatTestServer.Call call = server.calls().getFirst();
        assertNull(call.refusal(), "the server accepted the token and the upload");
        assertEquals("/cv/ocr/idcard", call.url().encodedPath());
        assertEquals(Set.of("type", "access_token"), call.url().queryParameterNames());
        assertEquals("photo", call.type());
        assertTrue(call.header("Content-Type").startsWith("multipart/form-data; boundary="), call.header("Content-Type"));
        assertNull(call.header("Transfer-Encoding"), "not chunked");
        assertTrue(Long.parseLong(call.header("Content-Length")) > IMAGE.length, "the length is announced up front");

        final WeChatTestServer.Upload upload = call.upload();
        assertEquals(1, upload.parts(), "one part, nothing else");
        assertEquals("img", upload.name());
        assertEquals("idcard.jpg", upload.fileName());
        assertEquals(MediaType.get("image/jpeg"), upload.contentType());
        assertArrayEquals(IMAGE, upload.bytes(), "the img part carries the image byte for byte");
    }

    @Test
    void imageTypeScanAndThePngFileName() throws Exception {
        final byte[] png = TestImages.png(640, 400);
        final TestRunner runner = WeChatRecognizerRunner.create(server, Map.of(WeChatIdCardOcrService.IMAGE_TYPE, "scan"));
        recognize(runner, png);

        final WeChatTestServer.Call call = server.calls().getFirst();
        assertEquals("scan", call.type());
        assertEquals("idcard.png", call.upload().fileName());
        assertEquals(MediaType.get("image/png"), call.upload().contentType());
        assertArrayEquals(png, call.image());
    }

    @Test
    void frontAndBackAreNormalized() throws Exception {
        server.then(ok(WeChatTestServer.frontCard())).then(ok(WeChatTestServer.backCard("20070105-20270105")));
        final TestRunner runner = WeChatRecognizerRunner.create(server);

        final IdCardRecognition front = recognize(runner, IMAGE);
        assertEquals(CardSide.FRONT, front.side());
        assertEquals("李明", front.fields().name());
        assertEquals("440524198701010014", front.fields().number());
        assertNull(front.fields().birth());

        final IdCardRecognition back = recognize(runner, IMAGE);
        assertEquals(CardSide.BACK, back.side(), "the side WeChat detected, whatever was asked");
        assertEquals("2007-01-05", back.fields().validFrom());
        assertEquals("2027-01-05", back.fields().validUntil());
    }

    /**
     * A guard on the streaming design: sending an image just under WeChat's 2 MB limit must allocate far less than
     * the image on the calling thread, which writes the multipart body. The endpoint is the JDK's HTTP server, which
     * does not compete with the client for Okio's segment pool as MockWebServer in this JVM would.
     */
    @Test
    void largeImageIsStreamedNotHeld() throws Exception {
        final byte[] image = TestImages.noisePng(800, 800, 7);
        assertTrue(image.length > 1_800_000 && image.length <= WeChatIdCardOcrService.MAX_IMAGE_BYTES, "image has " + image.length + " bytes");
        try (PlainWeChatEndpoint endpoint = new PlainWeChatEndpoint()) {
            final TestRunner runner = WeChatRecognizerRunner.create(endpoint.url(), Map.of());
            // the first call pays one-off costs (class loading, token, connection, buffer pools); measure a steady-state call
            recognize(runner, image);

            final ThreadAllocation.Measured<IdCardRecognition> measured = ThreadAllocation.measure(() -> recognize(runner, image));
            final IdCardRecognition recognition = measured.result();

            assertNull(endpoint.lastRefusal());
            assertEquals(CardSide.FRONT, recognition.side());
            assertArrayEquals(image, endpoint.lastImage(), "the endpoint received the image byte for byte");
            measured.assertFarLessThan(image);
        }
    }
}
