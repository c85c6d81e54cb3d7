package dev.nifiidcard.huiyan;

import dev.nifiidcard.testing.HuiyanRecognizerRunner;
import dev.nifiidcard.testing.HuiyanTestServer;
import dev.nifiidcard.testing.IdCardOcrServiceContractTest;

/** Tencent Huiyan against the behaviour every provider shares. */
class HuiyanContractTest extends IdCardOcrServiceContractTest {

    HuiyanContractTest() {
        super(new Provider(HuiyanTestServer::new, TencentHuiyanIdCardOcrService::new, HuiyanRecognizerRunner.CREDENTIALS,
                TencentHuiyanIdCardOcrService.SECRET, TencentHuiyanIdCardOcrService.ENDPOINT_URL, "/api/",
                () -> HuiyanTestServer.error("123456", "请求频率过高")));
    }
}
