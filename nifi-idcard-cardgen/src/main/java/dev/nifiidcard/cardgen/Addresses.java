package dev.nifiidcard.cardgen;

import dev.nifiidcard.camera.specimen.CardFace;

import java.util.SplittableRandom;

/**
 * Addresses as a card prints them: province, city and district of the region, then a street and number in a city or a
 * town, village and group in the country, sometimes with the estate, building, entrance and flat, never longer than
 * the card's four address lines.
 */
final class Addresses {

    static final int MAX_LENGTH = 4 * CardFace.ADDRESS_LINE_CHARACTERS;
    private static final String[] STREETS = {"人民路", "解放路", "中山路", "建设路", "和平街", "文化路", "新华街", "长江路", "黄河路",
        "胜利街", "朝阳路", "光明路", "友谊路", "幸福街", "东风路", "青年路", "学府路", "滨江大道", "科技园路", "工农路"};
    private static final String[] SUBDISTRICTS = {"城南街道", "北关街道", "新村街道", "东街街道", "西湖街道", "花园街道"};
    private static final String[] ESTATES = {"阳光花园", "锦绣家园", "翠湖小区", "幸福里", "金色港湾", "书香苑", "滨江花园", "和谐家园", "职工宿舍"};
    private static final String[] TOWNS = {"城关镇", "新街镇", "白沙镇", "河口乡", "太平镇", "石桥镇", "龙泉镇", "民族乡"};
    private static final String[] VILLAGES = {"张家村", "杨柳村", "红旗村", "新民村", "大坪村", "石门村", "水井村", "上寨村", "团结村"};

    private Addresses() {
    }

    static String address(final SplittableRandom random, final Region region) {
        final boolean detailed = random.nextDouble() < 0.45;
        final String address = region.addressPrefix() + (region.urban() || random.nextDouble() < 0.3
                ? street(random, detailed) : village(random, detailed));
        // a long region name leaves less room: fall back to the plain form
        return address.length() <= MAX_LENGTH ? address : region.addressPrefix() + street(random, false);
    }

    private static String street(final SplittableRandom random, final boolean detailed) {
        final StringBuilder street = new StringBuilder();
        if (detailed && random.nextBoolean()) {
            street.append(pick(random, SUBDISTRICTS));
        }
        street.append(pick(random, STREETS)).append(1 + random.nextInt(399)).append('号');
        if (detailed) {
            street.append(pick(random, ESTATES)).append(1 + random.nextInt(30)).append('栋')
                    .append(1 + random.nextInt(6)).append("单元").append((1 + random.nextInt(28)) * 100 + 1 + random.nextInt(4)).append('室');
        }
        return street.toString();
    }

    private static String village(final SplittableRandom random, final boolean detailed) {
        return pick(random, TOWNS) + pick(random, VILLAGES) + (detailed ? (1 + random.nextInt(12)) + "组" : "")
                + (1 + random.nextInt(120)) + "号";
    }

    private static String pick(final SplittableRandom random, final String[] choices) {
        return choices[random.nextInt(choices.length)];
    }
}
