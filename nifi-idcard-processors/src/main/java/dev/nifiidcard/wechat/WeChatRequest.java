package dev.nifiidcard.wechat;

import dev.nifiidcard.ocr.IdCardOcrException;
import dev.nifiidcard.ocr.ImageSource;
import dev.nifiidcard.ocr.RecognitionRequest;
import dev.nifiidcard.provider.CredentialSource;
import dev.nifiidcard.provider.ProviderCall;
import dev.nifiidcard.provider.ProviderClient;
import dev.nifiidcard.provider.StaleCredentialException;
import dev.nifiidcard.provider.http.ImagePartBody;
import okhttp3.HttpUrl;
import okhttp3.MultipartBody;
import okhttp3.Request;

/**
 * WeChat's {@code POST /cv/ocr/idcard?type=...&access_token=...} on the wire, the image streamed as the multipart
 * part {@code img}. WeChat takes no side, card checks, quality or crops: the side is the one it detects.
 *
 * @param url         the recognition URL without the query, which carries the access token: the provenance transit URI
 * @param imageType   photo or scan
 * @param credentials the access tokens
 */
record WeChatRequest(HttpUrl url, String imageType, CredentialSource<String> credentials) implements ProviderClient<String> {

    static final String PATH = "/cv/ocr/idcard";
    static final String IMAGE_PART = "img";

    static WeChatRequest of(final HttpUrl endpoint, final String imageType, final CredentialSource<String> tokens) {
        return new WeChatRequest(endpoint.resolve(PATH), imageType, tokens);
    }

    @Override
    public ProviderCall<String> prepare(final ImageSource image, final RecognitionRequest request) throws IdCardOcrException {
        final ImagePartBody part = ImagePartBody.of(image);
        // built once: each attempt writes it again, streaming the image from its source
        final MultipartBody body = new MultipartBody.Builder().setType(MultipartBody.FORM).addFormDataPart(IMAGE_PART, part.fileName(), part).build();
        return ProviderCall.of(token -> new Request.Builder()
                .url(url.newBuilder().addQueryParameter("type", imageType).addQueryParameter("access_token", token).build())
                .post(body)
                .build(), answer -> {
            try {
                return WeChatAnswer.recognition(answer.status(), answer.body());
            } catch (final IdCardOcrException e) {
                throw WeChatCodes.isStaleToken(e.getCode()) ? new StaleCredentialException(e) : e;
            }
        });
    }

    @Override
    public String transitUri() {
        return url.toString();
    }
}
