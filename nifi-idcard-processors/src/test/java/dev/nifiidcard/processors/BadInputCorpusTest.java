package dev.nifiidcard.processors;

import dev.nifiidcard.tencent.TencentCloudIdCardOcrService;
import dev.nifiidcard.testing.RecognizerRunner;
import dev.nifiidcard.testing.TencentOcrTestServer;
import dev.nifiidcard.testing.ThreadAllocation;
import org.apache.nifi.processor.ProcessContext;
import org.apache.nifi.processor.ProcessSession;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.TestRunner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.stream.Stream;

import static dev.nifiidcard.testing.TencentOcrTestServer.error;
import static dev.nifiidcard.testing.TencentOcrTestServer.ok;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Every file of src/test/resources/bad-inputs (see its README.md) through the processor, against the local test server. */
class BadInputCorpusTest {

    private static final String SUCCESS = "success";
    /** Below this a run cannot have decoded anything: a 50000x50000 raster alone is 7.5 GB. */
    private static final long MAX_ALLOCATED_BYTES = 1024 * 1024;

    private TencentOcrTestServer server;
    private TestRunner runner;
    private MeasuredProcessor processor;

    @BeforeEach
    void start() throws Exception {
        server = new TencentOcrTestServer();
        processor = new MeasuredProcessor();
        runner = RecognizerRunner.create(server, Map.of(), processor);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** File, expected code (or success), a word the message must contain (or ""), requests it may cost. */
    static Stream<Arguments> corpus() {
        return Stream.of(
                arguments("empty.bin", "Local.EmptyContent", "empty", 0),
                arguments("one-byte.bin", "Local.UnsupportedFormat", "JPEG, PNG or BMP", 0),
                arguments("random.bin", "Local.UnsupportedFormat", "JPEG, PNG or BMP", 0),
                arguments("plain.txt", "Local.UnsupportedFormat", "JPEG, PNG or BMP", 0),
                arguments("error-page.html", "Local.UnsupportedFormat", "HTML", 0),
                arguments("error.json", "Local.UnsupportedFormat", "JPEG, PNG or BMP", 0),
                arguments("document.pdf", "Local.UnsupportedFormat", "PDF", 0),
                arguments("image.gif", "Local.UnsupportedFormat", "GIF", 0),
                arguments("image.webp", "Local.UnsupportedFormat", "WebP", 0),
                arguments("photo.heic", "Local.UnsupportedFormat", "HEIC", 0),
                arguments("scan.tiff", "Local.UnsupportedFormat", "TIFF", 0),
                arguments("jpeg-cut-in-header.jpg", "Local.CorruptImage", "ends before", 0),
                arguments("jpeg-cut-in-sof.jpg", "Local.CorruptImage", "ends before", 0),
                // the header is whole, but the end marker is missing: caught before a paid call
                arguments("jpeg-cut-after-sof.jpg", "Local.CorruptImage", "truncated", 0),
                arguments("jpeg-no-sof.jpg", "Local.CorruptImage", "no frame header", 0),
                arguments("png-cut-before-ihdr.png", "Local.CorruptImage", "ends before", 0),
                arguments("png-bad-ihdr-type.png", "Local.CorruptImage", "IHDR", 0),
                arguments("png-zero-width.png", "Local.CorruptImage", "0x300", 0),
                arguments("png-50000x50000-bomb.png", "Local.ImageDimensionsTooLarge", "50000x50000", 0),
                arguments("jpeg-sof-60000x60000.jpg", "Local.ImageDimensionsTooLarge", "60000x60000", 0),
                // FF 00 is stray, not a segment: the size is that of the frame header libjpeg decodes
                arguments("jpeg-ff00-hides-30000x30000-sof.jpg", "Local.ImageDimensionsTooLarge", "30000x30000", 0),
                arguments("tiny-8x8.jpg", "Local.ImageTooSmall", "8x8", 0),
                arguments("strip-100x1200.png", "Local.ImageTooSmall", "100x1200", 0),
                arguments("bmp-unknown-header-size.bmp", "Local.CorruptImage", "BMP header", 0),
                arguments("bmp-zero-width.bmp", "Local.CorruptImage", "0x160", 0),
                // issue 13 finding 11: headers and structures no decoder reads (libjpeg, libpng, BMP readers)
                arguments("bmp-7-bits-per-pixel.bmp", "Local.CorruptImage", "bits per pixel", 0),
                arguments("bmp-rle8-24-bit.bmp", "Local.CorruptImage", "run-length", 0),
                arguments("bmp-truncated-pixels.bmp", "Local.CorruptImage", "truncated", 0),
                arguments("png-bad-bit-depth.png", "Local.CorruptImage", "bit depth", 0),
                arguments("png-bad-interlace-method.png", "Local.CorruptImage", "interlace", 0),
                arguments("png-bad-ihdr-crc.png", "Local.CorruptImage", "CRC", 0),
                arguments("png-bad-idat-crc.png", "Local.CorruptImage", "CRC", 0),
                arguments("png-second-ihdr.png", "Local.CorruptImage", "IHDR", 0),
                arguments("png-no-idat.png", "Local.CorruptImage", "IDAT", 0),
                arguments("png-zlib-cut-short.png", "Local.CorruptImage", "inflates", 0),
                arguments("png-palette-without-plte.png", "Local.CorruptImage", "PLTE", 0),
                arguments("jpeg-two-sof.jpg", "Local.CorruptImage", "second frame header", 0),
                arguments("jpeg-12-bit.jpg", "Local.UnsupportedImageEncoding", "12-bit", 0),
                arguments("jpeg-2-components.jpg", "Local.UnsupportedImageEncoding", "2 colour components", 0),
                arguments("jpeg-lossless-sof3.jpg", "Local.UnsupportedImageEncoding", "lossless", 0),
                arguments("jpeg-hierarchical-sof5.jpg", "Local.UnsupportedImageEncoding", "hierarchical", 0),
                arguments("jpeg-no-scan.jpg", "Local.CorruptImage", "first scan", 0),
                // FF D9 inside a comment after SOF is not the end (fixed in issue 11): the cut file is refused
                arguments("jpeg-eoi-in-comment-then-cut.jpg", "Local.CorruptImage", "truncated", 0),
                // PNGs that decode: none is refused
                arguments("valid-png-split-idat.png", SUCCESS, "", 1),
                arguments("valid-png-private-chunks.png", SUCCESS, "", 1),
                arguments("valid-png-16bit-rgba.png", SUCCESS, "", 1),
                arguments("valid-png-palette-trns.png", SUCCESS, "", 1),
                arguments("valid-png-interlaced.png", SUCCESS, "", 1),
                arguments("valid-png-no-iend.png", SUCCESS, "", 1),
                arguments("valid-garbage-after-eoi.jpg", SUCCESS, "", 1),
                arguments("valid.jpg", SUCCESS, "", 1),
                arguments("valid.png", SUCCESS, "", 1),
                arguments("valid.bmp", SUCCESS, "", 1));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("corpus")
    void eachInputEndsWhereExpected(final String file, final String expected, final String messageWord, final int requests) throws Exception {
        final byte[] content = corpusFile(file);
        if (requests > 0 && !SUCCESS.equals(expected)) {
            // what Tencent answers for an image it cannot decode; valid files get the test server's front card
            server.then(ok(error(expected, "Image decode failed")));
        }
        warmUp();

        runner.enqueue(content);
        runner.run();
        final long allocated = processor.lastAllocated;

        if (SUCCESS.equals(expected)) {
            runner.assertAllFlowFilesTransferred(SignAndRecognizeIdCard.REL_SUCCESS, 1);
            final MockFlowFile out = runner.getFlowFilesForRelationship(SignAndRecognizeIdCard.REL_SUCCESS).getFirst();
            out.assertContentEquals(content);
            out.assertAttributeEquals(IdCardAttributes.NUMBER, "440524198701010014");
            assertArrayEquals(content, server.calls().getFirst().image(), "the provider got the file as it is");
        } else {
            runner.assertAllFlowFilesTransferred(SignAndRecognizeIdCard.REL_FAILURE, 1);
            final MockFlowFile out = runner.getFlowFilesForRelationship(SignAndRecognizeIdCard.REL_FAILURE).getFirst();
            out.assertContentEquals(content);
            out.assertAttributeEquals(IdCardAttributes.ERROR_CODE, expected);
            out.assertAttributeEquals(IdCardAttributes.ERROR_RETRYABLE, "false");
            final String message = out.getAttribute(IdCardAttributes.ERROR_MESSAGE);
            assertFalse(message == null || message.isBlank(), "a message says why");
            assertTrue(message.contains(messageWord), "'" + message + "' mentions " + messageWord);
        }
        assertEquals(requests, server.requestCount(), "requests to the provider");
        if (requests == 0) {
            assertTrue(allocated < MAX_ALLOCATED_BYTES, file + " allocated " + allocated + " bytes: it was decoded or buffered");
        }
    }

    @Test
    void imageOverMaxImageSizeCostsNoCall() throws Exception {
        server.close();
        server = new TencentOcrTestServer();
        // 2 KB of base64 leaves 768 image bytes: the 5 KB corpus JPEG stands for a photo over Tencent's 10 MB
        runner = RecognizerRunner.create(server, Map.of(TencentCloudIdCardOcrService.MAX_IMAGE_SIZE, "2 KB"));
        final byte[] content = corpusFile("valid.jpg");
        runner.enqueue(content);
        runner.run();

        runner.assertAllFlowFilesTransferred(SignAndRecognizeIdCard.REL_FAILURE, 1);
        final MockFlowFile out = runner.getFlowFilesForRelationship(SignAndRecognizeIdCard.REL_FAILURE).getFirst();
        out.assertAttributeEquals(IdCardAttributes.ERROR_CODE, "Local.ImageTooLarge");
        assertTrue(out.getAttribute(IdCardAttributes.ERROR_MESSAGE).contains(content.length + " bytes"));
        out.assertContentEquals(content);
        assertEquals(0, server.requestCount());
    }

    @Test
    void unknownCardSideFromAnAttributeCostsNoCall() throws Exception {
        runner.setProperty(SignAndRecognizeIdCard.CARD_SIDE, "${card.side}");
        final byte[] content = corpusFile("valid.jpg");
        runner.enqueue(content, Map.of("card.side", "left"));
        runner.run();

        runner.assertAllFlowFilesTransferred(SignAndRecognizeIdCard.REL_FAILURE, 1);
        final MockFlowFile out = runner.getFlowFilesForRelationship(SignAndRecognizeIdCard.REL_FAILURE).getFirst();
        out.assertAttributeEquals(IdCardAttributes.ERROR_CODE, "Local.InvalidCardSide");
        assertFalse(out.getAttribute(IdCardAttributes.ERROR_MESSAGE).isBlank());
        out.assertContentEquals(content);
        assertEquals(0, server.requestCount());
    }

    /** Loads the classes of a rejection path first, so that the measured run counts only its own allocations. */
    private void warmUp() {
        runner.enqueue(new byte[]{1});
        runner.run();
        runner.clearTransferState();
        runner.clearProvenanceEvents();
    }

    /** Counts what onTrigger allocates on the thread that runs it (the mock framework runs it on its own thread). */
    private static final class MeasuredProcessor extends SignAndRecognizeIdCard {

        volatile long lastAllocated;

        @Override
        public void onTrigger(final ProcessContext context, final ProcessSession session) {
            final long before = ThreadAllocation.allocatedBytes();
            try {
                super.onTrigger(context, session);
            } finally {
                lastAllocated = ThreadAllocation.allocatedBytes() - before;
            }
        }
    }

    private static byte[] corpusFile(final String name) throws IOException {
        try (InputStream in = BadInputCorpusTest.class.getResourceAsStream("/bad-inputs/" + name)) {
            if (in == null) {
                throw new IllegalStateException("No corpus file " + name);
            }
            return in.readAllBytes();
        }
    }
}
