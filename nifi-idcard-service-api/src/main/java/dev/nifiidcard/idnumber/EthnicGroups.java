package dev.nifiidcard.idnumber;

import java.util.List;

/**
 * The 56 ethnic groups officially recognized in China, as the 民族 field of a resident ID card prints them (without
 * the trailing 族), in the order of GB/T 3304. A recognized 民族 outside this list was misread.
 */
public final class EthnicGroups {

    public static final List<String> ALL = List.of(
            "汉", "蒙古", "回", "藏", "维吾尔", "苗", "彝", "壮", "布依", "朝鲜", "满", "侗", "瑶", "白", "土家", "哈尼",
            "哈萨克", "傣", "黎", "傈僳", "佤", "畲", "高山", "拉祜", "水", "东乡", "纳西", "景颇", "柯尔克孜", "土", "达斡尔",
            "仫佬", "羌", "布朗", "撒拉", "毛南", "仡佬", "锡伯", "阿昌", "普米", "塔吉克", "怒", "乌孜别克", "俄罗斯", "鄂温克",
            "德昂", "保安", "裕固", "京", "塔塔尔", "独龙", "鄂伦春", "赫哲", "门巴", "珞巴", "基诺");

    private EthnicGroups() {
    }

    /** Whether {@code printed} is one of the 56, as a card prints it. */
    public static boolean isKnown(final String printed) {
        return printed != null && ALL.contains(printed);
    }
}
