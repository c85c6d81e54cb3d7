package dev.nifiidcard.demo.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.UUID;

import static dev.nifiidcard.camera.specimen.SpecimenCard.Side.BACK;
import static dev.nifiidcard.camera.specimen.SpecimenCard.Side.FRONT;
import static dev.nifiidcard.camera.specimen.SpecimenPerson.LI_MING;
import static dev.nifiidcard.camera.specimen.SpecimenPerson.ZHANG_WEI;
import static dev.nifiidcard.demo.simulator.TencentOcrSimulator.DEFAULT_SECRET_ID;
import static dev.nifiidcard.demo.simulator.TencentOcrSimulator.DEFAULT_SECRET_KEY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TencentOcrSimulatorTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private TencentOcrSimulator simulator;
    private SignedClient client;

    @BeforeEach
    void start() throws Exception {
        simulator = TencentOcrSimulator.start(0, DEFAULT_SECRET_ID, DEFAULT_SECRET_KEY);
        client = new SignedClient(simulator);
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void frontOfASpecimenAnswersItsPrintedFieldsInTencentsShape() throws Exception {
        final JsonNode response = client.recognize(Specimens.body(Specimens.card(LI_MING, FRONT), "FRONT", "{\"Quality\":true}"));

        assertFalse(response.has("Error"), response::toString);
        assertEquals("李明", response.get("Name").asText());
        assertEquals("男", response.get("Sex").asText());
        assertEquals("汉", response.get("Nation").asText());
        assertEquals("1987/1/1", response.get("Birth").asText());
        assertEquals("北京市石景山区高新技术园腾讯大楼", response.get("Address").asText());
        assertEquals("440524198701010014", response.get("IdNum").asText());
        assertEquals("", response.get("Authority").asText());
        assertEquals("", response.get("ValidDate").asText());
        assertTrue(response.get("AdvancedInfo").isTextual(), "AdvancedInfo is a JSON string");
        final JsonNode advanced = MAPPER.readTree(response.get("AdvancedInfo").asText());
        assertEquals(90, advanced.get("Quality").asInt());
        assertTrue(advanced.get("WarnInfos").isArray() && advanced.get("WarnInfos").isEmpty());
        UUID.fromString(response.get("RequestId").asText());
    }

    @Test
    void backOfASpecimenAnswersAuthorityAndValidity() throws Exception {
        final JsonNode response = client.recognize(Specimens.body(Specimens.card(LI_MING, BACK), null, null));

        assertEquals("深圳市公安局南山分局", response.get("Authority").asText());
        assertEquals("2017.08.12-2037.08.12", response.get("ValidDate").asText());
        assertEquals("", response.get("Name").asText());
        assertEquals("", response.get("IdNum").asText());
        assertFalse(MAPPER.readTree(response.get("AdvancedInfo").asText()).has("Quality"), "Quality only when Config asks");
    }

    @Test
    void longTermCardEndsIn长期() throws Exception {
        final JsonNode response = client.recognize(Specimens.body(Specimens.card(ZHANG_WEI, BACK), "BACK", null));

        assertEquals("2010.04.20-长期", response.get("ValidDate").asText());
    }

    @Test
    void wrongSecretKeyIsASignatureFailure() throws Exception {
        final JsonNode response = client.call("IDCardOCR", Specimens.body(Specimens.card(LI_MING, FRONT), null, null),
                DEFAULT_SECRET_ID, "notTheSimulatorsKey", Instant.now());

        assertEquals("AuthFailure.SignatureFailure", response.at("/Error/Code").asText());
        assertFalse(response.has("Name"));
        UUID.fromString(response.get("RequestId").asText());
    }

    @Test
    void unknownSecretIdAndStaleTimestampAreRefusedLikeTencent() throws Exception {
        final String body = Specimens.body(Specimens.card(LI_MING, FRONT), null, null);

        assertEquals("AuthFailure.SecretIdNotFound",
                client.call("IDCardOCR", body, "AKIDunknown", DEFAULT_SECRET_KEY, Instant.now()).at("/Error/Code").asText());
        assertEquals("AuthFailure.SignatureExpire",
                client.call("IDCardOCR", body, DEFAULT_SECRET_ID, DEFAULT_SECRET_KEY, Instant.now().minusSeconds(301 + 60)).at("/Error/Code").asText());
    }

    @Test
    void anotherActionIsInvalid() throws Exception {
        final JsonNode response = client.call("GeneralBasicOCR", "{}", DEFAULT_SECRET_ID, DEFAULT_SECRET_KEY, Instant.now());

        assertEquals("InvalidAction", response.at("/Error/Code").asText());
    }

    @Test
    void imageWithoutSpecimenMetadataHasNoIdCard() throws Exception {
        final JsonNode response = client.recognize(Specimens.body(Specimens.emptyDesk(), null, null));

        assertEquals("FailedOperation.ImageNoIdCard", response.at("/Error/Code").asText());
    }

    @Test
    void askingForTheOtherSideIsACardSideError() throws Exception {
        final JsonNode response = client.recognize(Specimens.body(Specimens.card(LI_MING, FRONT), "BACK", null));

        assertEquals("FailedOperation.CardSideError", response.at("/Error/Code").asText());
    }

    @Test
    void throttlesTheFirstRequestsThenAnswersAndCountsThemAll() throws Exception {
        simulator.throttleNext(1);
        final String body = Specimens.body(Specimens.card(LI_MING, FRONT), null, null);

        assertEquals("RequestLimitExceeded", client.recognize(body).at("/Error/Code").asText());
        assertEquals("李明", client.recognize(body).get("Name").asText());
        assertEquals(2, simulator.requestCount());
    }
}
