package dev.nifiidcard.cardgen;

/**
 * A county-level region where a synthetic person is registered: its code starts their ID number, its names start
 * their address, and its police bureau issues their card.
 *
 * @param code       the 6-digit administrative division code (GB/T 2260)
 * @param province   the province-level name as an address prints it, empty for a municipality's districts
 * @param city       the prefecture-level name (a municipality's own name for its districts)
 * @param district   the county-level name
 * @param urban      whether it is a city district (bureau "<city>公安局<district>分局") rather than a county or county-level
 *                   city (bureau "<county>公安局")
 */
record Region(String code, String province, String city, String district, boolean urban) {

    /** The bureau that issues the region's cards. */
    String authority() {
        if (!urban) {
            return district + "公安局";
        }
        // 浦东新区's bureau is 浦东分局, 海淀区's 海淀分局
        return city + "公安局" + district.replaceFirst("新?区$", "") + "分局";
    }

    /** Province, city and district as the address starts. */
    String addressPrefix() {
        return province + city + district;
    }
}
