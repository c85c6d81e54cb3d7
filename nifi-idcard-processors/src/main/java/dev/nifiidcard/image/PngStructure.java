package dev.nifiidcard.image;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

import static dev.nifiidcard.image.ImageHeaderReader.CORRUPT;

/**
 * Walks a whole PNG chunk by chunk, as libpng reads it, and refuses what libpng refuses: a first chunk other than a
 * valid IHDR, a second IHDR, a bad CRC on a critical chunk (on an ancillary one libpng only drops the chunk), an
 * unknown critical chunk, a palette image without PLTE, no IDAT, or image data that is not zlib or inflates to
 * fewer bytes than the IHDR declares. The data is inflated into a small reused buffer, no further than the declared
 * size and at most {@link #INFLATE_BUDGET} bytes (about 0.1 s of CPU, whatever the header claims); past the budget,
 * only the CRCs and the IEND vouch for the rest. Once the image data is known whole, what follows may be cut short
 * (a missing IEND): decoders have what they need, ImageIO decodes it.
 */
final class PngStructure {

    private static final int SIGNATURE_BYTES = 8;
    private static final int CHUNK_PREFIX = 8;
    private static final int MAX_PALETTE_BYTES = 256 * 3;
    /** Inflated bytes checked at most: a 4K RGB photo (25 MB) whole; a 10000x10000 16-bit claim would be 800 MB. */
    static final long INFLATE_BUDGET = 32L * 1024 * 1024;

    private final InputStream in;
    private final byte[] buffer = new byte[16 * 1024];
    private final byte[] inflated = new byte[32 * 1024];
    private final CRC32 crc = new CRC32();
    private final Inflater inflater = new Inflater();
    private PngHeader header;
    private boolean palette;
    private boolean imageData;
    private long inflatedBytes;

    private PngStructure(final InputStream in) {
        this.in = in;
    }

    /** Checks the PNG {@code in} holds, from its signature on; reads it to IEND (or to its end). */
    static void check(final InputStream in) throws IOException, UnreadableImageException {
        final PngStructure png = new PngStructure(in);
        try {
            png.walk();
        } finally {
            png.inflater.end();
        }
    }

    private void walk() throws IOException, UnreadableImageException {
        in.skipNBytes(SIGNATURE_BYTES);
        while (true) {
            final byte[] prefix = in.readNBytes(CHUNK_PREFIX);
            if (prefix.length < CHUNK_PREFIX) {
                endOfData();
                return;
            }
            final long length = Integer.toUnsignedLong(PngHeader.int32(prefix, 0));
            final String type = new String(prefix, 4, 4, StandardCharsets.US_ASCII);
            if (length > Integer.MAX_VALUE || !type.chars().allMatch(Character::isLetter)) {
                throw corrupt("The PNG has an invalid chunk (length " + length + ")");
            }
            if (header == null && !"IHDR".equals(type)) {
                throw corrupt("The PNG does not start with its IHDR header");
            }
            if (!chunk(type, (int) length)) {
                endOfData();
                return;
            }
            if ("IEND".equals(type)) {
                finish();
                return;
            }
        }
    }

    /** Reads one chunk's data and CRC; false when the data ends inside it. */
    private boolean chunk(final String type, final int length) throws IOException, UnreadableImageException {
        crc.reset();
        crc.update(type.getBytes(StandardCharsets.US_ASCII));
        final boolean critical = Character.isUpperCase(type.charAt(0));
        final byte[] kept = switch (type) {
            case "IHDR" -> fixedChunk(length, PngHeader.LENGTH, header == null, "IHDR");
            case "PLTE" -> fixedChunk(length, length, !palette && !imageData && length % 3 == 0 && length <= MAX_PALETTE_BYTES, "PLTE");
            case "IDAT", "IEND" -> null;
            default -> {
                if (critical) {
                    throw corrupt("The PNG has an unknown critical chunk " + type + ", which decoders refuse");
                }
                yield null;
            }
        };
        if ("IDAT".equals(type) && header.colourType() == PngHeader.PALETTE && !palette) {
            throw corrupt("The PNG is a palette image without a palette (no PLTE before IDAT)");
        }
        if (!readData(length, kept, "IDAT".equals(type))) {
            return false;
        }
        final byte[] stored = in.readNBytes(4);
        if (stored.length < 4) {
            return false;
        }
        if (critical && PngHeader.int32(stored, 0) != (int) crc.getValue()) {
            throw corrupt("The PNG's " + type + " chunk fails its CRC check: the file is damaged");
        }
        if (kept != null && "IHDR".equals(type)) {
            header = PngHeader.parse(kept);
        }
        palette |= "PLTE".equals(type);
        imageData |= "IDAT".equals(type);
        return true;
    }

    /** A buffer for a chunk read whole (IHDR, PLTE), once {@code valid} says it is where and how long it may be. */
    private static byte[] fixedChunk(final int length, final int expected, final boolean valid, final String type)
            throws UnreadableImageException {
        if (!valid || length != expected) {
            throw corrupt("The PNG has a misplaced, repeated or malformed " + type + " chunk");
        }
        return new byte[length];
    }

    private boolean readData(final int length, final byte[] kept, final boolean imageChunk) throws IOException, UnreadableImageException {
        int remaining = length;
        while (remaining > 0) {
            final int read = in.read(buffer, 0, Math.min(buffer.length, remaining));
            if (read < 0) {
                return false;
            }
            crc.update(buffer, 0, read);
            if (kept != null) {
                System.arraycopy(buffer, 0, kept, length - remaining, read);
            }
            if (imageChunk) {
                inflate(read);
            }
            remaining -= read;
        }
        return true;
    }

    private void inflate(final int count) throws UnreadableImageException {
        final long expected = checkedBytes();
        if (inflatedBytes >= expected || inflater.finished()) {
            return;
        }
        inflater.setInput(buffer, 0, count);
        try {
            while (!inflater.needsInput() && !inflater.finished() && inflatedBytes < expected) {
                if (inflater.needsDictionary()) {
                    throw corrupt("The PNG's image data asks for a zlib dictionary, which PNG does not allow");
                }
                inflatedBytes += inflater.inflate(inflated);
            }
        } catch (final DataFormatException e) {
            throw corrupt("The PNG's image data is not a valid zlib stream: the file is damaged");
        }
    }

    private long checkedBytes() {
        return Math.min(header.rawBytes(), INFLATE_BUDGET);
    }

    private boolean imageComplete() {
        return imageData && inflatedBytes >= header.rawBytes();
    }

    private void endOfData() throws UnreadableImageException {
        if (!imageComplete()) {
            throw corrupt("The PNG is truncated: its image data ends before the image does");
        }
    }

    private void finish() throws UnreadableImageException {
        if (!imageData) {
            throw corrupt("The PNG has no image data (no IDAT chunk)");
        }
        if (inflatedBytes < checkedBytes()) {
            throw corrupt("The PNG's image data inflates to " + inflatedBytes + " bytes, fewer than the "
                    + header.rawBytes() + " its " + header.width() + "x" + header.height() + " IHDR needs");
        }
    }

    private static UnreadableImageException corrupt(final String message) {
        return new UnreadableImageException(CORRUPT, message);
    }
}
