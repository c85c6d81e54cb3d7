package dev.nifiidcard.provider;

import dev.nifiidcard.ocr.ImageSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** A small JPEG without a card, shipped for Verify: it proves the endpoint and credentials without real data. */
public final class SampleImage {

    public static final ImageSource INSTANCE = ImageSource.of(load());

    private SampleImage() {
    }

    private static byte[] load() {
        try (InputStream in = SampleImage.class.getResourceAsStream("verification-sample.jpg")) {
            if (in == null) {
                throw new IllegalStateException("verification-sample.jpg missing from the bundle");
            }
            return in.readAllBytes();
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
