package dev.nifiidcard.testing;

import okhttp3.MultipartReader;
import okio.Buffer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a request to Jumdata's {@code POST /ocr/idcard-v1} the way Jumdata does, independently of the client: reads the
 * multipart form with OkHttp's {@link MultipartReader}, recomputes {@code sha256(appId + appSecret + timestamp)} with
 * {@link MessageDigest}, and refuses a wrong path, app id, sign, stale timestamp or missing file.
 * <p>
 * The documentation names neither the code of a bad sign nor a timestamp window: this verifier assumes Jumdata's
 * parameter error 400 with a message naming the field, and a window of 5 minutes either way.
 */
public final class JumdataRequestVerifier {

    public static final String PATH = "/ocr/idcard-v1";
    public static final long TIMESTAMP_WINDOW_MILLIS = 5 * 60 * 1000;

    private static final Pattern NAME = Pattern.compile("\\bname=\"([^\"]*)\"");
    private static final Pattern FILE_NAME = Pattern.compile("\\bfilename=\"([^\"]*)\"");
    private static final Pattern BOUNDARY = Pattern.compile("(?i)^multipart/form-data;\\s*boundary=\"?([^\";]+)\"?$");

    /** Why Jumdata would refuse the request: its business code and message. */
    public record Refusal(int code, String message) {
    }

    /**
     * The form as received.
     *
     * @param fields          the text fields by name
     * @param fileName        the file part's file name
     * @param fileContentType the file part's Content-Type
     * @param file            the file part's bytes
     * @param refusal         why Jumdata would refuse the request, or {@code null}
     */
    public record Form(Map<String, String> fields, String fileName, String fileContentType, byte[] file, Refusal refusal) {
    }

    private JumdataRequestVerifier() {
    }

    public static Form verify(final String method, final String path, final String contentType, final byte[] body,
                              final long nowMillis, final String appId, final String appSecret) {
        if (!"POST".equals(method) || !PATH.equals(path)) {
            return new Form(Map.of(), null, null, null, new Refusal(404, "接口地址不正确"));
        }
        final Matcher boundary = BOUNDARY.matcher(contentType == null ? "" : contentType.trim());
        if (!boundary.matches()) {
            return new Form(Map.of(), null, null, null, new Refusal(400, "参数错误: 请求格式应为form-data"));
        }
        final Map<String, String> fields = new LinkedHashMap<>();
        String fileName = null;
        String fileType = null;
        byte[] file = null;
        try (MultipartReader reader = new MultipartReader(new Buffer().write(body), boundary.group(1))) {
            for (MultipartReader.Part part = reader.nextPart(); part != null; part = reader.nextPart()) {
                final String disposition = part.headers().get("Content-Disposition");
                final Matcher name = NAME.matcher(disposition == null ? "" : disposition);
                if (!name.find()) {
                    return new Form(fields, null, null, null, new Refusal(400, "参数错误: 无名字段"));
                }
                final Matcher filename = FILE_NAME.matcher(disposition);
                if ("file".equals(name.group(1)) && filename.find()) {
                    fileName = filename.group(1);
                    fileType = part.headers().get("Content-Type");
                    file = part.body().readByteArray();
                } else {
                    fields.put(name.group(1), part.body().readUtf8());
                }
            }
        } catch (final IOException e) {
            return new Form(fields, null, null, null, new Refusal(400, "参数错误: " + e.getMessage()));
        }
        return new Form(fields, fileName, fileType, file, refusal(fields, file, nowMillis, appId, appSecret));
    }

    private static Refusal refusal(final Map<String, String> fields, final byte[] file, final long nowMillis,
                                   final String appId, final String appSecret) {
        if (!appId.equals(fields.get("appId"))) {
            return new Refusal(400, "appId不存在");
        }
        final long timestamp;
        try {
            timestamp = Long.parseLong(fields.getOrDefault("timestamp", ""));
        } catch (final NumberFormatException e) {
            return new Refusal(400, "timestamp格式错误");
        }
        if (Math.abs(nowMillis - timestamp) > TIMESTAMP_WINDOW_MILLIS) {
            return new Refusal(400, "timestamp已过期");
        }
        if (!sha256Hex(appId + appSecret + fields.get("timestamp")).equals(fields.get("sign"))) {
            return new Refusal(400, "sign签名错误");
        }
        if (file == null) {
            return new Refusal(400, "file、base64、url 必须提供一个");
        }
        if (!isJpeg(file) && !isPng(file)) {
            return new Refusal(400, "照片格式不正确");
        }
        return null;
    }

    /** The sign as the documentation defines it, computed here without the client's code. */
    public static String sha256Hex(final String text) {
        try {
            final byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            final StringBuilder hex = new StringBuilder();
            for (final byte b : digest) {
                hex.append(String.format("%02x", b & 0xFF));
            }
            return hex.toString();
        } catch (final NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean isJpeg(final byte[] file) {
        return file.length > 3 && (file[0] & 0xFF) == 0xFF && (file[1] & 0xFF) == 0xD8;
    }

    private static boolean isPng(final byte[] file) {
        return file.length > 8 && (file[0] & 0xFF) == 0x89 && file[1] == 'P' && file[2] == 'N' && file[3] == 'G';
    }
}
