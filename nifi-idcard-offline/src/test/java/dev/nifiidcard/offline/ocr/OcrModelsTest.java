package dev.nifiidcard.offline.ocr;

import dev.nifiidcard.offline.OfflineModels;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OcrModelsTest {

    @Test
    void refusesAModelWhoseHashDiffers() {
        final Map<String, String> pinned = new HashMap<>(OfflineModels.SHA_256);
        pinned.put(OfflineModels.RECOGNITION, "00".repeat(32));
        final IOException refused = assertThrows(IOException.class, () -> OcrModels.load(1, pinned));
        assertTrue(refused.getMessage().contains(OfflineModels.RECOGNITION), refused.getMessage());
    }

    @Test
    void refusesAModelWithoutAPinnedHash() {
        final Map<String, String> pinned = new HashMap<>(OfflineModels.SHA_256);
        pinned.remove(OfflineModels.DICTIONARY);
        final IOException refused = assertThrows(IOException.class, () -> OcrModels.load(1, pinned));
        assertTrue(refused.getMessage().contains(OfflineModels.DICTIONARY), refused.getMessage());
    }

    @Test
    void refusesNoThreads() {
        assertThrows(IllegalArgumentException.class, () -> OcrModels.load(0));
    }

    @Test
    void loadsThePinnedModelsWithTheBlankFirstAndTheSpaceLast() throws Exception {
        try (OcrModels models = OcrModels.load(1)) {
            System.out.println("OcrModels loaded in " + models.loadMillis() + " ms");
            final String[] characters = models.characters();
            // blank, the 6,623 lines of ppocr_keys_v1.txt, space: the recognition model's 6,625 classes
            assertEquals(6625, characters.length);
            assertEquals("", characters[0]);
            assertEquals(" ", characters[6624]);
            for (int i = 1; i < characters.length; i++) {
                assertEquals(1, characters[i].codePointCount(0, characters[i].length()), "class " + i);
            }
        }
    }
}
