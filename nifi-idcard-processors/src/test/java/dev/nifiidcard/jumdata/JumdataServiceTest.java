package dev.nifiidcard.jumdata;

import dev.nifiidcard.ocr.CardWarning;
import dev.nifiidcard.ocr.IdCardOcrException;
import dev.nifiidcard.ocr.IdCardRecognition;
import dev.nifiidcard.ocr.ImageSource;
import dev.nifiidcard.ocr.RecognitionRequest;
import dev.nifiidcard.testing.JumdataRunner;
import dev.nifiidcard.testing.JumdataTestServer;
import dev.nifiidcard.testing.TestImages;
import org.apache.nifi.util.TestRunner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.util.EnumSet;

/** A JumdataIdCardOcrService against the local Jumdata test server, which recomputes and checks each sign. */
abstract class JumdataServiceTest {

    static final RecognitionRequest AUTO = new RecognitionRequest(null, EnumSet.of(CardWarning.PHOTOCOPY), true, true, true);
    static final byte[] JPEG = TestImages.jpeg(640, 400);

    JumdataTestServer server;

    @BeforeEach
    void start() throws Exception {
        server = new JumdataTestServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    static IdCardRecognition recognize(final TestRunner runner, final byte[] image, final RecognitionRequest request)
            throws IdCardOcrException {
        return JumdataRunner.service(runner).recognize(ImageSource.of(image), request);
    }
}
