package dev.nifiidcard.http;

/** The client a provider service builds from its properties: one per enabled service, and one per Verify. */
public interface ProviderClient {

    /** The endpoint as a provenance transit URI, without credentials. */
    String transitUri();
}
