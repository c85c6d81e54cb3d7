package dev.nifiidcard.camera.gate;

import dev.nifiidcard.camera.specimen.SpecimenRenderer;
import dev.nifiidcard.camera.specimen.SpecimenScene;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.Area;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.IOException;
import java.util.SplittableRandom;

/**
 * 1920×1080 camera frames of cards that brightness alone does not tell from the desk (a dark band across the top,
 * a dark holder, a dark card, a light card on a light desk) and of dark things that are not cards, as the gate sees
 * them: JPEG at quality 0.9, decoded to the 1/4-scale luma. Specimen scenes with shapes painted over them.
 */
final class OutlineScenes {

    static final int WIDTH = 1920;
    static final int HEIGHT = 1080;
    private static final double ID1_ASPECT = 85.6 / 53.98;
    /** A badge holder's dark navy plastic and a dark card's body. */
    private static final Color DARK = new Color(28, 34, 52);

    private final SpecimenRenderer renderer = new SpecimenRenderer();

    /** The card: still and sharp at 56% of the frame, the top 15% a dark band on the desk's side of the threshold. */
    ScaledLuma bandedCard() throws IOException {
        final SpecimenScene scene = card(SpecimenScene.Desk.WOOD, 0.56, 2);
        final BufferedImage frame = renderer.render(scene);
        final Graphics2D g = onCard(frame, scene);
        final double width = cardWidth(scene);
        final double height = width / ID1_ASPECT;
        final Area band = new Area(cardShape(width, height));
        band.intersect(new Area(new Rectangle2D.Double(-width / 2, -height / 2, width, height * 0.15)));
        return finish(frame, g, band);
    }

    /** A light card in a dark badge holder whose frame is 4% of the card wide and covers the card's top 18%. */
    ScaledLuma cardInHolder() throws IOException {
        final SpecimenScene scene = card(SpecimenScene.Desk.WOOD, 0.45, -4);
        final BufferedImage frame = renderer.render(scene);
        final Graphics2D g = onCard(frame, scene);
        final double width = cardWidth(scene);
        final double height = width / ID1_ASPECT;
        final double rim = width * 0.04;
        final Area holder = new Area(new RoundRectangle2D.Double(-width / 2 - rim, -height / 2 - rim, width + 2 * rim,
                height + 2 * rim, 2 * rim, 2 * rim));
        holder.subtract(new Area(new Rectangle2D.Double(-width / 2, -height / 2 + height * 0.18, width, height * 0.82)));
        return finish(frame, g, holder);
    }

    /** A dark card with light print: a name, a number, a pale photo panel. */
    ScaledLuma darkCard(final SpecimenScene.Desk desk) throws IOException {
        final BufferedImage frame = renderer.render(SpecimenScene.emptyDesk(WIDTH, HEIGHT).on(desk).withSeed(7));
        final SpecimenScene placed = card(desk, 0.4, 6);
        final Graphics2D g = onCard(frame, placed);
        final double width = cardWidth(placed);
        final double height = width / ID1_ASPECT;
        final Area card = new Area(cardShape(width, height));
        g.setColor(DARK);
        g.fill(card);
        g.setColor(new Color(200, 196, 170));
        g.fill(new Rectangle2D.Double(-width * 0.42, -height * 0.3, width * 0.25, height * 0.6));
        for (int line = 0; line < 4; line++) {
            g.fill(new Rectangle2D.Double(-width * 0.1, -height * 0.25 + line * height * 0.14, width * (0.45 - 0.06 * line), height * 0.05));
        }
        return finish(frame, g, new Area());
    }

    /** The specimen card, light, on a pale desk nearly as light. */
    ScaledLuma lightCardOnLightDesk() throws IOException {
        return SceneFrames.decode(renderer.render(card(SpecimenScene.Desk.LIGHT, 0.5, 3)));
    }

    ScaledLuma emptyDesk(final SpecimenScene.Desk desk) throws IOException {
        return SceneFrames.decode(renderer.render(SpecimenScene.emptyDesk(WIDTH, HEIGHT).on(desk).withSeed(3)));
    }

    /** A dark rectangle that is not a card: a book (aspect 1.3) or a phone (aspect 2.1). */
    ScaledLuma darkObject(final SpecimenScene.Desk desk, final double aspect, final double areaFraction) throws IOException {
        final BufferedImage frame = renderer.render(SpecimenScene.emptyDesk(WIDTH, HEIGHT).on(desk).withSeed(5));
        final SpecimenScene placed = SpecimenScene.emptyDesk(WIDTH, HEIGHT).on(desk).withCard(SceneFrames.LI_MING_FRONT, areaFraction).rotated(5);
        final Graphics2D g = onCard(frame, placed);
        final double width = Math.sqrt(areaFraction * WIDTH * HEIGHT * aspect);
        g.setColor(DARK);
        g.fill(new RoundRectangle2D.Double(-width / 2, -width / aspect / 2, width, width / aspect, width * 0.08, width * 0.08));
        return finish(frame, g, new Area());
    }

    private static SpecimenScene card(final SpecimenScene.Desk desk, final double areaFraction, final double angle) {
        return SpecimenScene.emptyDesk(WIDTH, HEIGHT).on(desk).withCard(SceneFrames.LI_MING_FRONT, areaFraction).rotated(angle);
    }

    /** The card's width in pixels, as the specimen renderer sizes it. */
    private static double cardWidth(final SpecimenScene scene) {
        return Math.round(Math.sqrt(scene.areaFraction() * scene.width() * scene.height() * ID1_ASPECT));
    }

    private static Shape cardShape(final double width, final double height) {
        return new RoundRectangle2D.Double(-width / 2, -height / 2, width, height, width * 6.4 / 85.6, width * 6.4 / 85.6);
    }

    /** Graphics drawing in the card's own axes: origin at its centre, x along its long side. */
    private static Graphics2D onCard(final BufferedImage frame, final SpecimenScene scene) {
        final Graphics2D g = frame.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.translate(scene.centerX() * scene.width(), scene.centerY() * scene.height());
        g.rotate(Math.toRadians(scene.angle()));
        return g;
    }

    /** Fills {@code shape} dark, adds sensor noise to what was painted, encodes and decodes like the gate. */
    private static ScaledLuma finish(final BufferedImage frame, final Graphics2D g, final Area shape) throws IOException {
        g.setColor(DARK);
        g.fill(shape);
        g.dispose();
        final byte[] bgr = ((DataBufferByte) frame.getRaster().getDataBuffer()).getData();
        final SplittableRandom noise = new SplittableRandom(11);
        for (int i = 0; i < bgr.length; i++) {
            bgr[i] = (byte) Math.max(0, Math.min(255, (bgr[i] & 0xFF) + noise.nextInt(5) - 2));
        }
        return SceneFrames.decode(frame);
    }
}
