package dev.nifiidcard.processors;

import dev.nifiidcard.ocr.CardSide;
import dev.nifiidcard.ocr.CardWarning;
import dev.nifiidcard.ocr.IdCardOcrService;
import org.apache.nifi.components.AllowableValue;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.components.ValidationContext;
import org.apache.nifi.components.ValidationResult;
import org.apache.nifi.expression.ExpressionLanguageScope;
import org.apache.nifi.processor.Relationship;
import org.apache.nifi.processor.util.StandardValidators;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The properties and relationships of {@link SignAndRecognizeIdCard}. Flows reference the names, defaults and
 * allowable values, so they never change here without a migration.
 */
final class SignAndRecognizeIdCardProperties {

    static final String SIDE_AUTO = "Auto";
    static final String SIDE_FRONT = "Front";
    static final String SIDE_BACK = "Back";

    static final Set<CardWarning> DEFAULT_WARNINGS = EnumSet.of(CardWarning.PHOTOCOPY, CardWarning.SCREEN_RESHOOT,
            CardWarning.PS_EDITED, CardWarning.TEMPORARY_ID, CardWarning.BORDER_INCOMPLETE, CardWarning.INVALID_DATE,
            CardWarning.REFLECTION);

    static final PropertyDescriptor OCR_SERVICE = new PropertyDescriptor.Builder()
            .name("ID Card OCR Service")
            .description("The provider that recognizes the cards; it holds the credentials and the account's rate limit.")
            .required(true)
            .identifiesControllerService(IdCardOcrService.class)
            .build();

    static final PropertyDescriptor CARD_SIDE = new PropertyDescriptor.Builder()
            .name("Card Side")
            .description("Which side the image shows: Auto lets the provider detect it; Front is the portrait side, Back the "
                    + "national emblem side. May come from an attribute, for example ${card.side}; any other value sends "
                    + "the FlowFile to failure with Local.InvalidCardSide.")
            .required(true)
            .defaultValue(SIDE_AUTO)
            .expressionLanguageSupported(ExpressionLanguageScope.FLOWFILE_ATTRIBUTES)
            .addValidator(SignAndRecognizeIdCardProperties::validateCardSide)
            .build();

    static final PropertyDescriptor CARD_WARNINGS = new PropertyDescriptor.Builder()
            .name("Card Warnings")
            .description("Comma-separated card checks to ask the provider for; any that fires routes to warning. Names: "
                    + requestableWarnings() + ". Empty asks for none.")
            .required(false)
            .defaultValue(DEFAULT_WARNINGS.stream().map(Enum::name).collect(Collectors.joining(",")))
            .addValidator(SignAndRecognizeIdCardProperties::validateWarnings)
            .build();

    static final PropertyDescriptor MINIMUM_QUALITY = new PropertyDescriptor.Builder()
            .name("Minimum Quality")
            .description("The image quality score (0-100, lower is blurrier) below which a card routes to warning. The score is "
                    + "always asked for and written as idcard.quality; 0 records it without routing on it. Tencent suggests 50.")
            .required(true)
            .defaultValue("50")
            .addValidator(StandardValidators.createLongValidator(0, 100, true))
            .build();

    static final PropertyDescriptor CROP_CARD = new PropertyDescriptor.Builder()
            .name("Crop Card")
            .description("Asks for the card cropped and deskewed; it becomes a JPEG child FlowFile on 'cropped' with idcard.image.kind=card.")
            .required(true)
            .allowableValues("true", "false")
            .defaultValue("false")
            .build();

    static final PropertyDescriptor CROP_PORTRAIT = new PropertyDescriptor.Builder()
            .name("Crop Portrait")
            .description("Asks for the portrait cropped; it becomes a JPEG child FlowFile on 'cropped' with idcard.image.kind=portrait.")
            .required(true)
            .allowableValues("true", "false")
            .defaultValue("false")
            .build();

    static final PropertyDescriptor VALIDATE_ID_NUMBER = new PropertyDescriptor.Builder()
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

    static final PropertyDescriptor ID_NUMBER_IN_ATTRIBUTES = new PropertyDescriptor.Builder()
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

