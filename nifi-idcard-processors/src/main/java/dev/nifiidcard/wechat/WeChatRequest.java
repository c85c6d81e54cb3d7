package dev.nifiidcard.wechat;

import dev.nifiidcard.ocr.IdCardOcrException;
import dev.nifiidcard.ocr.IdCardRecognition;
import dev.nifiidcard.ocr.ImageSource;
import dev.nifiidcard.ocr.RecognitionRequest;
import dev.nifiidcard.provider.CredentialSource;
import dev.nifiidcard.provider.ProviderCall;
import dev.nifiidcard.provider.ProviderClient;
import dev.nifiidcard.provider.StaleCredentialException;
import dev.nifiidcard.provider.http.ImagePartBody;
import dev.nifiidcard.provider.http.ProviderExchange;
import okhttp3.HttpUrl;
import okhttp3.MultipartBody;
import okhttp3.Request;

/**
 * WeChat's {@code POST /cv/ocr/idcard?type=...&access_token=...} on the wire, the image streamed as the multipart
 * part {@code img}. WeChat takes no side, card checks, quality or crops: the side is the one it detects.
 */
final class WeChatRequest implements ProviderClient<String> {

    static final String PATH = "/cv/ocr/idcard";
    static final String IMAGE_PART = "img";

    private final HttpUrl url;
    private final String imageType;
    private final CredentialSource<String> tokens;

    WeChatRequest(final HttpUrl endpoint, final String imageType, final CredentialSource<String> tokens) {
        this.url = endpoint.resolve(PATH);
        this.imageType = imageType;
        this.tokens = tokens;
    }

    @Override
    public CredentialSource<String> credentials() {
        return tokens;
    }

    @Override
    public ProviderCall<String> prepare(final ImageSource image, final RecognitionRequest request) throws IdCardOcrException {
        final ImagePartBody part = ImagePartBody.of(image);
        // built once: each attempt writes it again, streaming the image from its source
        final MultipartBody body = new MultipartBody.Builder()
                .setType(MultipartBody.FORM)
                .addFormDataPart(IMAGE_PART, part.fileName(), part)
                .build();
        return new ProviderCall<>() {
            @Override
            public Request request(final String token) {
                return new Request.Builder()
                        .url(url.newBuilder().addQueryParameter("type", imageType).addQueryParameter("access_token", token).build())
                        .post(body)
                        .build();
            }

            @Override
            public IdCardRecognition read(final ProviderExchange.Answer answer) throws IdCardOcrException {
                try {
                    return WeChatAnswer.recognition(answer.status(), answer.body());
                } catch (final IdCardOcrException e) {
                    throw WeChatCodes.isStaleToken(e.getCode()) ? new StaleCredentialException(e) : e;
                }
            }
        };
    }

    /** The endpoint of recognitions without the query, which carries the access token: the provenance transit URI. */
    @Override
    public String transitUri() {
        return url.toString();
    }
}
