package dev.nifiidcard.camera.specimen;

import org.junit.jupiter.api.Test;

import java.time.format.DateTimeFormatter;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SpecimenPersonTest {

    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};

    @Test
    void everyNumberPassesGb11643AndMatchesTheCard() {
        for (final SpecimenPerson person : SpecimenPerson.ALL) {
            final String number = person.number();
            assertEquals(18, number.length(), number);
            int sum = 0;
            for (int i = 0; i < 17; i++) {
                sum += (number.charAt(i) - '0') * WEIGHTS[i];
            }
            assertEquals("10X98765432".charAt(sum % 11), number.charAt(17), number + " check character");
            assertEquals(person.birth().format(DateTimeFormatter.BASIC_ISO_DATE), number.substring(6, 14), number + " birth date");
            assertEquals((number.charAt(16) - '0') % 2 == 1 ? "男" : "女", person.sex(), number + " sex digit");
        }
    }

    @Test
    void theCycleShowsBothSidesOfEveryone() {
        assertEquals(2 * SpecimenPerson.ALL.size(), SpecimenCard.CYCLE.size());
        for (int i = 0; i < SpecimenCard.CYCLE.size(); i++) {
            assertEquals(i % 2 == 0 ? SpecimenCard.Side.FRONT : SpecimenCard.Side.BACK, SpecimenCard.CYCLE.get(i).side());
            assertEquals(SpecimenPerson.ALL.get(i / 2), SpecimenCard.CYCLE.get(i).person());
        }
    }
}
