package dev.nifiidcard.processors;

import dev.nifiidcard.idnumber.ResidentIdNumber;
import dev.nifiidcard.image.ImagePreflight;
import dev.nifiidcard.image.UnreadableImageException;
import dev.nifiidcard.ocr.CardSide;
import dev.nifiidcard.ocr.CardWarning;
import dev.nifiidcard.ocr.IdCardFields;
import dev.nifiidcard.ocr.IdCardOcrException;
import dev.nifiidcard.ocr.IdCardOcrService;
import dev.nifiidcard.ocr.IdCardRecognition;
import dev.nifiidcard.ocr.RecognitionDetail;
import dev.nifiidcard.ocr.RecognitionRequest;
import dev.nifiidcard.provider.RecognitionVerifier;
import dev.nifiidcard.ocr.ReportedWarning;
import dev.nifiidcard.provider.SampleImage;
import org.apache.nifi.annotation.behavior.InputRequirement;
import org.apache.nifi.annotation.behavior.InputRequirement.Requirement;
import org.apache.nifi.annotation.behavior.WritesAttribute;
import org.apache.nifi.annotation.behavior.WritesAttributes;
import org.apache.nifi.annotation.documentation.CapabilityDescription;
import org.apache.nifi.annotation.documentation.MultiProcessorUseCase;
import org.apache.nifi.annotation.documentation.ProcessorConfiguration;
import org.apache.nifi.annotation.documentation.Tags;
import org.apache.nifi.annotation.documentation.UseCase;
import org.apache.nifi.components.AllowableValue;
import org.apache.nifi.components.ConfigVerificationResult;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.components.ValidationResult;
import org.apache.nifi.expression.ExpressionLanguageScope;
import org.apache.nifi.flowfile.FlowFile;
import org.apache.nifi.flowfile.attributes.CoreAttributes;
import org.apache.nifi.logging.ComponentLog;
import org.apache.nifi.processor.AbstractProcessor;
import org.apache.nifi.processor.ProcessContext;
import org.apache.nifi.processor.ProcessSession;
import org.apache.nifi.processor.Relationship;
import org.apache.nifi.processor.VerifiableProcessor;
import org.apache.nifi.processor.exception.ProcessException;
import org.apache.nifi.processor.util.StandardValidators;

import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

