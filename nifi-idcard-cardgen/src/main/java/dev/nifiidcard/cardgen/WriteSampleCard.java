package dev.nifiidcard.cardgen;

import dev.nifiidcard.camera.specimen.SpecimenPerson;
import dev.nifiidcard.camera.specimen.SpecimenScene;
import dev.nifiidcard.ocr.CardSide;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the offline recognizer's built-in sample for Verify: the front of the specimen person 李明 (Tencent's
 * documentation sample), photographed plainly: upright, sharp, no glare, no SPECIMEN mark. Run from the repository
 * root after building this module, and commit the image:
 * {@code java -cp nifi-idcard-cardgen/target/classes:<its dependencies> dev.nifiidcard.cardgen.WriteSampleCard
 * nifi-idcard-offline/src/main/resources/dev/nifiidcard/offline/sample-card.jpg}.
 */
public final class WriteSampleCard {

    static final PhotoPlan PLAIN_FRONT = new PhotoPlan(CardSide.FRONT, CjkFonts.NOTO_SANS_SC, false, 0.6, 2, 0.5, 0.5,
            SpecimenScene.Desk.values()[0], 0, null, 1, 85, 14);

    private WriteSampleCard() {
    }

    /** The sample's JPEG bytes. */
    public static byte[] sample() {
        return CardPhotographer.photograph(SpecimenPerson.LI_MING.holder(), PLAIN_FRONT);
    }

    public static void main(final String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("Usage: WriteSampleCard <file.jpg>");
            System.exit(2);
        }
        Files.write(Path.of(args[0]), sample());
    }
}
