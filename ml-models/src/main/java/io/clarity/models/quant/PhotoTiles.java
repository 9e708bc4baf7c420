package io.clarity.models.quant;

import io.clarity.engine.image.ArgbImage;

import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Square crops of real photographs, for calibration: reproducible (seeded), with large JPEGs read
 * subsampled so that their compression artefacts wash out and decoding stays fast.
 */
public final class PhotoTiles {
    private PhotoTiles() {
    }

    /** Image files (PNG, JPEG) directly in {@code folder}, sorted by name. */
    public static List<Path> imagesIn(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> {
                String n = p.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
                return n.endsWith(".png") || n.endsWith(".jpg") || n.endsWith(".jpeg");
            }).sorted().collect(Collectors.toList());
        }
    }

    /**
     * {@code perImage} random {@code size}² crops from each file; images wider than {@code maxSide} are
     * read with integer subsampling to at most about that width.
     */
    public static List<ArgbImage> crops(List<Path> files, int size, int perImage, int maxSide, long seed)
            throws IOException {
        Random random = new Random(seed);
        List<ArgbImage> tiles = new ArrayList<>();
        for (Path file : files) {
            BufferedImage image = read(file, maxSide);
            if (image.getWidth() < size || image.getHeight() < size) {
                continue;
            }
            for (int n = 0; n < perImage; n++) {
                int x = random.nextInt(image.getWidth() - size + 1);
                int y = random.nextInt(image.getHeight() - size + 1);
                int[] pixels = image.getRGB(x, y, size, size, null, 0, size);
                tiles.add(new ArgbImage(size, size, pixels));
            }
        }
        if (tiles.isEmpty()) {
            throw new IOException("no image of at least " + size + "x" + size + " among " + files.size() + " files");
        }
        return tiles;
    }

    private static BufferedImage read(Path file, int maxSide) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                throw new IOException(file + ": not an image ImageIO can read");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in);
                int step = Math.max(1, (reader.getWidth(0) + maxSide - 1) / maxSide);
                ImageReadParam param = reader.getDefaultReadParam();
                param.setSourceSubsampling(step, step, 0, 0);
                return reader.read(0, param);
            } finally {
                reader.dispose();
            }
        }
    }
}
