package dev.nifiidcard.camera.grab;

import okhttp3.Authenticator;
import okhttp3.Challenge;
import okhttp3.Credentials;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.Route;

import java.io.IOException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Answers a camera's 401 challenges: Digest when offered (many IP cameras refuse Basic), else Basic. The answer the
 * camera accepted is sent up front on the next request (Digest with the same nonce and the next nonce count), so a
 * snapshot costs one round trip rather than two; a stale nonce or a refused up-front answer is retried once with the
 * fresh challenge, and a refused answer to a fresh challenge is final, so wrong credentials are never sent in a loop.
 * Credentials go to the camera's own origin only.
 */
final class CameraAuthenticator implements Authenticator, Interceptor {

    private static final String AUTHORIZATION = "Authorization";
    /** The first request, the answer to its challenge, and one more for a stale nonce. */
    private static final int MAX_ATTEMPTS = 3;

    private final HttpUrl camera;
    private final String username;
    private final String password;
    private final SecureRandom random = new SecureRandom();

    /** What the camera last asked for, to answer up front: a Digest challenge or a Basic answer; guarded by this. */
    private DigestChallenge digest;
    private long nonceCount;
    private String basic;

    private CameraAuthenticator(final HttpUrl camera, final String username, final String password) {
        this.camera = camera;
        this.username = username;
        this.password = password;
    }

    /** A client that sends these credentials to the camera: the caller's client, sharing its pool and dispatcher. */
    static OkHttpClient install(final OkHttpClient http, final HttpUrl camera, final String username, final String password) {
        final CameraAuthenticator authenticator = new CameraAuthenticator(camera, username, password);
        return http.newBuilder().authenticator(authenticator).addInterceptor(authenticator).build();
    }

    @Override
    public Response intercept(final Chain chain) throws IOException {
        Request request = chain.request();
        if (request.header(AUTHORIZATION) == null && sameOrigin(request.url())) {
            final String upFront = upFrontAuthorization(request);
            if (upFront != null) {
                request = request.newBuilder().header(AUTHORIZATION, upFront).build();
            }
        }
        final Response response = chain.proceed(request);
        if (response.code() == 401) {
            forget();
        }
        return response;
    }

    @Override
    public Request authenticate(final Route route, final Response response) {
        final Request refused = response.request();
        if (!sameOrigin(refused.url()) || attempts(response) >= MAX_ATTEMPTS) {
            return null;
        }
        // a refused answer to a fresh challenge means wrong credentials, unless the camera only found the nonce stale;
        // a refused up-front answer may just have carried an old nonce
        final boolean freshAnswerRefused = refused.header(AUTHORIZATION) != null && response.priorResponse() != null;
        final boolean upFrontRefused = refused.header(AUTHORIZATION) != null && response.priorResponse() == null;

        for (final Challenge challenge : response.challenges()) {
            final DigestChallenge offered = DigestChallenge.of(challenge);
            if (offered != null) {
                return freshAnswerRefused && !offered.stale() ? null : answer(refused, offered);
            }
        }
        for (final Challenge challenge : response.challenges()) {
            if ("Basic".equalsIgnoreCase(challenge.scheme())) {
                // Basic has no nonce: a refused Basic answer would be refused again
                return freshAnswerRefused || (upFrontRefused && answersBasic()) ? null : answerBasic(refused, challenge);
            }
        }
        return null;
    }

    private synchronized Request answer(final Request request, final DigestChallenge challenge) {
        digest = challenge;
        basic = null;
        nonceCount = 0;
        return request.newBuilder().header(AUTHORIZATION, digestAuthorization(request)).build();
    }

    private synchronized Request answerBasic(final Request request, final Challenge challenge) {
        digest = null;
        basic = Credentials.basic(username, password, challenge.charset());
        return request.newBuilder().header(AUTHORIZATION, basic).build();
    }

    private synchronized String upFrontAuthorization(final Request request) {
        return digest != null ? digestAuthorization(request) : basic;
    }

    private synchronized boolean answersBasic() {
        return basic != null;
    }

    private synchronized void forget() {
        digest = null;
        basic = null;
    }

    /** Called with the monitor held. */
    private String digestAuthorization(final Request request) {
        final byte[] clientNonce = new byte[16];
        random.nextBytes(clientNonce);
        return digest.authorization(username, password, request.method(), request.url(), ++nonceCount,
                HexFormat.of().formatHex(clientNonce));
    }

    private boolean sameOrigin(final HttpUrl url) {
        return url.scheme().equals(camera.scheme()) && url.host().equals(camera.host()) && url.port() == camera.port();
    }

    private static int attempts(final Response response) {
        int attempts = 1;
        for (Response prior = response.priorResponse(); prior != null; prior = prior.priorResponse()) {
            attempts++;
        }
        return attempts;
    }
}
