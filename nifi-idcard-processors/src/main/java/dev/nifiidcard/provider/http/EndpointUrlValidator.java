package dev.nifiidcard.provider.http;

import okhttp3.HttpUrl;
import org.apache.nifi.components.ValidationContext;
import org.apache.nifi.components.ValidationResult;
import org.apache.nifi.components.Validator;

/**
 * Validates a provider's Endpoint URL property: an http or https URL with neither credentials, nor a path, nor a
 * query, since the service appends (or signs) the API's path itself and credentials in a URL would reach logs.
 */
public final class EndpointUrlValidator implements Validator {

    private final String example;

    /** @param example a valid URL quoted in the explanation, such as the provider's default */
    public EndpointUrlValidator(final String example) {
        this.example = example;
    }

    /** The URL, trimmed, when it is one this validator accepts; otherwise {@code null}. */
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
