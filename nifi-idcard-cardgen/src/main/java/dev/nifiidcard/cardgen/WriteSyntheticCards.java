package dev.nifiidcard.cardgen;

import dev.nifiidcard.ocr.IdCardFields;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Writes synthetic cards to a directory, to look at or to keep a set outside the repository: {@code card-<seed>.jpg}
 * each and a {@code truth.tsv} (file, side, the nine fields in {@link IdCardFields} order with empty for none,
 * traits comma-separated).
 * <p>
 * Usage: {@code WriteSyntheticCards <directory> [count=20] [firstSeed=1]}
 */
public final class WriteSyntheticCards {

    static final String HEADER = "file\tside\tname\tsex\tnation\tbirth\tnumber\taddress\tauthority\tvalidFrom\tvalidUntil\ttraits";

    private WriteSyntheticCards() {
    }

    public static void main(final String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("Usage: WriteSyntheticCards <directory> [count=20] [firstSeed=1]");
            System.exit(2);
        }
        final Path directory = Files.createDirectories(Path.of(args[0]));
        final int count = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        final long firstSeed = args.length > 2 ? Long.parseLong(args[2]) : 1;
        try (Writer truth = Files.newBufferedWriter(directory.resolve("truth.tsv"), StandardCharsets.UTF_8)) {
            truth.write(HEADER + "\n");
            final Iterable<SyntheticCard> cards = SyntheticCards.stream(firstSeed, count)::iterator;
            for (final SyntheticCard card : cards) {
                final String file = "card-" + card.seed() + ".jpg";
                Files.write(directory.resolve(file), card.jpeg());
                truth.write(row(file, card) + "\n");
            }
        }
    }

    static String row(final String file, final SyntheticCard card) {
        final IdCardFields f = card.truth();
        final StringBuilder row = new StringBuilder(file).append('\t').append(card.side().attributeValue());
        Stream.of(f.name(), f.sex(), f.nation(), f.birth(), f.number(), f.address(), f.authority(), f.validFrom(), f.validUntil())
                .forEach(field -> row.append('\t').append(field == null ? "" : field));
        return row.append('\t').append(String.join(",", card.traits())).toString();
    }
}
