package dev.nifiidcard.cardgen;

import dev.nifiidcard.camera.specimen.CardHolder;
import dev.nifiidcard.ocr.CardSide;
import dev.nifiidcard.ocr.IdCardFields;

import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import java.util.stream.Stream;

/**
 * Deterministic synthetic photos of second-generation resident ID cards: the same seed gives the same bytes on every
 * machine, since the fonts come from this jar. Thread-safe; cards of different seeds can be generated in parallel.
 */
public final class SyntheticCards {

    private SyntheticCards() {
    }

    /** The card of one seed. */
    public static SyntheticCard generate(final long seed) {
        final SplittableRandom random = new SplittableRandom(seed);
        final CardHolder holder = People.person(random.split());
        final PhotoPlan plan = PhotoPlans.plan(random.split());
        return new SyntheticCard(seed, CardPhotographer.photograph(holder, plan), plan.side(), truth(holder, plan.side()),
                CardTraits.of(holder, plan));
    }

    /** The traits of the card of a seed, without drawing it. */
    public static Set<String> traits(final long seed) {
        final SplittableRandom random = new SplittableRandom(seed);
        final CardHolder holder = People.person(random.split());
        return CardTraits.of(holder, PhotoPlans.plan(random.split()));
    }

    /** The cards of {@code count} consecutive seeds from {@code firstSeed}, generated lazily in order. */
    public static Stream<SyntheticCard> stream(final long firstSeed, final int count) {
        return LongStream.range(firstSeed, firstSeed + count).mapToObj(SyntheticCards::generate);
    }

    /** The person on the card of a seed, without drawing it: fast, for tests of the people themselves. */
    public static CardHolder holder(final long seed) {
        return People.person(new SplittableRandom(seed).split());
    }

    /** What a recognizer reports for the {@code side} of the holder's card: the other side's fields are {@code null}. */
    public static IdCardFields truth(final CardHolder holder, final CardSide side) {
        if (side == CardSide.FRONT) {
            return new IdCardFields(holder.name(), holder.sex(), holder.nation(), holder.birth().toString(), holder.number(),
                    holder.address(), null, null, null);
        }
        return new IdCardFields(null, null, null, null, null, null, holder.authority(), holder.validFrom().toString(),
                holder.validUntil() == null ? IdCardFields.LONG_TERM : holder.validUntil().toString());
    }
}
