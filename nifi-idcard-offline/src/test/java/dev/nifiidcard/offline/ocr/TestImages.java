package dev.nifiidcard.offline.ocr;

import dev.nifiidcard.camera.specimen.SpecimenRenderer;

import dev.nifiidcard.cardgen.CjkFonts;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.AffineTransformOp;
import java.awt.image.BufferedImage;
import java.awt.image.ConvolveOp;
import java.awt.image.Kernel;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Random;

/** Simple rendered test photos: a card-like panel of labelled lines on a 1920×1080 background, and what cameras do to it. */
final class TestImages {

    static final String NAME = "张伟";
    static final String NUMBER = "110107196003151238";
    static final String ADDRESS_1 = "北京市朝阳区建国路88号";
    static final String ADDRESS_2 = "院3号楼2单元501室";

    private static final Color LABEL = new Color(40, 90, 160);
    private static final Color VALUE = new Color(20, 20, 20);

    private TestImages() {
    }

    /** A 1920×1080 frame holding a card about 60% of its width, labels in blue, values in black, as on the real card. */
    static BufferedImage card(final CjkFonts family, final String name) {
        return card(family, name, NUMBER);
    }

    /** The card with {@code name} and {@code number}. */
    static BufferedImage card(final CjkFonts family, final String name, final String number) {
        final BufferedImage frame = new BufferedImage(1920, 1080, BufferedImage.TYPE_3BYTE_BGR);
        final Graphics2D g = frame.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(new Color(110, 100, 90));
        g.fillRect(0, 0, 1920, 1080);
        final int left = 384;
        final int top = 177;
        g.setColor(new Color(236, 238, 230));
        g.fillRoundRect(left, top, 1152, 726, 40, 40);
        final int labelX = left + 70;
        final int valueX = left + 200;
        label(g, family, "姓名", labelX, top + 110);
        value(g, family, name, valueX, top + 112, 44);
        label(g, family, "性别", labelX, top + 200);
        value(g, family, "男", valueX, top + 200, 36);
        label(g, family, "民族", labelX + 300, top + 200);
        value(g, family, "汉", valueX + 300, top + 200, 36);
        label(g, family, "出生", labelX, top + 290);
        value(g, family, "1960年3月15日", valueX, top + 290, 36);
        label(g, family, "住址", labelX, top + 380);
        value(g, family, ADDRESS_1, valueX, top + 380, 36);
        value(g, family, ADDRESS_2, valueX, top + 432, 36);
        label(g, family, "公民身份号码", labelX, top + 620);
        value(g, family, number, labelX + 260, top + 622, 44);
        g.dispose();
        return frame;
    }

    /** The frame shrunk by {@code scale} about its center, the card further from the camera. */
    static BufferedImage shrunk(final BufferedImage image, final double scale) {
        final BufferedImage shrunk = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
        final Graphics2D g = shrunk.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.setColor(new Color(110, 100, 90));
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        final int w = (int) (image.getWidth() * scale);
        final int h = (int) (image.getHeight() * scale);
        g.drawImage(image.getScaledInstance(w, h, java.awt.Image.SCALE_AREA_AVERAGING), (image.getWidth() - w) / 2,
                (image.getHeight() - h) / 2, null);
        g.dispose();
        return shrunk;
    }

    /** One line of text, dark on light, tightly framed with a margin. */
    static BufferedImage line(final CjkFonts family, final String text, final float size) {
        final BufferedImage image = new BufferedImage((int) (size * (text.length() + 2)), (int) (size * 2.2),
                BufferedImage.TYPE_3BYTE_BGR);
        final Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(new Color(240, 240, 235));
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        value(g, family, text, (int) size, (int) (size * 1.45), size);
        g.dispose();
        return image;
    }

    private static void label(final Graphics2D g, final CjkFonts family, final String text, final int x, final int y) {
        g.setColor(LABEL);
        g.setFont(family.font(false, 30));
        g.drawString(text, x, y);
    }

    private static void value(final Graphics2D g, final CjkFonts family, final String text, final int x, final int y,
            final float size) {
        g.setColor(VALUE);
        g.setFont(family.font(false, size));
        g.drawString(text, x, y);
    }

    /** The image turned {@code quarterTurns} × 90° counter-clockwise: it must be turned as much clockwise to be upright. */
    static BufferedImage turnedCounterClockwise(final BufferedImage image, final int quarterTurns) {
        final int turns = Math.floorMod(quarterTurns, 4);
        final boolean swap = turns % 2 == 1;
        final int w = image.getWidth();
        final int h = image.getHeight();
        final BufferedImage turned = new BufferedImage(swap ? h : w, swap ? w : h, BufferedImage.TYPE_3BYTE_BGR);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                final int rgb = image.getRGB(x, y);
                switch (turns) {
                    case 0 -> turned.setRGB(x, y, rgb);
                    case 1 -> turned.setRGB(y, w - 1 - x, rgb);
                    case 2 -> turned.setRGB(w - 1 - x, h - 1 - y, rgb);
                    default -> turned.setRGB(h - 1 - y, x, rgb);
                }
            }
        }
        return turned;
    }

    /** The image tilted {@code degrees} clockwise about its center, same size, bilinear. */
    static BufferedImage tilted(final BufferedImage image, final double degrees) {
        final AffineTransform turn = AffineTransform.getRotateInstance(Math.toRadians(degrees), image.getWidth() / 2.0,
                image.getHeight() / 2.0);
        final BufferedImage tilted = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
        final Graphics2D g = tilted.createGraphics();
        g.setColor(new Color(110, 100, 90));
        g.fillRect(0, 0, tilted.getWidth(), tilted.getHeight());
        g.drawImage(image, new AffineTransformOp(turn, AffineTransformOp.TYPE_BILINEAR), 0, 0);
        g.dispose();
        return tilted;
    }

    /** A 3×3 box blur, a slightly defocused camera. */
    static BufferedImage blurred(final BufferedImage image) {
        final float[] box = new float[9];
        java.util.Arrays.fill(box, 1f / 9);
        final BufferedImage blurred = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
        return new ConvolveOp(new Kernel(3, 3, box), ConvolveOp.EDGE_NO_OP, null).filter(image, blurred);
    }

    /** Seeded sensor noise of ±{@code amplitude} per channel. */
    static BufferedImage noisy(final BufferedImage image, final int amplitude, final long seed) {
        final Random random = new Random(seed);
        final BufferedImage noisy = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                final int rgb = image.getRGB(x, y);
                int out = 0;
                for (int shift = 0; shift <= 16; shift += 8) {
                    final int v = ((rgb >> shift) & 0xff) + random.nextInt(2 * amplitude + 1) - amplitude;
                    out |= Math.min(255, Math.max(0, v)) << shift;
                }
                noisy.setRGB(x, y, out);
            }
        }
        return noisy;
    }

    /** Encoded as JPEG at {@code quality} and decoded again. */
    static BufferedImage jpeg(final BufferedImage image, final float quality) {
        try {
            return ImageIO.read(new ByteArrayInputStream(SpecimenRenderer.encode(image, quality)));
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
