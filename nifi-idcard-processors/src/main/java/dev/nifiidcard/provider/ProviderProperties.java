package dev.nifiidcard.provider;

import dev.nifiidcard.provider.http.EndpointUrlValidator;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.processor.util.StandardValidators;

/** The shapes of the properties every provider service has, so that a provider writes only their names and descriptions. */
public final class ProviderProperties {

    private ProviderProperties() {
    }

    /** A required, non-blank identifier that is not a secret, such as an App ID. */
    public static PropertyDescriptor identifier(final String name, final String description) {
        return new PropertyDescriptor.Builder()
                .name(name)
                .description(description)
                .required(true)
                .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
                .build();
    }

    /** A required, non-blank secret: sensitive, so NiFi encrypts it and never shows it. */
    public static PropertyDescriptor secret(final String name, final String description) {
        return new PropertyDescriptor.Builder()
                .name(name)
                .description(description)
                .required(true)
                .sensitive(true)
                .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
                .build();
    }

    /** The provider's Endpoint URL, without a path, defaulting to its public API. */
    public static PropertyDescriptor endpointUrl(final String defaultUrl, final String description) {
        return new PropertyDescriptor.Builder()
                .name("Endpoint URL")
                .description(description)
                .required(true)
                .defaultValue(defaultUrl)
                .addValidator(new EndpointUrlValidator(defaultUrl))
                .build();
    }
}
