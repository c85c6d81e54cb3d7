package dev.nifiidcard.idnumber;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import org.junit.jupiter.api.Test;

class EthnicGroupsTest {

    @Test
    void fiftySixDistinctGroupsPrintedWithout族() {
        assertEquals(56, new HashSet<>(EthnicGroups.ALL).size());
        assertTrue(EthnicGroups.ALL.stream().noneMatch(group -> group.endsWith("族")));
        assertTrue(EthnicGroups.isKnown("仫佬"));
        assertFalse(EthnicGroups.isKnown("汊"));
        assertFalse(EthnicGroups.isKnown(null));
    }
}
