package dev.nifiidcard.processors;

import dev.nifiidcard.idnumber.ChinaCalendar;
import dev.nifiidcard.image.ImagePreflight;
import dev.nifiidcard.image.UnreadableImageException;
import dev.nifiidcard.ocr.CardSide;
import dev.nifiidcard.ocr.IdCardOcrException;
import dev.nifiidcard.ocr.IdCardOcrService;
import dev.nifiidcard.ocr.IdCardRecognition;
import dev.nifiidcard.ocr.RecognitionRequest;
import dev.nifiidcard.processors.OutcomeSettings.IdNumberInAttributes;
import dev.nifiidcard.provider.RecognitionVerifier;
import dev.nifiidcard.provider.SampleImage;
import org.apache.nifi.annotation.behavior.InputRequirement.Requirement;
import org.apache.nifi.annotation.behavior.InputRequirement;
import org.apache.nifi.annotation.behavior.WritesAttribute;
import org.apache.nifi.annotation.behavior.WritesAttributes;
import org.apache.nifi.annotation.configuration.DefaultSettings;
import org.apache.nifi.annotation.documentation.CapabilityDescription;
import org.apache.nifi.annotation.documentation.MultiProcessorUseCase;
import org.apache.nifi.annotation.documentation.ProcessorConfiguration;
import org.apache.nifi.annotation.documentation.SeeAlso;
import org.apache.nifi.annotation.documentation.Tags;
import org.apache.nifi.annotation.documentation.UseCase;
import org.apache.nifi.annotation.lifecycle.OnScheduled;
import org.apache.nifi.components.ConfigVerificationResult;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.flowfile.FlowFile;
import org.apache.nifi.flowfile.attributes.CoreAttributes;
import org.apache.nifi.logging.ComponentLog;
import org.apache.nifi.migration.RelationshipConfiguration;
import org.apache.nifi.processor.AbstractProcessor;
import org.apache.nifi.processor.ProcessContext;
import org.apache.nifi.processor.ProcessSession;
import org.apache.nifi.processor.ProcessorInitializationContext;
import org.apache.nifi.processor.Relationship;
import org.apache.nifi.processor.VerifiableProcessor;
import org.apache.nifi.processor.exception.ProcessException;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

@InputRequirement(Requirement.INPUT_REQUIRED)
@Tags({"id card", "ocr", "identity", "kyc", "china", "resident identity card", "tencent", "enrollment"})
@CapabilityDescription("Recognizes the Chinese resident ID card in the image content of each FlowFile with the configured "
        + "ID Card OCR Service and writes the fields as idcard.* attributes. Images the provider would refuse (empty, not "
        + "JPEG/PNG/BMP, too large, too small) go to failure before any paid call. Recognized cards go to success, or to "
        + "warning when a requested card check fired, the quality is below the minimum, the ID number is inconsistent or "
        + "the card has expired. One attempt per FlowFile: what may succeed later (throttling, outages, network) goes to "
        + "retry, for NiFi's relationship retry. When the account's quota has no call free, or the provider refuses the "
        + "account or its credentials, FlowFiles stay queued and the processor yields. The image always stays the FlowFile content.")
