package dev.nifiidcard.tencent;

import dev.nifiidcard.testing.IdCardOcrServiceContractTest;
import dev.nifiidcard.testing.RecognizerRunner;
import dev.nifiidcard.testing.TencentOcrTestServer;

/** Tencent Cloud OCR against the behaviour every provider shares. */
class TencentCloudContractTest extends IdCardOcrServiceContractTest {

    TencentCloudContractTest() {
        super(new Provider(TencentOcrTestServer::new, TencentCloudIdCardOcrService::new, RecognizerRunner.CREDENTIALS,
                TencentCloudIdCardOcrService.SECRET_KEY, TencentCloudIdCardOcrService.ENDPOINT_URL, "/ocr/",
                () -> TencentOcrTestServer.ok(TencentOcrTestServer.error("RequestLimitExceeded", "请求次数超过了频率限制"))));
    }
}
