package dev.nifiidcard.wechat;

import dev.nifiidcard.ocr.CardSide;
import dev.nifiidcard.ocr.CardWarning;
import dev.nifiidcard.ocr.IdCardOcrException;
import dev.nifiidcard.ocr.IdCardRecognition;
import dev.nifiidcard.ocr.ImageSource;
import dev.nifiidcard.ocr.RecognitionRequest;
import dev.nifiidcard.testing.TestImages;
import dev.nifiidcard.testing.WeChatRecognizerRunner;
import dev.nifiidcard.testing.WeChatTestServer;
import org.apache.nifi.util.TestRunner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.util.EnumSet;

/** A WeChatIdCardOcrService against the local WeChat test server, which issues and checks the access tokens. */
abstract class WeChatServiceTest {

    /** What the processor asks: WeChat can honour none of it but the recognition itself. */
    static final RecognitionRequest REQUEST = new RecognitionRequest(CardSide.FRONT, EnumSet.of(CardWarning.PHOTOCOPY), true, true, true);
    static final byte[] IMAGE = TestImages.jpeg(640, 400);

    WeChatTestServer server;

    @BeforeEach
    void start() throws Exception {
        server = new WeChatTestServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    static IdCardRecognition recognize(final TestRunner runner, final byte[] image) throws IdCardOcrException {
        return WeChatRecognizerRunner.service(runner).recognize(ImageSource.of(image), REQUEST);
    }
}
