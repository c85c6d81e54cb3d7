package dev.nifiidcard.ocr;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** A small JPEG without a card, shipped for Verify: it proves the endpoint and credentials without real data. */
public final class SampleImage implements ImageSource {

    public static final SampleImage INSTANCE = new SampleImage();

    private final byte[] bytes;

    private SampleImage() {
        try (InputStream in = SampleImage.class.getResourceAsStream("verification-sample.jpg")) {
            if (in == null) {
                throw new IllegalStateException("verification-sample.jpg missing from the bundle");
            }
            bytes = in.readAllBytes();
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public long length() {
        return bytes.length;
    }

    @Override
    public InputStream open() {
        return new ByteArrayInputStream(bytes);
    }
}