@InputRequirement(Requirement.INPUT_REQUIRED)
@Tags({"id card", "ocr", "identity", "kyc", "china", "resident identity card", "tencent", "enrollment"})
@CapabilityDescription("Recognizes the Chinese resident ID card in the image content of each FlowFile with the configured "
        + "ID Card OCR Service and writes the fields as idcard.* attributes. Images the provider would refuse (empty, not "
        + "JPEG/PNG/BMP, too large, too small) go to failure before any paid call. Recognized cards go to success, or to "
        + "warning when a requested card check fired, the quality is below the minimum, the ID number is inconsistent or "
        + "the card has expired. The image always stays the FlowFile content.")
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
                Route failure to a RetryFlowFile processor when idcard.error.retryable is true, and to an error store otherwise.
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
                                parameters. Route success to storage, warning to manual review, and failure through a
                                RetryFlowFile when idcard.error.retryable is true.
                                """)
        })
public class SignAndRecognizeIdCard extends AbstractProcessor implements VerifiableProcessor {

    static final String SIDE_AUTO = "Auto";
    static final String SIDE_FRONT = "Front";
    static final String SIDE_BACK = "Back";

    static final Set<CardWarning> DEFAULT_WARNINGS = EnumSet.of(CardWarning.PHOTOCOPY, CardWarning.SCREEN_RESHOOT,
            CardWarning.PS_EDITED, CardWarning.TEMPORARY_ID, CardWarning.BORDER_INCOMPLETE, CardWarning.INVALID_DATE,
            CardWarning.REFLECTION);

    public static final PropertyDescriptor OCR_SERVICE = new PropertyDescriptor.Builder()
            .name("ID Card OCR Service")
            .description("The provider that recognizes the cards; it holds the credentials, the rate limit and the retry policy.")
            .required(true)
            .identifiesControllerService(IdCardOcrService.class)
            .build();

    public static final PropertyDescriptor CARD_SIDE = new PropertyDescriptor.Builder()
            .name("Card Side")
            .description("Which side the image shows: Auto lets the provider detect it; Front is the portrait side, Back the "
                    + "national emblem side. May come from an attribute, for example ${card.side}; any other value sends "
                    + "the FlowFile to failure with Local.InvalidCardSide.")
            .required(true)
            .defaultValue(SIDE_AUTO)
            .expressionLanguageSupported(ExpressionLanguageScope.FLOWFILE_ATTRIBUTES)
            .addValidator(SignAndRecognizeIdCard::validateCardSide)
            .build();

    public static final PropertyDescriptor CARD_WARNINGS = new PropertyDescriptor.Builder()
            .name("Card Warnings")
            .description("Comma-separated card checks to ask the provider for; any that fires routes to warning. Names: "
                    + requestableWarnings() + ". Empty asks for none.")
            .required(false)
            .defaultValue(DEFAULT_WARNINGS.stream().map(Enum::name).collect(Collectors.joining(",")))
            .addValidator(SignAndRecognizeIdCard::validateWarnings)
            .build();

    public static final PropertyDescriptor MINIMUM_QUALITY = new PropertyDescriptor.Builder()
            .name("Minimum Quality")
            .description("The image quality score (0-100, lower is blurrier) below which a card routes to warning. The score is "
                    + "always asked for and written as idcard.quality; 0 records it without routing on it. Tencent suggests 50.")
            .required(true)
            .defaultValue("50")
            .addValidator(StandardValidators.createLongValidator(0, 100, true))
            .build();

    public static final PropertyDescriptor CROP_CARD = new PropertyDescriptor.Builder()
            .name("Crop Card")
            .description("Asks for the card cropped and deskewed; it becomes a JPEG child FlowFile on 'cropped' with idcard.image.kind=card.")
            .required(true)
            .allowableValues("true", "false")
            .defaultValue("false")
            .build();

    public static final PropertyDescriptor CROP_PORTRAIT = new PropertyDescriptor.Builder()
            .name("Crop Portrait")
            .description("Asks for the portrait cropped; it becomes a JPEG child FlowFile on 'cropped' with idcard.image.kind=portrait.")
            .required(true)
            .allowableValues("true", "false")
            .defaultValue("false")
            .build();

    public static final PropertyDescriptor VALIDATE_ID_NUMBER = new PropertyDescriptor.Builder()
            .name("Validate ID Number")
            .description("Checks the ID number of a front side against GB 11643 (check character, birth date) and against the "
                    + "printed birth date and sex; an inconsistent number routes to warning.")
            .required(true)
            .allowableValues("true", "false")
            .defaultValue("true")
            .build();

    static final AllowableValue NUMBER_FULL = new AllowableValue("Full", "Full", "The 18-character number, as recognized.");
    static final AllowableValue NUMBER_MASKED = new AllowableValue("Masked", "Masked",
            "Region code and last four characters only, for example 440524********0014.");
    static final AllowableValue NUMBER_OMITTED = new AllowableValue("Omitted", "Omitted", "No idcard.number attribute at all.");

    public static final PropertyDescriptor ID_NUMBER_IN_ATTRIBUTES = new PropertyDescriptor.Builder()
            .name("ID Number In Attributes")
            .description("How much of the ID number idcard.number carries. Attributes travel into provenance, queue listings "
                    + "and every downstream processor; ID numbers are sensitive personal information (PIPL), so give "
                    + "downstream only what it needs. Validation always uses the full number.")
            .required(true)
            .allowableValues(NUMBER_FULL, NUMBER_MASKED, NUMBER_OMITTED)
            .defaultValue(NUMBER_FULL)
            .build();

    static final AllowableValue RESULT_TO_ATTRIBUTES = new AllowableValue("Attributes", "Attributes",
            "The fields become idcard.* attributes; the image stays the content.");
    static final AllowableValue RESULT_TO_CONTENT = new AllowableValue("FlowFile Content", "FlowFile Content",
            "The result becomes the content of the FlowFile routed to success or warning, as one JSON object for record "
                    + "readers (mime.type application/json); the card's printed fields are then not written as attributes. "
                    + "The image goes, unchanged, to the 'original' relationship.");

    public static final PropertyDescriptor RESULT_DESTINATION = new PropertyDescriptor.Builder()
            .name("Result Destination")
            .description("Where a recognized card's fields go. Failures always keep the image as content.")
            .required(true)
            .allowableValues(RESULT_TO_ATTRIBUTES, RESULT_TO_CONTENT)
            .defaultValue(RESULT_TO_ATTRIBUTES)
            .build();

    private static final List<PropertyDescriptor> PROPERTIES = List.of(
            OCR_SERVICE,
            CARD_SIDE,
            CARD_WARNINGS,
            MINIMUM_QUALITY,
            CROP_CARD,
            CROP_PORTRAIT,
            VALIDATE_ID_NUMBER,
            ID_NUMBER_IN_ATTRIBUTES,
            RESULT_DESTINATION
    );

    public static final Relationship REL_SUCCESS = new Relationship.Builder()
            .name("success")
            .description("The card was recognized and passed every check.")
            .build();

    public static final Relationship REL_WARNING = new Relationship.Builder()
            .name("warning")
            .description("The card was recognized, but a requested card check fired, the quality is below the minimum, the ID "
                    + "number is inconsistent or the card has expired: idcard.warnings says which. Typically a manual review queue.")
            .build();

    public static final Relationship REL_FAILURE = new Relationship.Builder()
            .name("failure")
            .description("Nothing was recognized or the call failed: idcard.error.code, idcard.error.message and "
                    + "idcard.error.retryable say why. Retryable failures are penalized.")
            .build();

    public static final Relationship REL_CROPPED = new Relationship.Builder()
            .name("cropped")
            .description("Cropped card and portrait JPEGs, as children of the original with its idcard.* attributes.")
            .autoTerminateDefault(true)
            .build();

    public static final Relationship REL_ORIGINAL = new Relationship.Builder()
            .name("original")
            .description("With Result Destination FlowFile Content: the image of each recognized card, unchanged.")
            .build();

    private static final Set<Relationship> RELATIONSHIPS = Set.of(REL_SUCCESS, REL_WARNING, REL_FAILURE, REL_CROPPED);
    private static final Set<Relationship> RELATIONSHIPS_WITH_ORIGINAL = Set.of(REL_SUCCESS, REL_WARNING, REL_FAILURE, REL_CROPPED, REL_ORIGINAL);

    /** 'original' exists only while the result goes to the content. */
    private volatile Set<Relationship> relationships = RELATIONSHIPS;

    /** Cards are issued and expire on China's calendar. */
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    @Override
    public Set<Relationship> getRelationships() {
        return relationships;
    }

    @Override
    public void onPropertyModified(final PropertyDescriptor descriptor, final String oldValue, final String newValue) {
        if (descriptor.equals(RESULT_DESTINATION)) {
            relationships = RESULT_TO_CONTENT.getValue().equals(newValue) ? RELATIONSHIPS_WITH_ORIGINAL : RELATIONSHIPS;
        }
    }

    @Override
    protected List<PropertyDescriptor> getSupportedPropertyDescriptors() {
        return PROPERTIES;
    }

    @Override
    public void onTrigger(final ProcessContext context, final ProcessSession session) throws ProcessException {
        FlowFile flowFile = session.get();
        if (flowFile == null) {
            return;
        }
        final IdCardOcrService service = context.getProperty(OCR_SERVICE).asControllerService(IdCardOcrService.class);
        final String sideValue = context.getProperty(CARD_SIDE).evaluateAttributeExpressions(flowFile).getValue();
        // a FlowFile looping back from failure must not carry the previous attempt's result
        flowFile = session.removeAllAttributes(flowFile, IdCardAttributes.RESULT);
        final CardSide side;
        try {
            side = parseSide(sideValue);
        } catch (final IllegalArgumentException e) {
            fail(session, flowFile, service, "Local.InvalidCardSide", "Card Side must be Auto, Front or Back", false, null);
            return;
        }

        try (InputStream content = session.read(flowFile)) {
            ImagePreflight.check(content, flowFile.getSize(), service.getImageConstraints());
        } catch (final UnreadableImageException e) {
            fail(session, flowFile, service, e.getCode(), e.getMessage(), false, null);
            return;
        } catch (final IOException | ProcessException e) {
            fail(session, flowFile, service, "Local.ContentUnreadable", "Could not read the content: " + e.getMessage(), true, null);
            return;
        }

        final long started = System.nanoTime();
        final IdCardRecognition recognition;
        try {
            recognition = service.recognize(new FlowFileImageSource(session, flowFile), request(context, side));
        } catch (final IdCardOcrException e) {
            if (e.getRequestId() != null) {
                session.getProvenanceReporter().send(flowFile, service.getTransitUri(), "IDCardOCR answered " + e.getCode(), elapsedMillis(started));
            }
            if (e.getCategory().affectsEveryCall()) {
                getLogger().error("{} refused the {} ({}): every FlowFile would fail the same way, yielding",
                        service.getProviderName(), e.getCategory() == IdCardOcrException.Category.ACCOUNT ? "account" : "credentials", e.getCode());
                context.yield();
            }
            fail(session, flowFile, service, e.getCode(), e.getMessage(), e.isRetryable(), e.getRequestId());
            return;
        }
        session.getProvenanceReporter().send(flowFile, service.getTransitUri(), "IDCardOCR recognized " + recognition.side(), elapsedMillis(started));

        if (recognition.fields().isEmpty()) {
            fail(session, flowFile, service, "Result.NothingRecognized", "The provider answered but recognized no field", false, recognition.requestId());
            return;
        }
        final CardSide found = recognizedSide(recognition, side);
        if (side != null && found != side) {
            // the same outcome whichever provider answered: some detect the side, some take the one asked for
            fail(session, flowFile, service, "Result.CardSideMismatch", "Card Side asks for the " + side.attributeValue()
                    + " side, but the provider recognized the " + found.attributeValue() + " side", false, recognition.requestId());
            return;
        }
        route(context, session, flowFile, service, recognition);
    }

    /**
     * The side the answer shows: the side the provider reports, or, when it only echoes the side asked for, the side
     * its fields belong to (the front carries name, number and address; the back only authority and validity).
     */
    private static CardSide recognizedSide(final IdCardRecognition recognition, final CardSide requested) {
        return recognition.side() != requested ? recognition.side() : recognition.fields().inferSide();
    }

    private void route(final ProcessContext context, final ProcessSession session, final FlowFile original,
                       final IdCardOcrService service, final IdCardRecognition recognition) {
        final IdCardFields fields = recognition.fields();
        final Map<String, String> attributes = new HashMap<>();
        attributes.put(IdCardAttributes.SIDE, recognition.side().attributeValue());
        putIfPresent(attributes, IdCardAttributes.NAME, fields.name());
        putIfPresent(attributes, IdCardAttributes.SEX, fields.sex());
        putIfPresent(attributes, IdCardAttributes.NATION, fields.nation());
        putIfPresent(attributes, IdCardAttributes.BIRTH, fields.birth());
        putIfPresent(attributes, IdCardAttributes.NUMBER, numberAttribute(context, fields.number()));
        putIfPresent(attributes, IdCardAttributes.ADDRESS, fields.address());
        putIfPresent(attributes, IdCardAttributes.AUTHORITY, fields.authority());
        putIfPresent(attributes, IdCardAttributes.VALID_FROM, fields.validFrom());
        putIfPresent(attributes, IdCardAttributes.VALID_UNTIL, fields.validUntil());
        putIfPresent(attributes, IdCardAttributes.QUALITY, recognition.quality() == null ? null : recognition.quality().toString());
        putIfPresent(attributes, IdCardAttributes.REQUEST_ID, recognition.requestId());
        attributes.put(IdCardAttributes.PROVIDER, service.getProviderName());
        recognition.details().forEach((detail, value) -> putIfPresent(attributes, IdCardAttributes.of(detail), value));

        final List<String> warnings = new ArrayList<>();
        recognition.warnings().forEach(w -> warnings.add(w.warning().name()));
        attributes.put(IdCardAttributes.WARNING_CODES, recognition.warnings().stream().map(ReportedWarning::providerCode).collect(Collectors.joining(",")));

        final int minimumQuality = context.getProperty(MINIMUM_QUALITY).asInteger();
        if (recognition.quality() != null && recognition.quality() < minimumQuality) {
            warnings.add(IdCardAttributes.LOW_QUALITY);
        }
        if (context.getProperty(VALIDATE_ID_NUMBER).asBoolean() && recognition.side() == CardSide.FRONT) {
            final ResidentIdNumber.Problem problem = ResidentIdNumber.check(fields.number(), fields.birth(), fields.sex());
            attributes.put(IdCardAttributes.NUMBER_VALID, Boolean.toString(problem == null));
            if (problem != null) {
                attributes.put(IdCardAttributes.NUMBER_PROBLEM, problem.name());
                warnings.add(IdCardAttributes.INVALID_ID_NUMBER);
            }
        }
        if (isExpired(fields.validUntil())) {
            warnings.add(IdCardAttributes.EXPIRED);
        }
        attributes.put(IdCardAttributes.WARNINGS, String.join(",", warnings));

        final Relationship route = warnings.isEmpty() ? REL_SUCCESS : REL_WARNING;
        if (RESULT_TO_CONTENT.getValue().equals(context.getProperty(RESULT_DESTINATION).getValue())) {
            final Map<String, String> withoutCard = new HashMap<>(attributes);
            withoutCard.keySet().removeAll(IdCardAttributes.CARD_FIELDS);
            recognition.details().keySet().stream().filter(RecognitionDetail::personalData).map(IdCardAttributes::of)
                    .forEach(withoutCard::remove);
            final FlowFile image = session.putAllAttributes(session.clone(original), withoutCard);
            FlowFile result = session.write(original, out -> RecognitionJson.write(attributes, out));
            withoutCard.put(CoreAttributes.MIME_TYPE.key(), "application/json");
            result = session.putAllAttributes(result, withoutCard);
            transferCrops(session, image, recognition);
            session.transfer(image, REL_ORIGINAL);
            session.transfer(result, route);
            return;
        }
        final FlowFile recognized = session.putAllAttributes(original, attributes);
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

    private void fail(final ProcessSession session, final FlowFile flowFile, final IdCardOcrService service, final String code,
                      final String message, final boolean retryable, final String requestId) {
        final Map<String, String> attributes = new HashMap<>();
        attributes.put(IdCardAttributes.ERROR_CODE, code);
        attributes.put(IdCardAttributes.ERROR_MESSAGE, message == null ? "" : message);
        attributes.put(IdCardAttributes.ERROR_RETRYABLE, Boolean.toString(retryable));
        attributes.put(IdCardAttributes.PROVIDER, service.getProviderName());
        putIfPresent(attributes, IdCardAttributes.REQUEST_ID, requestId);
        FlowFile failed = session.putAllAttributes(flowFile, attributes);
        if (retryable) {
            failed = session.penalize(failed);
        }
        getLogger().warn("Recognition of {} failed with {}: {}", failed, code, message);
        session.transfer(failed, REL_FAILURE);
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
        return RecognitionVerifier.verify(endpoint, () -> service.recognize(SampleImage.INSTANCE, request));
    }

    private static RecognitionRequest request(final ProcessContext context, final CardSide side) {
        return new RecognitionRequest(side, parseWarnings(context.getProperty(CARD_WARNINGS).getValue()),
                true,
                context.getProperty(CROP_CARD).asBoolean(),
                context.getProperty(CROP_PORTRAIT).asBoolean());
    }

    static CardSide parseSide(final String value) {
        final String side = value == null ? "" : value.trim();
        if (side.equalsIgnoreCase(SIDE_AUTO)) {
            return null;
        }
        if (side.equalsIgnoreCase(SIDE_FRONT)) {
            return CardSide.FRONT;
        }
        if (side.equalsIgnoreCase(SIDE_BACK)) {
            return CardSide.BACK;
        }
        throw new IllegalArgumentException("Unknown card side");
    }

    static Set<CardWarning> parseWarnings(final String value) {
        final Set<CardWarning> warnings = EnumSet.noneOf(CardWarning.class);
        if (value != null) {
            Arrays.stream(value.split(","))
                    .map(String::trim)
                    .filter(name -> !name.isEmpty())
                    .forEach(name -> warnings.add(CardWarning.valueOf(name.toUpperCase(Locale.ROOT))));
        }
        return warnings;
    }

    private static String numberAttribute(final ProcessContext context, final String number) {
        final String setting = context.getProperty(ID_NUMBER_IN_ATTRIBUTES).getValue();
        if (NUMBER_OMITTED.getValue().equals(setting)) {
            return null;
        }
        return NUMBER_MASKED.getValue().equals(setting) ? ResidentIdNumber.mask(number) : number;
    }

    private static boolean isExpired(final String validUntil) {
        if (validUntil == null || IdCardFields.LONG_TERM.equals(validUntil)) {
            return false;
        }
        try {
            return LocalDate.parse(validUntil).isBefore(LocalDate.now(CHINA));
        } catch (final DateTimeParseException e) {
            return false;
        }
    }

    private static long elapsedMillis(final long startedNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
    }

    private static void putIfPresent(final Map<String, String> attributes, final String name, final String value) {
        if (value != null) {
            attributes.put(name, value);
        }
    }

    private static String requestableWarnings() {
        return Arrays.stream(CardWarning.values()).filter(CardWarning::isRequestable).map(Enum::name).collect(Collectors.joining(", "));
    }

    private static ValidationResult validateCardSide(final String subject, final String input, final org.apache.nifi.components.ValidationContext context) {
        if (context.isExpressionLanguageSupported(subject) && context.isExpressionLanguagePresent(input)) {
            return new ValidationResult.Builder().subject(subject).input(input).valid(true).explanation("Expression Language").build();
        }
        boolean valid = true;
        try {
            parseSide(input);
        } catch (final IllegalArgumentException e) {
            valid = false;
        }
        return new ValidationResult.Builder().subject(subject).input(input).valid(valid)
                .explanation("must be Auto, Front or Back").build();
    }

    private static ValidationResult validateWarnings(final String subject, final String input, final org.apache.nifi.components.ValidationContext context) {
        boolean valid;
        try {
            valid = parseWarnings(input).stream().allMatch(CardWarning::isRequestable);
        } catch (final IllegalArgumentException e) {
            valid = false;
        }
        return new ValidationResult.Builder().subject(subject).input(input).valid(valid)
                .explanation("must be a comma-separated list of " + requestableWarnings()).build();
    }
}
