package dev.nifiidcard.jumdata;

/**
 * The application key Jumdata assigned.
 *
 * @param appId     sent with every request
 * @param appSecret never sent: only hashed into each request's sign
 */
record JumdataCredentials(String appId, String appSecret) {

    @Override
    public String toString() {
        return "JumdataCredentials[appId=" + appId + ", appSecret=****]";
    }
}
