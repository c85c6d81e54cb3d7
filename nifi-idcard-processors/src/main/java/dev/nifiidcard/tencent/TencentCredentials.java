package dev.nifiidcard.tencent;

import dev.nifiidcard.provider.SecretRedactor;

/**
 * A Tencent Cloud API key pair, with the token of temporary (STS) credentials when there is one.
 *
 * @param secretId     SecretId, quoted in the Authorization header
 * @param secretKey    SecretKey, only ever used as HMAC key material
 * @param sessionToken X-TC-Token for temporary credentials, or {@code null}
 */
record TencentCredentials(String secretId, String secretKey, String sessionToken) {

    @Override
    public String toString() {
        return "TencentCredentials[secretId=" + secretId + ", secretKey=" + SecretRedactor.REDACTED + ", sessionToken="
                + (sessionToken == null ? "none" : SecretRedactor.REDACTED) + "]";
    }
}
