package dev.nifiidcard.demo;

import dev.nifiidcard.camera.CaptureMode;

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;

/**
 * What the enrollment demo runs against, from flags and environment variables (flags win). Camera and Tencent
 * secrets come from the environment only, so that they stay out of shell history and process lists.
 *
 * @param ocr        {@link #OFFLINE} (the default) or {@link #TENCENT}
 * @param cameraMode a {@link CaptureMode} display name
 * @param secretId   Tencent Cloud SecretId, or null for the local simulator
 */
public record DemoOptions(int cards, Duration timeout, String ocr, String cameraMode, String cameraSource, String cameraUsername,
                          String cameraPassword, String secretId, String secretKey, String region, boolean help) {

    /** Real OCR inside the demo's JVM: PaddleOCR's models on ONNX Runtime, no network. */
    public static final String OFFLINE = "offline";
    /** Tencent Cloud IDCardOCR: the local simulator, or the real service with credentials in the environment. */
    public static final String TENCENT = "tencent";

    public static final int DEFAULT_CARDS = 2;
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    public static final String USAGE = """
            Usage: EnrollmentDemo [--ocr offline|tencent] [--cards N] [--timeout SECONDS]
                                  [--camera-mode MODE --camera-source URL|DEVICE] [--help]

            Runs GetCameraImage -> SignAndRecognizeIdCard in-process until N cards are recognized, then exits 0;
            exits 1 when the timeout passes first, 2 on bad arguments.

              --ocr offline|tencent  offline (default): real OCR in this JVM with PaddleOCR's models, no network;
                                     tencent: Tencent Cloud IDCardOCR, the local simulator unless credentials are set
              --cards N              cards to recognize, success or warning route (default 2: one front, one back)
              --timeout SECONDS      give up after this long (default 60)
              --camera-mode MODE     Specimen (default), HTTP Snapshot, MJPEG Stream or FFmpeg   [env IDCARD_CAMERA_MODE]
              --camera-source SRC    camera URL or device, required unless Specimen               [env IDCARD_CAMERA_SOURCE]
              --help                 this text

            Environment only (secrets are never printed):
              IDCARD_CAMERA_USERNAME, IDCARD_CAMERA_PASSWORD   camera credentials (Basic or Digest)
              TENCENTCLOUD_SECRET_ID, TENCENTCLOUD_SECRET_KEY  with --ocr tencent: real Tencent Cloud OCR at
                                                              https://ocr.tencentcloudapi.com (billed per call); without
                                                              them a local SIMULATOR answers from specimen-card metadata
              TENCENTCLOUD_REGION                              optional X-TC-Region, e.g. ap-guangzhou
            """;

    /** @throws IllegalArgumentException with a message fit for the user */
    public static DemoOptions parse(final String[] args, final Map<String, String> env) {
        int cards = DEFAULT_CARDS;
        Duration timeout = DEFAULT_TIMEOUT;
        String mode = blankToNull(env.get("IDCARD_CAMERA_MODE"));
        String source = blankToNull(env.get("IDCARD_CAMERA_SOURCE"));
        String ocr = OFFLINE;
        boolean help = false;
        for (int i = 0; i < args.length; i++) {
            final String flag = args[i];
            switch (flag) {
                case "--help", "-h" -> help = true;
                case "--ocr" -> ocr = ocr(value(args, ++i, flag));
                case "--cards" -> cards = positive(flag, value(args, ++i, flag));
                case "--timeout" -> timeout = Duration.ofSeconds(positive(flag, value(args, ++i, flag)));
                case "--camera-mode" -> mode = value(args, ++i, flag);
                case "--camera-source" -> source = value(args, ++i, flag);
                default -> throw new IllegalArgumentException("Unknown option " + flag);
            }
        }
        final String cameraMode = mode == null ? CaptureMode.SPECIMEN.getDisplayName() : captureMode(mode).getDisplayName();
        if (!CaptureMode.SPECIMEN.getDisplayName().equals(cameraMode) && source == null) {
            throw new IllegalArgumentException("Camera mode " + cameraMode + " needs --camera-source (or IDCARD_CAMERA_SOURCE)");
        }
        final String secretId = blankToNull(env.get("TENCENTCLOUD_SECRET_ID"));
        final String secretKey = blankToNull(env.get("TENCENTCLOUD_SECRET_KEY"));
        if ((secretId == null) != (secretKey == null)) {
            throw new IllegalArgumentException("Set both TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY, or neither for the simulator");
        }
        return new DemoOptions(cards, timeout, ocr, cameraMode, source, blankToNull(env.get("IDCARD_CAMERA_USERNAME")),
                blankToNull(env.get("IDCARD_CAMERA_PASSWORD")), secretId, secretKey, blankToNull(env.get("TENCENTCLOUD_REGION")), help);
    }

    public boolean usesOffline() {
        return OFFLINE.equals(ocr);
    }

    /** Tencent's path without credentials. */
    public boolean usesSimulator() {
        return !usesOffline() && secretId == null;
    }

    public boolean usesSpecimenCamera() {
        return CaptureMode.SPECIMEN.getDisplayName().equals(cameraMode);
    }

    /** Never shows secrets or camera credentials. */
    @Override
    public String toString() {
        return "DemoOptions[cards=" + cards + ", timeout=" + timeout + ", cameraMode=" + cameraMode + ", ocr="
                + (usesOffline() ? OFFLINE : usesSimulator() ? "tencent simulator" : "tencent") + "]";
    }

    private static String ocr(final String text) {
        final String ocr = text.trim().toLowerCase(java.util.Locale.ROOT);
        if (!OFFLINE.equals(ocr) && !TENCENT.equals(ocr)) {
            throw new IllegalArgumentException("Unknown OCR " + text + "; use offline or tencent");
        }
        return ocr;
    }

    private static CaptureMode captureMode(final String text) {
        return Arrays.stream(CaptureMode.values())
                .filter(mode -> mode.getDisplayName().equalsIgnoreCase(text.trim()) || mode.name().equalsIgnoreCase(text.trim().replace(' ', '_')))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown camera mode " + text
                        + "; use Specimen, HTTP Snapshot, MJPEG Stream or FFmpeg"));
    }

    private static String value(final String[] args, final int index, final String flag) {
        if (index >= args.length) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        return args[index];
    }

    private static int positive(final String flag, final String text) {
        try {
            final int value = Integer.parseInt(text.trim());
            if (value > 0) {
                return value;
            }
        } catch (final NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException(flag + " needs a positive whole number, not " + text);
    }

    private static String blankToNull(final String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }
}
