package dev.nifiidcard.camera.gate;

import java.io.IOException;

/**
 * A valid JPEG the fast decoder does not read but ImageIO does (progressive, RGB or CMYK, chroma sampled finer than
 * luma): {@link ScaledJpegDecoder} then checks what decoding it would cost before handing it to ImageIO.
 */
final class NeedsGeneralDecoderException extends IOException {

    NeedsGeneralDecoderException(final String message) {
        super(message);
    }
}
