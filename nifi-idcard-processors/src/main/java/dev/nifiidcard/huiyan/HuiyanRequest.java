package dev.nifiidcard.huiyan;

import dev.nifiidcard.ocr.IdCardOcrException;
import dev.nifiidcard.ocr.IdCardRecognition;
import dev.nifiidcard.ocr.ImageSource;
import dev.nifiidcard.ocr.RecognitionRequest;
import dev.nifiidcard.provider.CredentialSource;
import dev.nifiidcard.provider.ProviderCall;
import dev.nifiidcard.provider.ProviderClient;
import dev.nifiidcard.provider.SecretRedactor;
import dev.nifiidcard.provider.http.Base64JsonImageBody;
import dev.nifiidcard.provider.http.ProviderExchange;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Request;
import org.apache.nifi.logging.ComponentLog;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Huiyan's {@code idcardocrapp} on the wire: each attempt signed with the SIGN ticket, a new order number and nonce,
 * and a JSON body of the signed fields, {@code idcardStr} (the image's base64, streamed) and {@code getNative}.
 */
final class HuiyanRequest implements ProviderClient<String> {

    static final String OCR_PATH = "api/paas/idcardocrapp";
    /** The Content-Type Huiyan documents, sent as written. */
    static final MediaType MEDIA_TYPE = MediaType.get("application/json");

    /** The fields of one call other than the image. */
    record Fields(String appId, String version, String nonce, String sign, String orderNo, String userId, boolean nativePlace) {

        @Override
        public String toString() {
            return "Fields[orderNo=" + orderNo + ", sign=" + SecretRedactor.REDACTED + "]";
        }
    }

    private final HttpUrl endpoint;
    private final String appId;
    private final String secret;
    private final String userId;
    private final boolean nativePlace;
    private final HuiyanAuth auth;
    private final ComponentLog log;
    /** Whether this client has said that crops have no effect: once is enough. */
    private final AtomicBoolean cropsNoted = new AtomicBoolean();

    /**
     * @param userId      sent as userId, or null to leave it out
     * @param nativePlace whether to ask for the native place (getNative)
     */
    HuiyanRequest(final HttpUrl endpoint, final String appId, final String secret, final String userId, final boolean nativePlace,
                  final HuiyanAuth auth, final ComponentLog log) {
        this.endpoint = endpoint;
        this.appId = appId;
        this.secret = secret;
        this.userId = userId;
        this.nativePlace = nativePlace;
        this.auth = auth;
        this.log = log;
    }

    /** The JSON body of one call: the signed fields, then idcardStr streamed, then getNative when asked for. */
    static Base64JsonImageBody body(final ImageSource image, final Fields fields) {
        final Map<String, String> signed = new LinkedHashMap<>();
        signed.put("appId", fields.appId());
        signed.put("version", fields.version());
        signed.put("nonce", fields.nonce());
        signed.put("sign", fields.sign());
        signed.put("orderNo", fields.orderNo());
        signed.put("userId", fields.userId());
        return Base64JsonImageBody.jsonObject(image, signed, "idcardStr", fields.nativePlace() ? Map.of("getNative", "1") : Map.of(),
                MEDIA_TYPE);
    }

    @Override
    public CredentialSource<String> credentials() {
        return auth.tickets();
    }

    @Override
    public ProviderCall<String> prepare(final ImageSource image, final RecognitionRequest request) {
        if ((request.cropCard() || request.cropPortrait()) && cropsNoted.compareAndSet(false, true)) {
            log.warn("Tencent Huiyan returns no cropped card or portrait: Crop Card and Crop Portrait have no effect with this service");
        }
        return new ProviderCall<>() {
            // what the current attempt sent: its answer is read against them
            private String orderNo;
            private List<String> secrets;

            @Override
            public Request request(final String ticket) {
                orderNo = HuiyanSigner.randomAlphanumeric();
                final String nonce = HuiyanSigner.randomAlphanumeric();
                final String sign = HuiyanSigner.sign(appId, orderNo, HuiyanAuth.VERSION, ticket, nonce);
                secrets = List.of(secret, ticket, sign);
                return new Request.Builder()
                        .url(endpoint.newBuilder().addPathSegments(OCR_PATH).addQueryParameter("orderNo", orderNo).build())
                        .post(body(image, new Fields(appId, HuiyanAuth.VERSION, nonce, sign, orderNo, userId, nativePlace)))
                        .build();
            }

            @Override
            public IdCardRecognition read(final ProviderExchange.Answer answer) throws IdCardOcrException {
                return HuiyanAnswer.recognition(answer.status(), answer.body(), new HuiyanAnswer.Sent(orderNo, request, nativePlace), secrets);
            }
        };
    }

    /** The recognition URL, without the per-call order number: the transit URI of provenance events. */
    @Override
    public String transitUri() {
        return endpoint.newBuilder().addPathSegments(OCR_PATH).build().toString();
    }
}