@WritesAttributes({
        @WritesAttribute(attribute = IdCardAttributes.SIDE, description = "front (portrait side) or back (national emblem side)"),
        @WritesAttribute(attribute = IdCardAttributes.NAME, description = "Name as printed (front)"),
        @WritesAttribute(attribute = IdCardAttributes.SEX, description = "Sex as printed: 男 or 女 (front)"),
        @WritesAttribute(attribute = IdCardAttributes.NATION, description = "Ethnic group as printed, for example 汉 (front)"),
        @WritesAttribute(attribute = IdCardAttributes.BIRTH, description = "Birth date, ISO yyyy-MM-dd (front)"),
        @WritesAttribute(attribute = IdCardAttributes.NUMBER, description = "The ID number (front): full, masked or omitted "
                + "as ID Number In Attributes says"),
        @WritesAttribute(attribute = IdCardAttributes.ADDRESS, description = "Address as printed (front)"),
        @WritesAttribute(attribute = IdCardAttributes.AUTHORITY, description = "Issuing authority (back)"),
        @WritesAttribute(attribute = IdCardAttributes.VALID_FROM, description = "Start of validity, ISO yyyy-MM-dd (back)"),
        @WritesAttribute(attribute = IdCardAttributes.VALID_UNTIL, description = "End of validity, ISO yyyy-MM-dd or long-term (back)"),
        @WritesAttribute(attribute = IdCardAttributes.WARNINGS, description = "Comma-separated warning names, for example "
                + "PHOTOCOPY,TEMPORARY_ID, including the processor's own LOW_QUALITY, INVALID_ID_NUMBER and EXPIRED; empty when none"),
        @WritesAttribute(attribute = IdCardAttributes.WARNING_CODES, description = "Comma-separated provider warning codes, for example -9102"),
        @WritesAttribute(attribute = IdCardAttributes.QUALITY, description = "Image quality 0-100, lower is blurrier, when the provider reports it"),
        @WritesAttribute(attribute = IdCardAttributes.NUMBER_VALID, description = "Whether the ID number passes GB 11643 and matches "
                + "the printed birth date and sex (front, when Validate ID Number is true)"),
        @WritesAttribute(attribute = IdCardAttributes.NUMBER_PROBLEM, description = "Why the number is not valid: FORMAT, CHECK_DIGIT, "
                + "BIRTH_DATE, BIRTH_DATE_MISMATCH or SEX_MISMATCH"),
        @WritesAttribute(attribute = IdCardAttributes.NATIVE_PLACE, description = "Native place derived from the ID number, "
                + "when the provider reports it (Tencent Huiyan with Get Native Place)"),
        @WritesAttribute(attribute = IdCardAttributes.ORDER_NUMBER, description = "The order number sent with the call, when the "
                + "provider takes one (Tencent Huiyan): the key for asking the provider about the call"),
        @WritesAttribute(attribute = IdCardAttributes.ROTATION, description = "How the provider found the image rotated, clockwise: "
                + "cw90, cw180 or cw270, when it reports it (Jumdata)"),
        @WritesAttribute(attribute = IdCardAttributes.PROVIDER, description = "The provider that answered, for example tencent-cloud"),
        @WritesAttribute(attribute = IdCardAttributes.REQUEST_ID, description = "The provider's request id, for support cases"),
        @WritesAttribute(attribute = IdCardAttributes.ERROR_CODE, description = "On failure: the provider's error code, or a Local.*, "
                + "Transport.* or Result.* code of this bundle"),
        @WritesAttribute(attribute = IdCardAttributes.ERROR_MESSAGE, description = "On failure: what went wrong"),
        @WritesAttribute(attribute = IdCardAttributes.ERROR_RETRYABLE, description = "On failure: true when the same image may succeed later"),
        @WritesAttribute(attribute = IdCardAttributes.IMAGE_KIND, description = "On cropped FlowFiles: card or portrait"),
        @WritesAttribute(attribute = "mime.type", description = "On cropped FlowFiles: image/jpeg"),
        @WritesAttribute(attribute = "filename", description = "On cropped FlowFiles: the original filename followed by .card.jpg or .portrait.jpg")
})
@UseCase(
        description = "Recognize ID cards photographed at a front desk and keep the fields for enrollment.",
        keywords = {"id card", "ocr", "check-in", "enrollment", "kyc"},
        configuration = """
                Add a TencentCloudIdCardOcrService with "Secret ID" and "Secret Key" set from sensitive parameters, and enable it.
                Set "ID Card OCR Service" to that service. Leave "Card Side" at Auto unless the capture step knows the side.
                Route success to the step that stores the idcard.* attributes, for example AttributesToJSON and PutDatabaseRecord.
                Route warning to a manual review queue: idcard.warnings says why.
                Turn on retry for the retry relationship (for example 5 retries, Penalize FlowFile, 10 min maximum back-off)
                and connect retry to the error store too, for what still fails after the last retry; route failure to the error store.
                """)
@UseCase(
        description = "Recognize ID cards with the OCR provider of your contract: Tencent Huiyan (FaceID), WeChat or Jumdata.",
        keywords = {"id card", "ocr", "huiyan", "faceid", "wechat", "jumdata", "provider"},
        configuration = """
                Add a TencentHuiyanIdCardOcrService ("App ID", "Secret"), a WeChatIdCardOcrService ("App ID", "App Secret")
                or a JumdataIdCardOcrService ("App ID", "App Secret"), with the secrets from sensitive parameters.
                Set "Max Requests Per Second" to the contract's quota, press Verify, and enable it.
                Set "ID Card OCR Service" to that service; the idcard.* attributes and the routing are the same for every provider.
                WeChat and Jumdata take images of at most 2 MB: larger ones fail with Local.ImageTooLarge before any call.
                """)
