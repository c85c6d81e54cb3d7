package dev.nifiidcard.camera.specimen;

import java.awt.AlphaComposite;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Polygon;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Draws one side of a specimen card as an ID-1 card (85.6 × 53.98 mm) with a big "样本 SPECIMEN" mark across it,
 * in the layout of a second-generation resident ID card. The fields are drawn in Chinese when a CJK font is installed,
 * otherwise in pinyin and English.
 */
final class CardFace {

    static final double WIDTH_MM = 85.6;
    static final double HEIGHT_MM = 53.98;
    /** Drawn at 20 pixels per millimetre, then scaled down to the size it has in a frame. */
    private static final double PIXELS_PER_MM = 20;
    private static final Color LABEL = new Color(40, 95, 150);
    private static final Color TEXT = new Color(20, 20, 25);
    private static final Color MARK = new Color(205, 30, 35);
    /** Where the values start, in millimetres from the left edge. */
    private static final double VALUE_X = 19;
    private static final DateTimeFormatter DOTTED = DateTimeFormatter.ofPattern("yyyy.MM.dd");

    private final Optional<String> cjkFamily;

    CardFace(final Optional<String> cjkFamily) {
        this.cjkFamily = cjkFamily;
    }

    /** The card at full drawing resolution, transparent outside its rounded corners. */
    BufferedImage draw(final SpecimenCard card) {
        final BufferedImage image = new BufferedImage(px(WIDTH_MM), px(HEIGHT_MM), BufferedImage.TYPE_INT_ARGB);
        final Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
        g.setClip(new RoundRectangle2D.Double(0, 0, image.getWidth(), image.getHeight(), px(6.4), px(6.4)));
        background(g, image.getWidth(), image.getHeight(), card.side());
        if (card.side() == SpecimenCard.Side.FRONT) {
            front(g, card.person());
        } else {
            back(g, card.person());
        }
        specimenMark(g, image.getWidth(), image.getHeight());
        g.dispose();
        return image;
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

    private void front(final Graphics2D g, final SpecimenPerson person) {
        final boolean cjk = cjkFamily.isPresent();
        label(g, cjk ? "姓  名" : "Name", 6, 10);
        value(g, cjk ? person.name() : person.namePinyin(), VALUE_X, 10, 3.6, true);
        label(g, cjk ? "性  别" : "Sex", 6, 17);
        value(g, cjk ? person.sex() : ("男".equals(person.sex()) ? "M" : "F"), VALUE_X, 17, 3.2, false);
        label(g, cjk ? "民  族" : "Ethnic", 29, 17);
        value(g, cjk ? person.nation() : "Han", 41, 17, 3.2, false);
        label(g, cjk ? "出  生" : "Born", 6, 24);
        final String birth = cjk
                ? person.birth().getYear() + "  年  " + person.birth().getMonthValue() + "  月  " + person.birth().getDayOfMonth() + "  日"
                : person.birth().toString();
        value(g, birth, VALUE_X, 24, 3.2, false);
        label(g, cjk ? "住  址" : "Address", 6, 31);
        double y = 31;
        for (final String line : wrap(cjk ? person.address() : person.addressPinyin(), cjk ? 11 : 22)) {
            value(g, line, VALUE_X, y, 3.2, false);
            y += 5.2;
        }
        label(g, cjk ? "公民身份号码" : "Citizen ID No.", 6, 48.5);
        g.setColor(TEXT);
        g.setFont(new Font(Font.MONOSPACED, Font.BOLD, px(4.4)));
        g.drawString(person.number(), px(29), px(48.5));
        portrait(g, person);
    }

    private void back(final Graphics2D g, final SpecimenPerson person) {
        final boolean cjk = cjkFamily.isPresent();
        emblemPlaceholder(g);
        g.setColor(TEXT);
        g.setFont(font(Font.BOLD, cjk ? 5.2 : 3.0));
        g.drawString(cjk ? "中华人民共和国" : "PEOPLE'S REPUBLIC OF CHINA", px(31), px(14));
        g.setFont(font(Font.BOLD, cjk ? 7.2 : 3.6));
        g.drawString(cjk ? "居民身份证" : "RESIDENT IDENTITY CARD", px(31), px(25));
        label(g, cjk ? "签发机关" : "Authority", 12, 41);
        value(g, cjk ? person.authority() : person.authorityPinyin(), 28, 41, cjk ? 3.2 : 2.9, false);
        label(g, cjk ? "有效期限" : "Valid", 12, 48);
        final String until = person.validUntil() == null ? (cjk ? "长期" : "LONG-TERM") : person.validUntil().format(DOTTED);
        value(g, person.validFrom().format(DOTTED) + "-" + until, 28, 48, 3.2, false);
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
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, px(2.2)));
        g.drawString("EMBLEM", px(10.5), px(27.5));
    }

    /** A simple head-and-shoulders silhouette whose tones differ per person, as real portraits do. */
    private static void portrait(final Graphics2D g, final SpecimenPerson person) {
        final int variant = SpecimenPerson.ALL.indexOf(person) % 3;
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
        photo.setColor(new Color(222, 190, 160));
        photo.fill(new Ellipse2D.Double(left + px(6.5), top + px(5), px(10), px(13.5)));
        photo.setColor(hair[variant]);
        photo.fill(new Ellipse2D.Double(left + px(6), top + px(3.5), px(11), variant == 1 ? px(13) : px(6)));
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
        final String text = cjkFamily.isPresent() ? "样本 SPECIMEN" : "SPECIMEN";
        mark.setFont(font(Font.BOLD, 11));
        final int textWidth = mark.getFontMetrics().stringWidth(text);
        mark.drawString(text, (width - textWidth) / 2, height / 2 + px(4));
        mark.dispose();
    }

    private void label(final Graphics2D g, final String text, final double xMm, final double yMm) {
        g.setColor(LABEL);
        g.setFont(font(Font.PLAIN, 2.8));
        g.drawString(text, px(xMm), px(yMm));
    }

    private void value(final Graphics2D g, final String text, final double xMm, final double yMm, final double sizeMm, final boolean bold) {
        g.setColor(TEXT);
        g.setFont(font(bold ? Font.BOLD : Font.PLAIN, sizeMm));
        g.drawString(text, px(xMm), px(yMm));
    }

    private Font font(final int style, final double sizeMm) {
        return new Font(cjkFamily.orElse(Font.SANS_SERIF), style, px(sizeMm));
    }

    /** Lines of at most {@code perLine} characters, broken at spaces where there are any. */
    private static List<String> wrap(final String text, final int perLine) {
        final List<String> lines = new ArrayList<>();
        String rest = text;
        while (rest.length() > perLine) {
            final int space = rest.lastIndexOf(' ', perLine);
            final int cut = space > 0 ? space : perLine;
            lines.add(rest.substring(0, cut));
            rest = rest.substring(cut).trim();
        }
        lines.add(rest);
        return lines;
    }

    private static int px(final double mm) {
        return (int) Math.round(mm * PIXELS_PER_MM);
    }
}
