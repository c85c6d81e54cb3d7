package dev.nifiidcard.bench.offline;

import dev.nifiidcard.cardgen.SyntheticCard;
import dev.nifiidcard.ocr.CardSide;
import dev.nifiidcard.ocr.IdCardFields;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;

/** A set of card photos kept outside the repository: the JPEGs and the truth.tsv that WriteSyntheticCards writes. */
final class CardSet {

    private CardSet() {
    }

    static List<SyntheticCard> read(final Path directory) throws IOException {
        final List<String> rows = Files.readAllLines(directory.resolve("truth.tsv"), StandardCharsets.UTF_8);
        final List<SyntheticCard> cards = new ArrayList<>();
        for (int i = 1; i < rows.size(); i++) {
            final String[] cells = rows.get(i).split("\t", -1);
            final String[] f = Arrays.copyOfRange(cells, 2, 11);
            final IdCardFields truth = new IdCardFields(blank(f[0]), blank(f[1]), blank(f[2]), blank(f[3]), blank(f[4]), blank(f[5]),
                    blank(f[6]), blank(f[7]), blank(f[8]));
            cards.add(new SyntheticCard(i, Files.readAllBytes(directory.resolve(cells[0])), CardSide.valueOf(cells[1].toUpperCase(Locale.ROOT)),
                    truth, new LinkedHashSet<>(cells[11].isEmpty() ? List.of() : List.of(cells[11].split(",")))));
        }
        return cards;
    }

    private static String blank(final String cell) {
        return cell.isEmpty() ? null : cell;
    }
}
