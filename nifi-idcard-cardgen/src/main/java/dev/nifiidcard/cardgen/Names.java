package dev.nifiidcard.cardgen;

import java.util.SplittableRandom;

/** Chinese names of 2 to 4 characters: common surnames, compound ones, and a share of characters rare in names. */
final class Names {

    /** Characters a recognizer's dictionary lacks or confuses; a name with one has the trait {@code rare-name}. */
    static final String RARE_CHARACTERS = "冼佘亓禤邝覃缪濮笪逄昝郦鞠甄彧仡畲琛璟昶喆淼犇鑫燚堃珺玥婧";
    private static final String COMMON_SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严";
    private static final String RARE_SURNAMES = "冼佘亓禤邝覃缪濮笪逄昝郦鞠甄";
    private static final String[] COMPOUND_SURNAMES = {"欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "令狐"};
    private static final String MALE_GIVEN = "伟强磊军勇杰涛斌超明刚平辉鹏华飞鑫波宇浩凯健俊帆帅旭宁龙林欢阳建国志文";
    private static final String FEMALE_GIVEN = "芳娜敏静丽艳娟霞秀玲桂英燕萍红梅琳颖倩雪慧莉晶婷蕾洁欣怡佳瑶雯璐";
    private static final String RARE_GIVEN = "彧琛璟昶喆淼犇鑫燚堃珺玥婧仡畲";

    private Names() {
    }

    static String name(final SplittableRandom random, final boolean male) {
        final double surnameKind = random.nextDouble();
        final String surname;
        if (surnameKind < 0.08) {
            surname = COMPOUND_SURNAMES[random.nextInt(COMPOUND_SURNAMES.length)];
        } else if (surnameKind < 0.18) {
            surname = pick(random, RARE_SURNAMES);
        } else {
            surname = pick(random, COMMON_SURNAMES);
        }
        final int givenLength = random.nextDouble() < 0.35 ? 1 : 2;
        final StringBuilder name = new StringBuilder(surname);
        for (int i = 0; i < givenLength; i++) {
            name.append(random.nextDouble() < 0.12 ? pick(random, RARE_GIVEN) : pick(random, male ? MALE_GIVEN : FEMALE_GIVEN));
        }
        return name.toString();
    }

    static boolean isRare(final String name) {
        return name.chars().anyMatch(c -> RARE_CHARACTERS.indexOf(c) >= 0);
    }

    static boolean hasCompoundSurname(final String name) {
        for (final String compound : COMPOUND_SURNAMES) {
            if (name.startsWith(compound)) {
                return true;
            }
        }
        return false;
    }

    private static String pick(final SplittableRandom random, final String characters) {
        final int index = random.nextInt(characters.length());
        return characters.substring(index, index + 1);
    }
}
