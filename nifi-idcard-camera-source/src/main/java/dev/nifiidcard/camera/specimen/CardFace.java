package dev.nifiidcard.camera.specimen;

import java.awt.AlphaComposite;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Polygon;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * Draws one side of a second-generation resident ID card as an ID-1 card (85.6 × 53.98 mm) in the card's fixed
 * layout, optionally with a big "样本 SPECIMEN" mark across it. The text goes through a {@link CardLettering}, so the
 * same layout serves the specimen camera (committed glyph artwork) and synthetic cards (font families).
 */
public final class CardFace {

    public static final double WIDTH_MM = 85.6;
    public static final double HEIGHT_MM = 53.98;
    /** Drawn at 20 pixels per millimetre, then scaled down to the size it has in a frame. */
    public static final double PIXELS_PER_MM = 20;
    /** The address wraps after this many characters, as the card prints it. */
    public static final int ADDRESS_LINE_CHARACTERS = 11;
    /** Labels of the front, as printed (the two-character ones spaced out). */
    public static final List<String> FRONT_LABELS = List.of("姓  名", "性  别", "民  族", "出  生", "住  址", "公民身份号码");
    /** Labels and titles of the back. */
    public static final List<String> BACK_LABELS = List.of("中华人民共和国", "居民身份证", "签发机关", "有效期限");
    /** Text of the specimen mark. */
    public static final String SPECIMEN_MARK = "样本 SPECIMEN";
    private static final Color LABEL = new Color(40, 95, 150);
    private static final Color TEXT = new Color(20, 20, 25);
    private static final Color MARK = new Color(205, 30, 35);
    /** Where the values start, in millimetres from the left edge. */
    private static final double VALUE_X = 19;
    /** Each character of the ID number has a cell of its own, as on the card. */
    private static final double NUMBER_PITCH_MM = 2.65;
    private static final DateTimeFormatter DOTTED = DateTimeFormatter.ofPattern("yyyy.MM.dd");

    private final CardLettering lettering;
    private final CardLettering numberLettering;
    private final boolean specimenMark;

    /** A face lettered throughout with {@code lettering}. */
    public CardFace(final CardLettering lettering, final boolean specimenMark) {
        this(lettering, lettering, specimenMark);
    }

    /** A face whose ID number is set in {@code numberLettering} (bold), as the card prints it in a sans digit face whatever the rest. */
    public CardFace(final CardLettering lettering, final CardLettering numberLettering, final boolean specimenMark) {
        this.lettering = lettering;
        this.numberLettering = numberLettering;
        this.specimenMark = specimenMark;
    }

    /** The card at full drawing resolution ({@link #PIXELS_PER_MM}), transparent outside its rounded corners. */
    public BufferedImage draw(final CardHolder holder, final SpecimenCard.Side side) {
        final BufferedImage image = new BufferedImage(px(WIDTH_MM), px(HEIGHT_MM), BufferedImage.TYPE_INT_ARGB);
        final Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
        g.setClip(new RoundRectangle2D.Double(0, 0, image.getWidth(), image.getHeight(), px(6.4), px(6.4)));
        background(g, image.getWidth(), image.getHeight(), side);
        if (side == SpecimenCard.Side.FRONT) {
            front(g, holder);
        } else {
            back(g, holder);
        }
        if (specimenMark) {
            specimenMark(g, image.getWidth(), image.getHeight());
        }
        g.dispose();
        return image;
    }

    /** The printed text of a date of birth, for example {@code 1987  年  1  月  1  日}. */
    public static String printedBirth(final LocalDate birth) {
        return birth.getYear() + "  年  " + birth.getMonthValue() + "  月  " + birth.getDayOfMonth() + "  日";
    }

    /** The printed validity, for example {@code 2017.08.12-2037.08.12} or {@code 2010.04.20-长期}. */
    public static String printedValidity(final LocalDate validFrom, final LocalDate validUntil) {
        return validFrom.format(DOTTED) + "-" + (validUntil == null ? "长期" : validUntil.format(DOTTED));
    }

