package dev.nifiidcard.cardgen;

import dev.nifiidcard.camera.specimen.CardFace;
import dev.nifiidcard.camera.specimen.CardHolder;
import dev.nifiidcard.camera.specimen.SpecimenScene;
import dev.nifiidcard.ocr.CardSide;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The names of what was applied to a synthetic card. Person traits count only on the side that prints them:
 * {@code rare-name}, {@code compound-surname}, {@code minority} (not 汉) and {@code long-address} (three or four lines)
 * on the front, {@code long-term} on the back. Photo traits are described by {@link PhotoPlans}: {@code serif},
 * {@code specimen-mark}, {@code rot90}, {@code rot180}, {@code rot270}, {@code tilt}, {@code small}, {@code blur},
 * {@code glare}, {@code glare-on-text}, {@code jpeg-q60}, {@code light-desk}.
 */
public final class CardTraits {

    /** Every trait a card can have. */
    public static final List<String> ALL = List.of("rare-name", "compound-surname", "minority", "long-address", "long-term",
            "serif", "specimen-mark", "rot90", "rot180", "rot270", "tilt", "small", "blur", "glare", "glare-on-text",
            "jpeg-q60", "light-desk");
    /** A card narrower than this fraction of the frame is {@code small}; the others are shrunk to no less than 0.5. */
    private static final double SMALL_BELOW = 0.41;

    private CardTraits() {
    }

    static Set<String> of(final CardHolder holder, final PhotoPlan plan) {
        final Set<String> traits = new TreeSet<>();
        if (plan.side() == CardSide.FRONT) {
            add(traits, "rare-name", Names.isRare(holder.name()));
            add(traits, "compound-surname", Names.hasCompoundSurname(holder.name()));
            add(traits, "minority", !"汉".equals(holder.nation()));
            add(traits, "long-address", CardFace.addressLines(holder.address()).size() >= 3);
        } else {
            add(traits, "long-term", holder.validUntil() == null);
        }
        add(traits, "serif", plan.family() == CjkFonts.NOTO_SERIF_SC);
        add(traits, "specimen-mark", plan.specimenMark());
        final int quarterTurns = (int) Math.round(plan.angle() / 90);
        add(traits, "rot" + 90 * quarterTurns, quarterTurns > 0);
        add(traits, "tilt", Math.abs(plan.angle() - 90 * quarterTurns) >= 4);
        add(traits, "small", plan.cardWidth() < SMALL_BELOW);
        add(traits, "blur", plan.blurRadius() > 0);
        add(traits, "glare", plan.glare() != null);
        add(traits, "glare-on-text", plan.glare() != null && plan.glare().overField());
        add(traits, "jpeg-q60", plan.jpegQuality() < 70);
        add(traits, "light-desk", plan.desk() == SpecimenScene.Desk.LIGHT);
        return traits;
    }

    private static void add(final Set<String> traits, final String trait, final boolean applies) {
        if (applies) {
            traits.add(trait);
        }
    }
}
