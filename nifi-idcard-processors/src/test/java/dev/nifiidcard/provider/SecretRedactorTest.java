package dev.nifiidcard.provider;

import dev.nifiidcard.ocr.IdCardOcrException.Category;
import dev.nifiidcard.ocr.IdCardOcrException;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SecretRedactorTest {

    private static final String TOKEN = "81_TOKENabcdef0123456789";

    @Test
    void aFailureQuotingASecretIsRebuiltWithoutIt() {
        final IdCardOcrException quoting = new IdCardOcrException("Transport.IOError",
                "IOException: unexpected end of stream on http://gw/cv/ocr/idcard?type=photo&access_token=" + TOKEN,
                Category.TRANSPORT, true, "rid-1", new IOException("access_token=" + TOKEN), true);

        final IdCardOcrException safe = SecretRedactor.redact(quoting, "unused-secret", TOKEN);

        assertEquals("IOException: unexpected end of stream on http://gw/cv/ocr/idcard?type=photo&access_token=[redacted]", safe.getMessage());
        assertNull(safe.getCause(), "a cause quoting the token cannot be rewritten, so it is dropped");
        assertEquals("Transport.IOError", safe.getCode());
        assertEquals(Category.TRANSPORT, safe.getCategory());
        assertTrue(safe.isRetryable());
        assertTrue(safe.isAnswerLost());
        assertEquals("rid-1", safe.getRequestId());
    }

    @Test
    void aSecretOnlyInTheCauseIsFoundToo() {
        final IdCardOcrException quoting = new IdCardOcrException("Transport.IOError", "IOException", Category.TRANSPORT, true, null,
                new IOException("wrapped", new IOException("secret=" + TOKEN)));
        final IdCardOcrException safe = SecretRedactor.redact(quoting, TOKEN);
        assertNull(safe.getCause());
        assertFalse(safe.toString().contains(TOKEN));
    }

    @Test
    void aFailureQuotingNoSecretIsKeptWithItsCause() {
        final IdCardOcrException clean = new IdCardOcrException("Transport.Timeout", "timeout", Category.TRANSPORT, true, null,
                new IOException("timeout"));
        assertSame(clean, SecretRedactor.redact(clean, TOKEN, null, ""));
    }

    @Test
    void textIsRedacted() {
        assertEquals("a [redacted] b [redacted]", SecretRedactor.redact("a " + TOKEN + " b " + TOKEN, TOKEN));
        assertNull(SecretRedactor.redact((String) null, TOKEN));
    }
}