@MultiProcessorUseCase(
        description = "Capture ID cards from a desk camera and recognize them: one OCR call per card presented.",
        keywords = {"camera", "id card", "ocr", "enrollment", "check-in"},
        configurations = {
                @ProcessorConfiguration(
                        processorClassName = "dev.nifiidcard.camera.GetCameraImage",
                        configuration = """
                                Set "Capture Mode" to the camera's kind (Specimen to try it without hardware), "Source",
                                "Username" and "Password". Keep "Quality Gate" at Sharp Still Card so that each card held
                                still yields one sharp frame. Run it on the primary node only for an IP camera.
                                Connect success to SignAndRecognizeIdCard.
                                """),
                @ProcessorConfiguration(
                        processorClass = SignAndRecognizeIdCard.class,
                        configuration = """
                                Set "ID Card OCR Service" to a TencentCloudIdCardOcrService with credentials from sensitive
                                parameters. Route success to storage, warning to manual review, failure to an error store,
                                and turn on retry for the retry relationship, connecting it to the error store as well.
                                """)
        })
// a trigger that finds no call of the account's quota free yields: the default of 1 s would leave most of the quota unused
@DefaultSettings(yieldDuration = "50 millis")
@SeeAlso(classNames = {"dev.nifiidcard.camera.GetCameraImage", "dev.nifiidcard.tencent.TencentCloudIdCardOcrService",
        "dev.nifiidcard.huiyan.TencentHuiyanIdCardOcrService", "dev.nifiidcard.wechat.WeChatIdCardOcrService",
        "dev.nifiidcard.jumdata.JumdataIdCardOcrService"})
public class SignAndRecognizeIdCard extends AbstractProcessor implements VerifiableProcessor {

    // the descriptors live in SignAndRecognizeIdCardProperties; these names are what flows, tests and docs link to
    public static final PropertyDescriptor OCR_SERVICE = SignAndRecognizeIdCardProperties.OCR_SERVICE;
    public static final PropertyDescriptor CARD_SIDE = SignAndRecognizeIdCardProperties.CARD_SIDE;
    public static final PropertyDescriptor CARD_WARNINGS = SignAndRecognizeIdCardProperties.CARD_WARNINGS;
    public static final PropertyDescriptor MINIMUM_QUALITY = SignAndRecognizeIdCardProperties.MINIMUM_QUALITY;
    public static final PropertyDescriptor CROP_CARD = SignAndRecognizeIdCardProperties.CROP_CARD;
    public static final PropertyDescriptor CROP_PORTRAIT = SignAndRecognizeIdCardProperties.CROP_PORTRAIT;
    public static final PropertyDescriptor VALIDATE_ID_NUMBER = SignAndRecognizeIdCardProperties.VALIDATE_ID_NUMBER;
    public static final PropertyDescriptor ID_NUMBER_IN_ATTRIBUTES = SignAndRecognizeIdCardProperties.ID_NUMBER_IN_ATTRIBUTES;
    public static final PropertyDescriptor RESULT_DESTINATION = SignAndRecognizeIdCardProperties.RESULT_DESTINATION;

    public static final Relationship REL_SUCCESS = SignAndRecognizeIdCardProperties.REL_SUCCESS;
    public static final Relationship REL_WARNING = SignAndRecognizeIdCardProperties.REL_WARNING;
    public static final PropertyDescriptor RETRY_AFTER_ANSWER_LOST = SignAndRecognizeIdCardProperties.RETRY_AFTER_ANSWER_LOST;

    public static final Relationship REL_FAILURE = SignAndRecognizeIdCardProperties.REL_FAILURE;
    public static final Relationship REL_RETRY = SignAndRecognizeIdCardProperties.REL_RETRY;
    public static final Relationship REL_CROPPED = SignAndRecognizeIdCardProperties.REL_CROPPED;
    public static final Relationship REL_ORIGINAL = SignAndRecognizeIdCardProperties.REL_ORIGINAL;