    static final PropertyDescriptor RESULT_DESTINATION = new PropertyDescriptor.Builder()
            .name("Result Destination")
            .description("Where a recognized card's fields go. Failures always keep the image as content.")
            .required(true)
            .allowableValues(RESULT_TO_ATTRIBUTES, RESULT_TO_CONTENT)
            .defaultValue(RESULT_TO_ATTRIBUTES)
            .build();

    static final PropertyDescriptor RETRY_AFTER_ANSWER_LOST = new PropertyDescriptor.Builder()
            .name("Retry After Answer Lost")
            .description("Where a FlowFile goes when its image was sent whole but the answer never came (read timeout, "
                    + "connection dropped after sending): the provider may already have recognized and billed it, so "
                    + "sending it again may be billed twice. false: to failure, with idcard.error.retryable true, for the "
                    + "flow or a person to decide. true: to retry, like a throttled call.")
            .required(true)
            .allowableValues("true", "false")
            .defaultValue("false")
            .build();

    static final List<PropertyDescriptor> PROPERTIES = List.of(
            OCR_SERVICE,
            CARD_SIDE,
            CARD_WARNINGS,
            MINIMUM_QUALITY,
            CROP_CARD,
            CROP_PORTRAIT,
            VALIDATE_ID_NUMBER,
            ID_NUMBER_IN_ATTRIBUTES,
            RESULT_DESTINATION,
            RETRY_AFTER_ANSWER_LOST
    );

    static final Relationship REL_SUCCESS = new Relationship.Builder()
            .name("success")
            .description("The card was recognized and passed every check.")
            .build();

    static final Relationship REL_WARNING = new Relationship.Builder()
            .name("warning")
            .description("The card was recognized, but a requested card check fired, the quality is below the minimum, the ID "
                    + "number is inconsistent or the card has expired: idcard.warnings says which. Typically a manual review queue.")
            .build();

    static final Relationship REL_FAILURE = new Relationship.Builder()
            .name("failure")
            .description("Nothing was recognized, or the call failed in a way that sending the same image again would not "
                    + "cure: idcard.error.code and idcard.error.message say why. An image sent whole whose answer was lost "
                    + "comes here too (idcard.error.retryable true) unless Retry After Answer Lost is true.")
            .build();

    static final Relationship REL_RETRY = new Relationship.Builder()
            .name("retry")
            .description("The call may succeed later: the provider throttled it or is failing, the connection failed before "
                    + "the whole image was sent, or the content could not be read. Penalized, with idcard.error.* saying why. "
                    + "Turn on NiFi's retry for this relationship (count, back-off, maximum period) and connect it to the "
                    + "failure path for what is still failing after the last retry, or route it back to this processor.")
            .build();

    static final Relationship REL_CROPPED = new Relationship.Builder()
            .name("cropped")
            .description("Cropped card and portrait JPEGs, as children of the original with its idcard.* attributes.")
            .autoTerminateDefault(true)
            .build();

    static final Relationship REL_ORIGINAL = new Relationship.Builder()
            .name("original")
            .description("With Result Destination FlowFile Content: the image of each recognized card, unchanged.")
            .build();

    static final Set<Relationship> RELATIONSHIPS = Set.of(REL_SUCCESS, REL_WARNING, REL_FAILURE, REL_RETRY, REL_CROPPED);
    static final Set<Relationship> RELATIONSHIPS_WITH_ORIGINAL = Set.of(REL_SUCCESS, REL_WARNING, REL_FAILURE, REL_RETRY, REL_CROPPED, REL_ORIGINAL);

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

    private static String requestableWarnings() {
        return Arrays.stream(CardWarning.values()).filter(CardWarning::isRequestable).map(Enum::name).collect(Collectors.joining(", "));
    }

    private static ValidationResult validateCardSide(final String subject, final String input, final ValidationContext context) {
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

    private static ValidationResult validateWarnings(final String subject, final String input, final ValidationContext context) {
        boolean valid;
        try {
            valid = parseWarnings(input).stream().allMatch(CardWarning::isRequestable);
        } catch (final IllegalArgumentException e) {
            valid = false;
        }
        return new ValidationResult.Builder().subject(subject).input(input).valid(valid)
                .explanation("must be a comma-separated list of " + requestableWarnings()).build();
    }

    private SignAndRecognizeIdCardProperties() {
    }
}
