package dev.nifiidcard.ocr;

/** Image formats recognized by their magic bytes. */
public enum ImageFormat {
    JPEG("image/jpeg"),
    PNG("image/png"),
    BMP("image/bmp");

    private final String mimeType;

    ImageFormat(final String mimeType) {
        this.mimeType = mimeType;
    }

    public String getMimeType() {
        return mimeType;
    }
}
