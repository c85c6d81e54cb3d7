package dev.nifiidcard.camera.specimen;

import java.time.LocalDate;
import java.util.List;

/**
 * An obviously fake person printed on specimen cards. Every ID number passes the GB 11643 check, so downstream
 * validation behaves as with a real card.
 *
 * @param name            name in Chinese
 * @param namePinyin      the name in pinyin (cards are drawn in Chinese, from committed glyph artwork)
 * @param sex             男 or 女
 * @param nation          ethnicity in Chinese, for example 汉
 * @param birth           date of birth
 * @param number          the 18-character resident ID number
 * @param address         address in Chinese
 * @param addressPinyin   the address in pinyin
 * @param authority       issuing authority (back side)
 * @param authorityPinyin the authority in pinyin
 * @param validFrom       first day of validity (back side)
 * @param validUntil      last day of validity, or {@code null} for 长期 (long-term)
 */
public record SpecimenPerson(String name, String namePinyin, String sex, String nation, LocalDate birth, String number,
                             String address, String addressPinyin, String authority, String authorityPinyin,
                             LocalDate validFrom, LocalDate validUntil) {

    /** Tencent Cloud's documentation sample person. */
    public static final SpecimenPerson LI_MING = new SpecimenPerson("李明", "LI MING", "男", "汉", LocalDate.of(1987, 1, 1),
            "440524198701010014", "北京市石景山区高新技术园腾讯大楼", "Beijing Shijingshan Gaoxin Jishu Yuan Tengxun Dalou",
            "深圳市公安局南山分局", "Shenzhen Gong'anju Nanshan Fenju", LocalDate.of(2017, 8, 12), LocalDate.of(2037, 8, 12));
    public static final SpecimenPerson LIU_YANG = new SpecimenPerson("刘洋", "LIU YANG", "女", "汉", LocalDate.of(1995, 5, 13),
            "440305199505132561", "广东省深圳市南山区科技园样本路1号", "Guangdong Shenzhen Nanshan Kejiyuan Yangben Lu 1 Hao",
            "深圳市公安局南山分局", "Shenzhen Gong'anju Nanshan Fenju", LocalDate.of(2016, 3, 20), LocalDate.of(2026, 3, 20));
    /** Old enough for a long-term (长期) card. */
    public static final SpecimenPerson ZHANG_WEI = new SpecimenPerson("张伟", "ZHANG WEI", "男", "汉", LocalDate.of(1960, 3, 15),
            "110107196003151238", "北京市石景山区样本街道示例胡同8号", "Beijing Shijingshan Yangben Jiedao Shili Hutong 8 Hao",
            "北京市公安局石景山分局", "Beijing Gong'anju Shijingshan Fenju", LocalDate.of(2010, 4, 20), null);

    public static final List<SpecimenPerson> ALL = List.of(LI_MING, LIU_YANG, ZHANG_WEI);

    /** The person as a card draws them, each specimen person with a portrait of their own. */
    public CardHolder holder() {
        return new CardHolder(name, sex, nation, birth, number, address, authority, validFrom, validUntil, ALL.indexOf(this));
    }
}