    /** The address as the card prints it: lines of at most {@link #ADDRESS_LINE_CHARACTERS} characters. */
    public static List<String> addressLines(final String address) {
        final List<String> lines = new ArrayList<>();
        for (int start = 0; start < address.length(); start += ADDRESS_LINE_CHARACTERS) {
            lines.add(address.substring(start, Math.min(address.length(), start + ADDRESS_LINE_CHARACTERS)));
        }
        return lines;
    }

    private void background(final Graphics2D g, final int width, final int height, final SpecimenCard.Side side) {
        g.setColor(side == SpecimenCard.Side.FRONT ? new Color(244, 245, 240) : new Color(238, 244, 244));
        g.fillRect(0, 0, width, height);
        // fine guilloche-like waves, as security printing has
        g.setStroke(new BasicStroke(2f));
        g.setColor(side == SpecimenCard.Side.FRONT ? new Color(212, 226, 238) : new Color(206, 232, 226));
        for (int row = -2; row < height / 24 + 2; row++) {
            final Polygon wave = new Polygon();
            for (int x = 0; x <= width; x += 16) {
                wave.addPoint(x, row * 24 + (int) Math.round(10 * Math.sin(x / 70.0 + row * 0.7)));
            }
            g.drawPolyline(wave.xpoints, wave.ypoints, wave.npoints);
        }
    }

    private void front(final Graphics2D g, final CardHolder holder) {
        label(g, FRONT_LABELS.get(0), 6, 10);
        value(g, holder.name(), VALUE_X, 10, 3.6, true);
        label(g, FRONT_LABELS.get(1), 6, 17);
        value(g, holder.sex(), VALUE_X, 17, 3.2, false);
        label(g, FRONT_LABELS.get(2), 29, 17);
        value(g, holder.nation(), 41, 17, 3.2, false);
        label(g, FRONT_LABELS.get(3), 6, 24);
        value(g, printedBirth(holder.birth()), VALUE_X, 24, 3.2, false);
        label(g, FRONT_LABELS.get(4), 6, 31);
        final List<String> lines = addressLines(holder.address());
        // four lines only fit closer together
        final double lineSpacing = lines.size() > 3 ? 4.4 : 5.2;
        double y = 31;
        for (final String line : lines) {
            value(g, line, VALUE_X, y, 3.2, false);
            y += lineSpacing;
        }
        label(g, FRONT_LABELS.get(5), 6, 48.5);
        g.setColor(TEXT);
        final String number = holder.number();
        for (int i = 0; i < number.length(); i++) {
            final String character = number.substring(i, i + 1);
            final double size = px(4.4);
            final double centred = px(29 + (i + 0.5) * NUMBER_PITCH_MM) - numberLettering.advance(character, true, size) / 2;
            fill(g, numberLettering.outline(character, true, size), centred, px(48.5));
        }
        portrait(g, holder);
    }

    private void back(final Graphics2D g, final CardHolder holder) {
        emblemPlaceholder(g);
        g.setColor(TEXT);
        fill(g, lettering.outline(BACK_LABELS.get(0), true, px(5.2)), px(31), px(14));
        fill(g, lettering.outline(BACK_LABELS.get(1), true, px(7.2)), px(31), px(25));
        label(g, BACK_LABELS.get(2), 12, 41);
        value(g, holder.authority(), 28, 41, 3.2, false);
        label(g, BACK_LABELS.get(3), 12, 48);
        value(g, printedValidity(holder.validFrom(), holder.validUntil()), 28, 48, 3.2, false);
    }

