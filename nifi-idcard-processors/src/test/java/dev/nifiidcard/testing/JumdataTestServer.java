package dev.nifiidcard.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import okhttp3.Headers;

import java.io.IOException;
import java.time.Clock;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A local Jumdata {@code ocr/idcard-v1} endpoint for tests. Every request's form and sign are checked by
 * {@link JumdataRequestVerifier} and refused the way Jumdata refuses them (HTTP 200, a business code and a message).
 * Answers come from a script of responders, then from a fallback.
 */
public final class JumdataTestServer extends ScriptedTestServer<JumdataTestServer.Call, JumdataTestServer> {

    public static final String APP_ID = "jdTestApp0001";
    public static final String APP_SECRET = "jdTestOnlySecret0000EXAMPLE";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** One request as the server saw it. */
    public record Call(Headers headers, byte[] body, JumdataRequestVerifier.Form form) {

        public String header(final String name) {
            return headers.get(name);
        }

        public String field(final String name) {
            return form.fields().get(name);
        }

        public byte[] image() {
            return form.file();
        }

        /** Why the request was refused, or {@code null} when it was accepted. */
        public JumdataRequestVerifier.Refusal refusal() {
            return form.refusal();
        }
    }

    private volatile Clock clock = Clock.systemUTC();

    public JumdataTestServer() throws IOException {
        super(call -> ok(frontCard()));
        serve(null);
    }

    /** Jumdata's clock, against which the timestamp is checked. */
    public void setClock(final Clock clock) {
        this.clock = clock;
    }

    @Override
    protected MockResponse answer(final RecordedRequest request) {
        final byte[] body = body(request);
        final JumdataRequestVerifier.Form form = JumdataRequestVerifier.verify(request.getMethod(), request.getUrl().encodedPath(),
                request.getHeaders().get("Content-Type"), body, clock.millis(), APP_ID, APP_SECRET);
        final Call call = new Call(request.getHeaders(), body, form);
        record(call);
        if (form.refusal() != null) {
            return json(error(form.refusal().code(), form.refusal().message()));
        }
        return scripted(call);
    }

    // ---- answers ----

    /** A successful answer (code 200, billed) around the given data object. */
    public static MockResponse ok(final ObjectNode data) {
        final ObjectNode root = MAPPER.createObjectNode();
        root.put("code", 200).put("msg", "成功").put("taskNo", taskNo()).put("charge", true);
        root.set("data", data);
        return json(root);
    }

    public static MockResponse json(final ObjectNode answer) {
        return raw(200, "application/json;charset=UTF-8", answer.toString());
    }

    /** A refusal as the documentation shows it: only {@code msg} and {@code code}. */
    public static ObjectNode error(final int code, final String message) {
        final ObjectNode root = MAPPER.createObjectNode();
        root.put("msg", message).put("code", code);
        return root;
    }

    /** A refusal that carries a task number, as some of Jumdata's answers may. */
    public static ObjectNode error(final int code, final String message, final String taskNo) {
        return error(code, message).put("taskNo", taskNo);
    }

    /** A front side whose number is consistent with its birth date and sex: 李明, born 1987-01-01, male. */
    public static ObjectNode frontCard() {
        return frontCard("李明", "440524198701010014", "1987", "1", "1", "男");
    }

    /** The front-side sample of Jumdata's documentation (its number's check character is not valid). */
    public static ObjectNode documentedFrontCard() {
        final ObjectNode data = frontCard("赵宁宁", "330106198912014010", "1989", "12", "1", "男");
        ((ObjectNode) data.get("info")).put("address", "浙江省杭州市西湖区文二路108号");
        return data;
    }

    public static ObjectNode frontCard(final String name, final String number, final String year, final String month,
                                       final String day, final String sex) {
        final ObjectNode data = MAPPER.createObjectNode();
        data.put("result", 0).put("side", "front");
        data.putObject("info").put("number", number).put("name", name).put("address", "广东省深圳市南山区科技园路1号")
                .put("year", year).put("month", month).put("day", day).put("nation", "汉").put("sex", sex);
        data.putObject("validity").put("birthday", true).put("number", true).put("address", true).put("sex", true).put("name", true);
        return data;
    }

    /** The back side of Jumdata's documentation, with the given validity period, for example 20190806-20390806. */
    public static ObjectNode backCard(final String timelimit) {
        final ObjectNode data = MAPPER.createObjectNode();
        data.put("result", 0).put("side", "back");
        data.putObject("info").put("authority", "杭州市公安局余杭分局").put("timelimit", timelimit);
        data.putObject("validity").put("authority", true).put("timelimit", true);
        return data;
    }

    /** What Jumdata answers for a photo without a card: no error, but every field marked false. */
    public static ObjectNode noCard() {
        final ObjectNode data = MAPPER.createObjectNode();
        data.put("result", 0).put("side", "front");
        data.putObject("info").put("number", "").put("name", "").put("address", "").put("year", "").put("month", "")
                .put("day", "").put("nation", "").put("sex", "");
        data.putObject("validity").put("birthday", false).put("number", false).put("address", false).put("sex", false).put("name", false);
        return data;
    }

    /** Marks the given fields as not read reliably. */
    public static ObjectNode uncertain(final ObjectNode data, final String... fields) {
        final ObjectNode validity = (ObjectNode) data.get("validity");
        for (final String field : fields) {
            validity.put(field, false);
        }
        return data;
    }

    public static ObjectNode rotated(final ObjectNode data, final String rotate) {
        return data.put("rotate", rotate);
    }

    private static String taskNo() {
        return Long.toString(ThreadLocalRandom.current().nextLong(1_000_000_000L, 9_999_999_999L))
                + Long.toString(ThreadLocalRandom.current().nextLong(1_000_000_000L, 9_999_999_999L));
    }

}
