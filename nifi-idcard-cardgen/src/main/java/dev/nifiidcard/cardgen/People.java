package dev.nifiidcard.cardgen;

import dev.nifiidcard.camera.specimen.CardHolder;
import dev.nifiidcard.idnumber.EthnicGroups;
import dev.nifiidcard.idnumber.ResidentIdNumber;

import java.time.LocalDate;
import java.time.Period;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;

/** Synthetic card holders whose ID numbers, regions, authorities and validity terms agree as on real cards. */
public final class People {

    private static final LocalDate FIRST_BIRTH = LocalDate.of(1930, 1, 1);
    private static final LocalDate LAST_BIRTH = LocalDate.of(2008, 12, 31);
    /** Second-generation cards were issued from 2004 on. */
    private static final LocalDate FIRST_ISSUE = LocalDate.of(2004, 1, 1);
    private static final LocalDate LAST_ISSUE = LocalDate.of(2025, 12, 31);
    /** 汉 is most people; the other 55 groups share the rest evenly, so each appears regularly. */
    private static final double HAN_SHARE = 0.6;

    private People() {
    }

    /** The person of a seed; the same seed gives the same person. */
    public static CardHolder person(final long seed) {
        return person(new SplittableRandom(seed));
    }

    static CardHolder person(final SplittableRandom random) {
        final boolean male = random.nextBoolean();
        final String name = Names.name(random, male);
        final String nation = random.nextDouble() < HAN_SHARE ? EthnicGroups.ALL.getFirst()
                : EthnicGroups.ALL.get(1 + random.nextInt(EthnicGroups.ALL.size() - 1));
        final LocalDate birth = between(random, FIRST_BIRTH, LAST_BIRTH);
        final Region region = Regions.ALL.get(random.nextInt(Regions.ALL.size()));
        final String number = number(random, region, birth, male);
        final String address = Addresses.address(random, region);
        final LocalDate validFrom = between(random, birth.isAfter(FIRST_ISSUE) ? birth.plusDays(30) : FIRST_ISSUE, LAST_ISSUE);
        return new CardHolder(name, male ? "男" : "女", nation, birth, number, address, region.authority(), validFrom,
                validUntil(birth, validFrom), random.nextInt(3));
    }

    /** The term depends on the age at issue: 5 years under 16, 10 to 25, 20 to 45, then long-term ({@code null}). */
    static LocalDate validUntil(final LocalDate birth, final LocalDate validFrom) {
        final int age = Period.between(birth, validFrom).getYears();
        if (age < 16) {
            return validFrom.plusYears(5);
        } else if (age <= 25) {
            return validFrom.plusYears(10);
        } else if (age <= 45) {
            return validFrom.plusYears(20);
        }
        return null;
    }

    private static String number(final SplittableRandom random, final Region region, final LocalDate birth, final boolean male) {
        // the sequence's last digit is odd for men, even for women
        final int sequence = random.nextInt(100) * 10 + 2 * random.nextInt(5) + (male ? 1 : 0);
        final String first17 = region.code() + birth.format(DateTimeFormatter.BASIC_ISO_DATE) + String.format("%03d", sequence);
        return first17 + ResidentIdNumber.checkCharacter(first17);
    }

    private static LocalDate between(final SplittableRandom random, final LocalDate first, final LocalDate last) {
        return first.plusDays(random.nextLong(last.toEpochDay() - first.toEpochDay() + 1));
    }
}