    /** A stand-in, clearly not the national emblem: a red disc with a star and the word EMBLEM. */
    private void emblemPlaceholder(final Graphics2D g) {
        g.setColor(new Color(200, 40, 40));
        g.fill(new Ellipse2D.Double(px(7), px(5), px(19), px(19)));
        g.setColor(new Color(250, 210, 60));
        final Polygon star = new Polygon();
        for (int i = 0; i < 10; i++) {
            final double radius = px(i % 2 == 0 ? 6.5 : 2.6);
            final double angle = -Math.PI / 2 + i * Math.PI / 5;
            star.addPoint((int) (px(16.5) + radius * Math.cos(angle)), (int) (px(14.5) + radius * Math.sin(angle)));
        }
        g.fill(star);
        g.setColor(LABEL);
        final double size = px(2.2);
        fill(g, lettering.outline("EMBLEM", true, size), px(16.5) - lettering.advance("EMBLEM", true, size) / 2, px(27.5));
    }

    /** A simple head-and-shoulders silhouette whose tones differ per person, as real portraits do. */
    private static void portrait(final Graphics2D g, final CardHolder holder) {
        final int variant = Math.floorMod(holder.portrait(), 3);
        final int left = px(57);
        final int top = px(7);
        final int width = px(23);
        final int height = px(30);
        final Graphics2D photo = (Graphics2D) g.create();
        photo.clipRect(left, top, width, height);
        photo.setColor(new Color(226, 232, 240));
        photo.fillRect(left, top, width, height);
        final Color[] hair = {new Color(30, 25, 22), new Color(70, 48, 35), new Color(165, 165, 160)};
        final Color[] clothes = {new Color(45, 60, 95), new Color(235, 235, 230), new Color(200, 205, 215)};
        photo.setColor(clothes[variant]);
        photo.fill(new Ellipse2D.Double(left + px(2), top + px(21), width - px(4), px(18)));
        if (variant == 1) {
            // long hair falls behind the face, not over it
            photo.setColor(hair[variant]);
            photo.fill(new Ellipse2D.Double(left + px(5), top + px(3.5), px(13), px(19)));
        }
        photo.setColor(new Color(222, 190, 160));
        photo.fill(new Ellipse2D.Double(left + px(6.5), top + px(5), px(10), px(13.5)));
        photo.setColor(hair[variant]);
        photo.fill(new Ellipse2D.Double(left + px(6), top + px(3.5), px(11), px(variant == 1 ? 4.5 : 6)));
        photo.dispose();
        g.setStroke(new BasicStroke((float) (0.3 * PIXELS_PER_MM)));
        g.setColor(new Color(160, 170, 185));
        g.drawRect(left, top, width, height);
    }

    private void specimenMark(final Graphics2D g, final int width, final int height) {
        final Graphics2D mark = (Graphics2D) g.create();
        mark.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER, 0.5f));
        mark.setColor(MARK);
        mark.transform(AffineTransform.getRotateInstance(Math.toRadians(-16), width / 2.0, height / 2.0));
        final double size = px(11);
        final double textWidth = lettering.advance(SPECIMEN_MARK, true, size);
        fill(mark, lettering.outline(SPECIMEN_MARK, true, size), (width - textWidth) / 2, height / 2.0 + px(4));
        mark.dispose();
    }

    private void label(final Graphics2D g, final String text, final double xMm, final double yMm) {
        g.setColor(LABEL);
        fill(g, lettering.outline(text, false, px(2.8)), px(xMm), px(yMm));
    }

    private void value(final Graphics2D g, final String text, final double xMm, final double yMm, final double sizeMm, final boolean bold) {
        g.setColor(TEXT);
        fill(g, lettering.outline(text, bold, px(sizeMm)), px(xMm), px(yMm));
    }

    private static void fill(final Graphics2D g, final Shape outline, final double x, final double baselineY) {
        g.fill(AffineTransform.getTranslateInstance(x, baselineY).createTransformedShape(outline));
    }

    private static int px(final double mm) {
        return (int) Math.round(mm * PIXELS_PER_MM);
    }
}