    /** Where today's date and the account's recheck time come from: tests fix it. */
    private final Clock clock;

    private volatile FailureRouting failures;

    /** 'original' exists only while the result goes to the content. */
    private volatile Set<Relationship> relationships = SignAndRecognizeIdCardProperties.RELATIONSHIPS;

    public SignAndRecognizeIdCard() {
        this(Clock.systemUTC());
    }

    SignAndRecognizeIdCard(final Clock clock) {
        this.clock = clock;
    }

    @Override
    public Set<Relationship> getRelationships() {
        return relationships;
    }

    @Override
    public void onPropertyModified(final PropertyDescriptor descriptor, final String oldValue, final String newValue) {
        if (descriptor.equals(RESULT_DESTINATION)) {
            relationships = resultToContent(newValue)
                    ? SignAndRecognizeIdCardProperties.RELATIONSHIPS_WITH_ORIGINAL : SignAndRecognizeIdCardProperties.RELATIONSHIPS;
        }
    }

    @Override
    protected List<PropertyDescriptor> getSupportedPropertyDescriptors() {
        return SignAndRecognizeIdCardProperties.PROPERTIES;
    }

    @Override
    public void migrateRelationships(final RelationshipConfiguration config) {
        // before retry existed, retryable failures went to failure: they keep the path the flow gave them
        if (!config.hasRelationship(REL_RETRY)) {
            config.splitRelationship(REL_FAILURE.getName(), REL_FAILURE.getName(), REL_RETRY.getName());
        }
    }

    @Override
    protected void init(final ProcessorInitializationContext context) {
        failures = new FailureRouting(getLogger(), clock);
    }

    @OnScheduled
    public void onScheduled() {
        failures.releaseAccount();
    }

    @Override
    public void onTrigger(final ProcessContext context, final ProcessSession session) throws ProcessException {
        final IdCardOcrService service = context.getProperty(OCR_SERVICE).asControllerService(IdCardOcrService.class);
        if (failures.accountOnHold() || !service.hasCallFreeSoon()) {
            // the account was refused moments ago, or its quota has no call free soon: nothing is taken
            context.yield();
            return;
        }
        FlowFile flowFile = session.get();
        if (flowFile == null) {
            return;
        }
        final String sideValue = context.getProperty(CARD_SIDE).evaluateAttributeExpressions(flowFile).getValue();
        // a FlowFile coming back from retry or failure must not carry the previous attempt's result
        flowFile = session.removeAllAttributes(flowFile, IdCardAttributes.RESULT);
        final CardSide side;
        try {
            side = SignAndRecognizeIdCardProperties.parseSide(sideValue);
        } catch (final IllegalArgumentException e) {
            failures.route(session, flowFile, REL_FAILURE, RecognitionOutcome.failure("Local.InvalidCardSide", "Card Side must be Auto, Front or Back",
                    false, service.getProviderName(), null));
            return;
        }

        try (InputStream content = session.read(flowFile)) {
            ImagePreflight.check(content, flowFile.getSize(), service.getImageConstraints());
        } catch (final UnreadableImageException e) {
            failures.route(session, flowFile, REL_FAILURE, RecognitionOutcome.failure(e.getCode(), e.getMessage(), false, service.getProviderName(), null));
            return;
        } catch (final IOException | ProcessException e) {
            failures.route(session, flowFile, REL_RETRY, RecognitionOutcome.failure("Local.ContentUnreadable", "Could not read the content: " + e.getMessage(),
                    true, service.getProviderName(), null));
            return;
        }

        final long started = System.nanoTime();
        final IdCardRecognition recognition;
        try {
            recognition = service.recognize(new FlowFileImageSource(session, flowFile), request(context, side));
        } catch (final IdCardOcrException e) {
            failures.failed(context, session, flowFile, service, e, context.getProperty(RETRY_AFTER_ANSWER_LOST).asBoolean(), started);
            return;
        }
        FailureRouting.send(session, flowFile, service, " recognized the " + recognition.side().attributeValue() + " side", recognition.requestId(), started);

        final RecognitionOutcome outcome = RecognitionOutcome.of(recognition, settings(context, side, service), ChinaCalendar.today(clock));
        switch (outcome.route()) {
            case SUCCESS -> transfer(context, session, flowFile, recognition, outcome, REL_SUCCESS);
            case WARNING -> transfer(context, session, flowFile, recognition, outcome, REL_WARNING);
            case FAILURE -> failures.route(session, flowFile, REL_FAILURE, outcome);
        }
    }

