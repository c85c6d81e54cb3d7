package dev.nifiidcard.http;

import okhttp3.HttpUrl;
import org.apache.nifi.components.ValidationContext;
import org.apache.nifi.components.ValidationResult;
import org.apache.nifi.components.Validator;

/**
 * Validates a provider's Endpoint URL: http or https, without user, password, path or query, because the provider
 * client appends the API's own paths and a credential in the URL would travel into logs and provenance.
 */
public final class EndpointUrlValidator implements Validator {

    private final String example;

    /** @param example a valid URL quoted in the explanation, for example the provider's default */
    public EndpointUrlValidator(final String example) {
        this.example = example;
    }

    /** The URL, or null when it is not a valid endpoint URL. */
    public static HttpUrl parse(final String input) {
        final HttpUrl url = input == null ? null : HttpUrl.parse(input.trim());
        final boolean valid = url != null && url.username().isEmpty() && url.password().isEmpty() && url.query() == null
                && "/".equals(url.encodedPath());
        return valid ? url : null;
    }

    @Override
    public ValidationResult validate(final String subject, final String input, final ValidationContext context) {
        return new ValidationResult.Builder()
                .subject(subject)
                .input(input)
                .valid(parse(input) != null)
                .explanation("must be an http or https URL without credentials, path or query, such as " + example)
                .build();
    }
}
