package dev.nifiidcard.camera.grab;

import dev.nifiidcard.camera.SourceMasker;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * A camera's HTTP endpoint: its URL without user info, that URL masked for messages, and a client that answers the
 * camera's challenges with the credentials.
 */
record CameraEndpoint(OkHttpClient client, HttpUrl url, String masked) {

    /**
     * Credentials typed into the URL ({@code http://user:password@camera/...}, as camera manuals often show them) are
     * used when none are given apart; OkHttp itself never sends them.
     */
    static CameraEndpoint of(final OkHttpClient http, final String url, final String username, final String password) {
        final HttpUrl parsed = url == null ? null : HttpUrl.parse(url);
        if (parsed == null) {
            throw new IllegalArgumentException("Not an http or https URL: " + SourceMasker.mask(url));
        }
        final boolean given = username != null && !username.isEmpty();
        final String user = given ? username : parsed.username();
        final String pass = given ? password : parsed.password();
        final HttpUrl bare = parsed.newBuilder().username("").password("").build();
        final OkHttpClient client = user.isEmpty()
                ? http
                : CameraAuthenticator.install(http, bare, user, pass == null ? "" : pass);
        return new CameraEndpoint(client, bare, SourceMasker.mask(bare.toString()));
    }

    @Override
    public String toString() {
        return masked;
    }
}
