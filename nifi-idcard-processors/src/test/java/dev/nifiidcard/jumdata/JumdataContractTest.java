package dev.nifiidcard.jumdata;

import dev.nifiidcard.testing.IdCardOcrServiceContractTest;
import dev.nifiidcard.testing.JumdataRunner;
import dev.nifiidcard.testing.JumdataTestServer;

/** Jumdata against the behaviour every provider shares. */
class JumdataContractTest extends IdCardOcrServiceContractTest {

    JumdataContractTest() {
        super(new Provider(JumdataTestServer::new, JumdataIdCardOcrService::new, JumdataRunner.CREDENTIALS,
                JumdataIdCardOcrService.APP_SECRET, JumdataIdCardOcrService.ENDPOINT_URL, "/ocr/idcard-v1",
                () -> JumdataTestServer.json(JumdataTestServer.error(609, "请求过于频繁,请稍候再试"))));
    }
}
