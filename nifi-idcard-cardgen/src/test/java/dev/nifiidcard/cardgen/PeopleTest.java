package dev.nifiidcard.cardgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nifiidcard.camera.specimen.CardFace;
import dev.nifiidcard.camera.specimen.CardHolder;
import dev.nifiidcard.idnumber.EthnicGroups;
import dev.nifiidcard.idnumber.ResidentIdNumber;

import java.time.LocalDate;
import java.time.Period;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;

class PeopleTest {

    private static final List<CardHolder> PEOPLE = LongStream.range(0, 2_000).mapToObj(SyntheticCards::holder).toList();

    @Test
    void everyNumberAgreesWithBirthSexAndRegion() {
        final Set<String> regionCodes = new HashSet<>();
        Regions.ALL.forEach(region -> regionCodes.add(region.code()));
        for (final CardHolder person : PEOPLE) {
            assertNull(ResidentIdNumber.check(person.number(), person.birth().toString(), person.sex()), person.number());
            final Region region = Regions.ALL.stream().filter(r -> r.code().equals(person.number().substring(0, 6))).findFirst().orElseThrow();
            assertTrue(person.address().startsWith(region.addressPrefix()), person.address());
            assertEquals(region.authority(), person.authority());
        }
    }

    @Test
    void birthsAndValidityTermsAreAsIssued() {
        for (final CardHolder person : PEOPLE) {
            assertTrue(!person.birth().isBefore(LocalDate.of(1930, 1, 1)) && !person.birth().isAfter(LocalDate.of(2008, 12, 31)), person.birth().toString());
            assertTrue(person.validFrom().isAfter(person.birth()));
            final int age = Period.between(person.birth(), person.validFrom()).getYears();
            final Integer years = person.validUntil() == null ? null : Period.between(person.validFrom(), person.validUntil()).getYears();
            assertEquals(age < 16 ? Integer.valueOf(5) : age <= 25 ? Integer.valueOf(10) : age <= 45 ? Integer.valueOf(20) : null, years, "issued at " + age);
        }
        assertTrue(PEOPLE.stream().anyMatch(person -> person.validUntil() == null));
    }

    @Test
    void allFiftySixGroupsAppearAndNoOther() {
        final Set<String> nations = new HashSet<>();
        for (final CardHolder person : PEOPLE) {
            assertTrue(EthnicGroups.isKnown(person.nation()), person.nation());
            nations.add(person.nation());
        }
        assertEquals(Set.copyOf(EthnicGroups.ALL), nations);
    }

    @Test
    void namesAndAddressesFitTheCard() {
        int rare = 0;
        int threeOrFourLines = 0;
        for (final CardHolder person : PEOPLE) {
            assertTrue(person.name().length() >= 2 && person.name().length() <= 4, person.name());
            assertTrue(person.sex().equals("男") || person.sex().equals("女"), person.sex());
            final int lines = CardFace.addressLines(person.address()).size();
            assertTrue(lines <= 4, person.address());
            threeOrFourLines += lines >= 3 ? 1 : 0;
            rare += Names.isRare(person.name()) ? 1 : 0;
        }
        assertTrue(rare > PEOPLE.size() / 10, rare + " rare names");
        assertTrue(threeOrFourLines > PEOPLE.size() / 5, threeOrFourLines + " long addresses");
        assertTrue(PEOPLE.stream().anyMatch(person -> person.name().startsWith("欧阳") || person.name().startsWith("司马")));
    }

    @Test
    void bureausAreNamedAsOnRealCards() {
        assertEquals("上海市公安局浦东分局", Regions.ALL.stream().filter(r -> r.code().equals("310115")).findFirst().orElseThrow().authority());
        assertEquals("北京市公安局海淀分局", Regions.ALL.stream().filter(r -> r.code().equals("110108")).findFirst().orElseThrow().authority());
        assertEquals("汶川县公安局", Regions.ALL.stream().filter(r -> r.code().equals("513221")).findFirst().orElseThrow().authority());
    }
}
