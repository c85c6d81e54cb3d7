package dev.nifiidcard.wechat;

import dev.nifiidcard.testing.IdCardOcrServiceContractTest;
import dev.nifiidcard.testing.WeChatRecognizerRunner;
import dev.nifiidcard.testing.WeChatTestServer;

/** WeChat against the behaviour every provider shares. */
class WeChatContractTest extends IdCardOcrServiceContractTest {

    WeChatContractTest() {
        super(new Provider(WeChatTestServer::new, WeChatIdCardOcrService::new, WeChatRecognizerRunner.CREDENTIALS,
                WeChatIdCardOcrService.APP_SECRET, WeChatIdCardOcrService.ENDPOINT_URL, "/cv/ocr/idcard",
                () -> WeChatTestServer.ok(WeChatTestServer.error(45011, "api minute-quota reach limit"))));
    }
}