    private static OutcomeSettings settings(final ProcessContext context, final CardSide side, final IdCardOcrService service) {
        final String idNumber = context.getProperty(ID_NUMBER_IN_ATTRIBUTES).getValue();
        return new OutcomeSettings(side,
                context.getProperty(MINIMUM_QUALITY).asInteger(),
                context.getProperty(VALIDATE_ID_NUMBER).asBoolean(),
                IdNumberInAttributes.valueOf(idNumber.toUpperCase(Locale.ROOT)),
                service.getProviderName());
    }

    private static void transfer(final ProcessContext context, final ProcessSession session, final FlowFile original,
                                 final IdCardRecognition recognition, final RecognitionOutcome outcome, final Relationship route) {
        if (resultToContent(context.getProperty(RESULT_DESTINATION).getValue())) {
            final Map<String, String> withoutPersonalData = outcome.attributesWithoutPersonalData();
            final FlowFile image = session.putAllAttributes(session.clone(original), withoutPersonalData);
            FlowFile result = session.write(original, out -> RecognitionJson.write(outcome.attributes(), out));
            withoutPersonalData.put(CoreAttributes.MIME_TYPE.key(), "application/json");
            result = session.putAllAttributes(result, withoutPersonalData);
            transferCrops(session, image, recognition);
            session.transfer(image, REL_ORIGINAL);
            session.transfer(result, route);
            return;
        }
        final FlowFile recognized = session.putAllAttributes(original, outcome.attributes());
        transferCrops(session, recognized, recognition);
        session.transfer(recognized, route);
    }

    private static void transferCrops(final ProcessSession session, final FlowFile parent, final IdCardRecognition recognition) {
        transferCrop(session, parent, recognition.croppedCard(), "card");
        transferCrop(session, parent, recognition.croppedPortrait(), "portrait");
    }

    private static void transferCrop(final ProcessSession session, final FlowFile parent, final byte[] jpeg, final String kind) {
        if (jpeg == null) {
            return;
        }
        FlowFile crop = session.create(parent);
        crop = session.write(crop, out -> out.write(jpeg));
        crop = session.putAllAttributes(crop, Map.of(
                IdCardAttributes.IMAGE_KIND, kind,
                "mime.type", "image/jpeg",
                "filename", parent.getAttribute("filename") + "." + kind + ".jpg"));
        session.transfer(crop, REL_CROPPED);
    }

    @Override
    public List<ConfigVerificationResult> verify(final ProcessContext context, final ComponentLog verificationLogger,
                                                 final Map<String, String> attributes) {
        final IdCardOcrService service;
        final String endpoint;
        try {
            service = context.getProperty(OCR_SERVICE).asControllerService(IdCardOcrService.class);
            endpoint = service.getTransitUri();
        } catch (final RuntimeException e) {
            return List.of(new ConfigVerificationResult.Builder()
                    .verificationStepName(RecognitionVerifier.REACH_STEP)
                    .outcome(ConfigVerificationResult.Outcome.FAILED)
                    .explanation("The ID Card OCR Service must be enabled to verify: " + e.getMessage())
                    .build());
        }
        // the sample has no card: asking for a side would only change the provider's refusal
        final RecognitionRequest request = request(context, null);
        if (service.isLocal()) {
            return RecognitionVerifier.verifyLocal(service.getProviderName(), () -> service.recognize(SampleImage.INSTANCE, request));
        }
        return RecognitionVerifier.verify(endpoint, () -> service.recognize(SampleImage.INSTANCE, request));
    }

    private static RecognitionRequest request(final ProcessContext context, final CardSide side) {
        return new RecognitionRequest(side, SignAndRecognizeIdCardProperties.parseWarnings(context.getProperty(CARD_WARNINGS).getValue()),
                true,
                context.getProperty(CROP_CARD).asBoolean(),
                context.getProperty(CROP_PORTRAIT).asBoolean());
    }

    private static boolean resultToContent(final String resultDestination) {
        return SignAndRecognizeIdCardProperties.RESULT_TO_CONTENT.getValue().equals(resultDestination);
    }
}
