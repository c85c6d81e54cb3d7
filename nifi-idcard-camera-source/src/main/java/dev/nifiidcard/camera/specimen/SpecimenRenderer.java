package dev.nifiidcard.camera.specimen;

import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferInt;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * Renders {@link SpecimenScene}s like a camera would see them: desk texture, the card (scaled, rotated, motion
 * blurred), focus blur, uneven lighting and sensor noise, then a JPEG with the card's fields in a COM segment.
 * Deterministic: the same scene gives the same pixels. Not thread-safe; it caches desks and card faces.
 */
public final class SpecimenRenderer {

    private static final double CARD_ASPECT = CardFace.WIDTH_MM / CardFace.HEIGHT_MM;
    /** Card faces scaled to the sizes recently drawn; a script uses a handful. */
    private static final int SCALED_FACES_KEPT = 12;
    /** Standard deviation of the sensor noise, in 8-bit levels, is about (4 bytes' spread) / 49 ≈ 3. */
    private static final int NOISE_DIVISOR = 49;

    private final CardFace cardFace = new CardFace(GlyphLettering.notoSansSc(), true);
    private final Map<SpecimenCard, BufferedImage> drawnFaces = new HashMap<>();
    private final Map<String, BufferedImage> scaledFaces = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(final Map.Entry<String, BufferedImage> eldest) {
            return size() > SCALED_FACES_KEPT;
        }
    };
    private String deskKey;
    private int[] desk;
    private String lightingKey;
    private float[] lighting;

    /** The scene as an RGB image ({@code TYPE_3BYTE_BGR}, which ImageIO encodes fastest). */
    public BufferedImage render(final SpecimenScene scene) {
        final int width = scene.width();
        final int height = scene.height();
        final BufferedImage canvas = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        final int[] pixels = ((DataBufferInt) canvas.getRaster().getDataBuffer()).getData();
        System.arraycopy(desk(scene), 0, pixels, 0, pixels.length);
        if (scene.hasCard()) {
            drawCard(canvas, scene);
        }
        final int defocus = (int) Math.round(scene.defocus());
        if (defocus > 0) {
            // two box passes approximate the soft disc of an out-of-focus lens
            for (int pass = 0; pass < 2; pass++) {
                Blur.boxRgb(pixels, width, height, defocus);
            }
        }
        final BufferedImage frame = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        lightAndNoise(pixels, ((DataBufferByte) frame.getRaster().getDataBuffer()).getData(), scene);
        return frame;
    }

    /** The scene as a camera JPEG; with a card in view, its fields ride along as {@link SpecimenMetadata}. */
    public byte[] jpeg(final SpecimenScene scene, final float quality) {
        final byte[] jpeg = encode(render(scene), quality);
        return scene.hasCard() ? SpecimenMetadata.embed(jpeg, scene.card().fields()) : jpeg;
    }

    private int[] desk(final SpecimenScene scene) {
        final String key = scene.desk() + "/" + scene.width() + "x" + scene.height() + "/" + scene.seed();
        if (!key.equals(deskKey)) {
            desk = DeskTexture.render(scene.desk(), scene.width(), scene.height(), scene.seed());
            deskKey = key;
        }
        return desk;
    }

    private void drawCard(final BufferedImage frame, final SpecimenScene scene) {
        final int cardWidth = (int) Math.round(Math.sqrt(scene.areaFraction() * scene.width() * scene.height() * CARD_ASPECT));
        final BufferedImage face = scaledFace(scene.card(), cardWidth);
        final AffineTransform placement = new AffineTransform();
        placement.translate(scene.centerX() * scene.width(), scene.centerY() * scene.height());
        placement.rotate(Math.toRadians(scene.angle()));
        placement.translate(-face.getWidth() / 2.0, -face.getHeight() / 2.0);
        final int blur = (int) Math.round(scene.motionBlur());
        if (blur < 2) {
            draw(frame, face, placement, 0, 0);
            return;
        }
        // a moving card is smeared along its motion while the desk stays sharp: blur a layer holding only the card
        final Rectangle bounds = placement.createTransformedShape(new Rectangle(face.getWidth(), face.getHeight())).getBounds();
        bounds.grow(blur, 1);
        final Rectangle visible = bounds.intersection(new Rectangle(-blur, 0, frame.getWidth() + 2 * blur, frame.getHeight()));
        if (visible.isEmpty()) {
            return;
        }
        final BufferedImage layer = new BufferedImage(visible.width, visible.height, BufferedImage.TYPE_INT_ARGB_PRE);
        draw(layer, face, placement, visible.x, visible.y);
        Blur.horizontalPremultiplied(((DataBufferInt) layer.getRaster().getDataBuffer()).getData(), visible.width, visible.height, blur);
        final Graphics2D g = frame.createGraphics();
        g.drawImage(layer, visible.x, visible.y, null);
        g.dispose();
    }

    private static void draw(final BufferedImage target, final BufferedImage face, final AffineTransform placement,
                             final int originX, final int originY) {
        final Graphics2D g = target.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.translate(-originX, -originY);
        g.drawImage(face, placement, null);
        g.dispose();
    }

    /** The card face at a width, halved step by step from the drawing so small text stays smooth, with a clear rim. */
    private BufferedImage scaledFace(final SpecimenCard card, final int width) {
        final String key = card + "@" + width;
        final BufferedImage cached = scaledFaces.get(key);
        if (cached != null) {
            return cached;
        }
        BufferedImage face = drawnFaces.computeIfAbsent(card, drawn -> cardFace.draw(drawn.person().holder(), drawn.side()));
        while (face.getWidth() / 2 >= width) {
            face = resized(face, face.getWidth() / 2, face.getHeight() / 2, 0);
        }
        // a transparent rim lets bilinear interpolation soften the card's edges when it is rotated
        final BufferedImage scaled = resized(face, width, (int) Math.round(width / CARD_ASPECT), 2);
        scaledFaces.put(key, scaled);
        return scaled;
    }

    /** {@code source} drawn at {@code width} × {@code height} inside a transparent rim of {@code rim} pixels. */
    public static BufferedImage resized(final BufferedImage source, final int width, final int height, final int rim) {
        final BufferedImage target = new BufferedImage(width + 2 * rim, height + 2 * rim, BufferedImage.TYPE_INT_ARGB_PRE);
        final Graphics2D g = target.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(source, rim, rim, width, height, null);
        g.dispose();
        return target;
    }

    /** Uneven light (brightest a little off centre, darker corners) times the exposure, plus sensor noise, as BGR bytes. */
    private void lightAndNoise(final int[] pixels, final byte[] bgr, final SpecimenScene scene) {
        final float[] light = lighting(scene.width(), scene.height());
        final float exposure = (float) scene.exposure();
        long state = mix(scene.seed() * 0x9E3779B97F4A7C15L + scene.frameIndex());
        for (int i = 0; i < pixels.length; i++) {
            state ^= state << 13;
            state ^= state >>> 7;
            state ^= state << 17;
            final int noise = (int) ((state & 0xFF) + ((state >>> 8) & 0xFF) + ((state >>> 16) & 0xFF) + ((state >>> 24) & 0xFF) - 510) / NOISE_DIVISOR;
            final float factor = light[i] * exposure;
            final int rgb = pixels[i];
            bgr[3 * i] = level((rgb & 0xFF) * factor + noise);
            bgr[3 * i + 1] = level(((rgb >> 8) & 0xFF) * factor + noise);
            bgr[3 * i + 2] = level(((rgb >> 16) & 0xFF) * factor + noise);
        }
    }

    private float[] lighting(final int width, final int height) {
        final String key = width + "x" + height;
        if (!key.equals(lightingKey)) {
            lighting = new float[width * height];
            final double centreX = width * 0.42;
            final double centreY = height * 0.38;
            final double reach = Math.hypot(width, height) / 2;
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    final double r = Math.hypot(x - centreX, y - centreY) / reach;
                    lighting[y * width + x] = (float) (0.93 - 0.2 * r * r);
                }
            }
            lightingKey = key;
        }
        return lighting;
    }

    private static byte level(final float value) {
        return (byte) Math.max(0, Math.min(255, (int) (value + 0.5f)));
    }

    /** SplitMix64's finalizer: spreads a seed over all bits, never zero for the xorshift that follows. */
    private static long mix(final long seed) {
        long z = seed + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z ^= z >>> 31;
        return z == 0 ? 1 : z;
    }

    /** The image as a JPEG of the given quality (0 to 1), encoded in memory. */
    public static byte[] encode(final BufferedImage image, final float quality) {
        final ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        try (ByteArrayOutputStream bytes = new ByteArrayOutputStream(image.getWidth() * image.getHeight() / 4);
             ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            final ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality);
            writer.setOutput(out);
            writer.write(null, new IIOImage(image, null, null), param);
            out.flush();
            return bytes.toByteArray();
        } catch (final IOException e) {
            throw new UncheckedIOException("Cannot encode a JPEG in memory", e);
        } finally {
            writer.dispose();
        }
    }
}
