package dev.nifiidcard.cardgen;

import dev.nifiidcard.camera.specimen.SpecimenRenderer;
import dev.nifiidcard.camera.specimen.Blur;
import dev.nifiidcard.camera.specimen.CardFace;
import dev.nifiidcard.camera.specimen.CardHolder;
import dev.nifiidcard.camera.specimen.DeskTexture;
import dev.nifiidcard.camera.specimen.FontLettering;
import dev.nifiidcard.camera.specimen.SpecimenCard;
import dev.nifiidcard.ocr.CardSide;

import java.awt.AlphaComposite;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.MultipleGradientPaint;
import java.awt.RadialGradientPaint;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Point2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferInt;
import java.util.SplittableRandom;

/**
 * Takes the photo a {@link PhotoPlan} describes: the card face drawn by the specimen camera's {@link CardFace} in a
 * CJK font family, placed on a desk, then defocus, uneven light with a lamp's glare, sensor noise and JPEG compression.
 */
final class CardPhotographer {

    private static final double CARD_ASPECT = CardFace.WIDTH_MM / CardFace.HEIGHT_MM;

    private CardPhotographer() {
    }

    static byte[] photograph(final CardHolder holder, final PhotoPlan plan) {
        final int width = PhotoPlans.FRAME_WIDTH;
        final int height = PhotoPlans.FRAME_HEIGHT;
        final BufferedImage canvas = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        final int[] pixels = ((DataBufferInt) canvas.getRaster().getDataBuffer()).getData();
        System.arraycopy(DeskTexture.render(plan.desk(), width, height, plan.textureSeed()), 0, pixels, 0, pixels.length);
        final BufferedImage face = scaled(face(holder, plan), (int) Math.round(plan.cardWidth() * width));
        final AffineTransform placement = new AffineTransform();
        placement.translate(plan.centerX() * width, plan.centerY() * height);
        placement.rotate(Math.toRadians(plan.angle()));
        placement.translate(-face.getWidth() / 2.0, -face.getHeight() / 2.0);
        drawPlaced(canvas, face, placement);
        final int[] glare = plan.glare() == null ? null : glare(face, placement, plan.glare());
        for (int pass = 0; plan.blurRadius() > 0 && pass < 2; pass++) {
            Blur.boxRgb(pixels, width, height, plan.blurRadius());
        }
        final BufferedImage photo = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        lightAndNoise(pixels, glare, ((DataBufferByte) photo.getRaster().getDataBuffer()).getData(), plan);
        return SpecimenRenderer.encode(photo, plan.jpegQuality() / 100f);
    }

    static BufferedImage face(final CardHolder holder, final PhotoPlan plan) {
        return new CardFace(lettering(plan.family()), lettering(CjkFonts.NOTO_SANS_SC), plan.specimenMark())
                .draw(holder, plan.side() == CardSide.FRONT ? SpecimenCard.Side.FRONT : SpecimenCard.Side.BACK);
    }

    private static FontLettering lettering(final CjkFonts family) {
        return new FontLettering(family.font(false, 12), family.font(true, 12));
    }

    /** Halved step by step so small text stays smooth, then to the width, with a transparent rim for soft edges. */
    private static BufferedImage scaled(final BufferedImage drawn, final int width) {
        BufferedImage face = drawn;
        while (face.getWidth() / 2 >= width) {
            face = SpecimenRenderer.resized(face, face.getWidth() / 2, face.getHeight() / 2, 0);
        }
        return SpecimenRenderer.resized(face, width, (int) Math.round(width / CARD_ASPECT), 2);
    }

    private static void drawPlaced(final BufferedImage target, final BufferedImage image, final AffineTransform placement) {
        final Graphics2D g = target.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(image, placement, null);
        g.dispose();
    }

    /**
     * How much of the lamp's reflection each pixel of the frame gets (0–255 in the low byte): an ellipse fading out from
     * its centre, only where the card is, since the laminate reflects and the desk does not. It is added after the
     * exposure, so its core is burnt out white as in a real photo.
     */
    private static int[] glare(final BufferedImage face, final AffineTransform placement, final Glare glare) {
        final BufferedImage reflection = new BufferedImage(face.getWidth(), face.getHeight(), BufferedImage.TYPE_INT_ARGB_PRE);
        final Graphics2D g = reflection.createGraphics();
        g.drawImage(face, 0, 0, null);
        g.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_IN));
        final double radiusX = glare.radiusX() * face.getWidth();
        final AffineTransform ellipse = AffineTransform.getTranslateInstance(glare.centerX() * face.getWidth(), glare.centerY() * face.getHeight());
        ellipse.scale(1, glare.radiusY() * face.getHeight() / radiusX);
        final int peak = (int) Math.round(255 * glare.strength());
        final Point2D centre = new Point2D.Double();
        g.setPaint(new RadialGradientPaint(centre, (float) radiusX, centre, new float[] {0f, 0.5f, 1f},
                new Color[] {new Color(255, 255, 255, peak), new Color(255, 255, 255, peak * 17 / 20), new Color(255, 255, 255, 0)},
                MultipleGradientPaint.CycleMethod.NO_CYCLE, MultipleGradientPaint.ColorSpaceType.SRGB, ellipse));
        // over the whole card: outside the ellipse the paint is transparent, which clears the card there
        g.fillRect(0, 0, face.getWidth(), face.getHeight());
        g.dispose();
        final BufferedImage mask = new BufferedImage(PhotoPlans.FRAME_WIDTH, PhotoPlans.FRAME_HEIGHT, BufferedImage.TYPE_INT_RGB);
        drawPlaced(mask, reflection, placement);
        return ((DataBufferInt) mask.getRaster().getDataBuffer()).getData();
    }

    /** Light falling off towards the corners, times the exposure, plus roughly Gaussian sensor noise (σ ≈ 3 levels). */
    private static void lightAndNoise(final int[] pixels, final int[] glare, final byte[] bgr, final PhotoPlan plan) {
        final SplittableRandom noise = new SplittableRandom(plan.textureSeed() ^ 0x5DEECE66DL);
        final int width = PhotoPlans.FRAME_WIDTH;
        final int height = PhotoPlans.FRAME_HEIGHT;
        final double reach = Math.hypot(width, height) / 2;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                final double r = Math.hypot(x - width * 0.45, y - height * 0.4) / reach;
                final float factor = (float) ((0.95 - 0.18 * r * r) * plan.exposure());
                final int i = y * width + x;
                final float reflected = glare == null ? 0 : (glare[i] & 0xFF) / 255f;
                final long bits = noise.nextLong();
                final int grain = (int) ((bits & 0xFF) + ((bits >>> 8) & 0xFF) + ((bits >>> 16) & 0xFF) + ((bits >>> 24) & 0xFF) - 510) / 49;
                final int rgb = pixels[i];
                bgr[3 * i] = level(lit(rgb & 0xFF, factor, reflected) + grain);
                bgr[3 * i + 1] = level(lit((rgb >> 8) & 0xFF, factor, reflected) + grain);
                bgr[3 * i + 2] = level(lit((rgb >> 16) & 0xFF, factor, reflected) + grain);
            }
        }
    }

    /** A channel lit by the room and, where there is glare, blended towards the lamp's white. */
    private static float lit(final int channel, final float factor, final float reflected) {
        return channel * factor * (1 - reflected) + 265 * reflected;
    }

    private static byte level(final float value) {
        return (byte) Math.max(0, Math.min(255, (int) (value + 0.5f)));
    }
}
