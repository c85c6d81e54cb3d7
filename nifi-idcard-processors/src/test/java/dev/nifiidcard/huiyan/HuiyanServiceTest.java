package dev.nifiidcard.huiyan;

import dev.nifiidcard.ocr.CardWarning;
import dev.nifiidcard.ocr.IdCardOcrException;
import dev.nifiidcard.ocr.IdCardRecognition;
import dev.nifiidcard.ocr.ImageSource;
import dev.nifiidcard.ocr.RecognitionRequest;
import dev.nifiidcard.testing.HuiyanRecognizerRunner;
import dev.nifiidcard.testing.HuiyanTestServer;
import dev.nifiidcard.testing.TestImages;
import org.apache.nifi.util.TestRunner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.util.EnumSet;
import java.util.regex.Pattern;

/** A TencentHuiyanIdCardOcrService against the local Huiyan test server, which checks the sign, token and ticket. */
abstract class HuiyanServiceTest {

    static final RecognitionRequest AUTO = new RecognitionRequest(null, EnumSet.of(CardWarning.PHOTOCOPY), true, false, false);
    static final byte[] IMAGE = TestImages.jpeg(800, 500);
    static final Pattern BIZ_SEQ_NO = Pattern.compile("\\d{32}");

    HuiyanTestServer server;

    @BeforeEach
    void start() throws Exception {
        server = new HuiyanTestServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    static IdCardRecognition recognize(final TestRunner runner, final byte[] image, final RecognitionRequest request)
            throws IdCardOcrException {
        return HuiyanRecognizerRunner.service(runner).recognize(ImageSource.of(image), request);
    }
}
