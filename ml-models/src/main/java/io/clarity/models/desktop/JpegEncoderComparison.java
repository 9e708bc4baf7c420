package io.clarity.models.desktop;

import io.clarity.engine.image.ArgbImage;
import io.clarity.engine.io.OutputTarget;
import io.clarity.engine.io.StreamingJpegWriter;
import io.clarity.engine.metadata.PhotoMetadata;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/**
 * Benchmark for issue 4: our {@link StreamingJpegWriter} against ImageIO's JPEG encoder at the same quality
 * (4:2:0, standard tables), per image: RGB PSNR against the original and file size.
 *
 * <p>Usage: {@code JpegEncoderComparison <quality 1..100> <dir of PNGs>...}.
 */
public final class JpegEncoderComparison {
    /** One image's figures. */
    public static final class Result {
        public final String name;
        public final double oursPsnr;
        public final double imageIoPsnr;
        public final long oursBytes;
        public final long imageIoBytes;

        Result(String name, double oursPsnr, double imageIoPsnr, long oursBytes, long imageIoBytes) {
            this.name = name;
            this.oursPsnr = oursPsnr;
            this.imageIoPsnr = imageIoPsnr;
            this.oursBytes = oursBytes;
            this.imageIoBytes = imageIoBytes;
        }
    }

    private JpegEncoderComparison() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: JpegEncoderComparison <quality 1..100> <dir of PNGs>...");
            System.exit(2);
        }
        int quality = Integer.parseInt(args[0]);
        List<Result> results = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            results.addAll(compareDirectory(Paths.get(args[i]), quality));
        }
        System.out.printf("%-14s %10s %10s %8s %10s %10s %8s%n", "image", "ours dB", "ImageIO dB", "diff dB",
                "ours B", "ImageIO B", "size %");
        double psnrSum = 0;
        double ioPsnrSum = 0;
        long bytes = 0;
        long ioBytes = 0;
        double worstPsnr = 0;
        double worstSize = 0;
        for (Result r : results) {
            double sizeRatio = 100.0 * (r.oursBytes - r.imageIoBytes) / r.imageIoBytes;
            System.out.printf("%-14s %10.3f %10.3f %+8.3f %10d %10d %+7.2f%%%n", r.name, r.oursPsnr, r.imageIoPsnr,
                    r.oursPsnr - r.imageIoPsnr, r.oursBytes, r.imageIoBytes, sizeRatio);
            psnrSum += r.oursPsnr;
            ioPsnrSum += r.imageIoPsnr;
            bytes += r.oursBytes;
            ioBytes += r.imageIoBytes;
            worstPsnr = Math.max(worstPsnr, Math.abs(r.oursPsnr - r.imageIoPsnr));
            worstSize = Math.max(worstSize, Math.abs(sizeRatio));
        }
        int n = results.size();
        System.out.printf("%-14s %10.3f %10.3f %+8.3f %10d %10d %+7.2f%%%n", "mean/total", psnrSum / n,
                ioPsnrSum / n, (psnrSum - ioPsnrSum) / n, bytes, ioBytes, 100.0 * (bytes - ioBytes) / ioBytes);
        System.out.printf("worst |PSNR diff| %.3f dB, worst |size diff| %.2f %%, %d images, quality %d%n",
                worstPsnr, worstSize, n, quality);
    }

    public static List<Result> compareDirectory(Path dir, int quality) throws IOException {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, "*.png")) {
            for (Path p : stream) {
                files.add(p);
            }
        }
        files.sort(null);
        List<Result> results = new ArrayList<>();
        for (Path p : files) {
            results.add(compare(p, quality));
        }
        return results;
    }

    /** Both encoders get the same 8-bit RGB pixels (grey images expanded to RGB). */
    public static Result compare(Path png, int quality) throws IOException {
        BufferedImage original = ImageIO.read(png.toFile());
        int w = original.getWidth();
        int h = original.getHeight();
        BufferedImage rgb = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        rgb.getGraphics().drawImage(original, 0, 0, null);
        int[] pixels = rgb.getRGB(0, 0, w, h, null, 0, w);

        ByteArrayOutputStream ours = new ByteArrayOutputStream();
        StreamingJpegWriter writer = new StreamingJpegWriter(new MemoryTarget(ours), quality,
                StreamingJpegWriter.Subsampling.YUV420, PhotoMetadata.NONE);
        writer.start(w, h, false);
        writer.writeRows(new ArgbImage(w, h, pixels.clone()));
        writer.finish();

        ByteArrayOutputStream theirs = new ByteArrayOutputStream();
        ImageWriter io = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam param = io.getDefaultWriteParam();
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(quality / 100f);
        try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(theirs)) {
            io.setOutput(stream);
            io.write(null, new IIOImage(rgb, null, null), param);
        } finally {
            io.dispose();
        }
        String name = png.getFileName().toString().replace(".png", "");
        return new Result(name, psnr(pixels, decode(ours.toByteArray())), psnr(pixels, decode(theirs.toByteArray())),
                ours.size(), theirs.size());
    }

    private static BufferedImage decode(byte[] jpeg) throws IOException {
        return ImageIO.read(new ByteArrayInputStream(jpeg));
    }

    private static double psnr(int[] expected, BufferedImage actual) {
        int w = actual.getWidth();
        int[] got = actual.getRGB(0, 0, w, actual.getHeight(), null, 0, w);
        double sum = 0;
        for (int i = 0; i < expected.length; i++) {
            for (int shift = 0; shift <= 16; shift += 8) {
                int d = ((expected[i] >> shift) & 0xFF) - ((got[i] >> shift) & 0xFF);
                sum += d * d;
            }
        }
        return 10 * Math.log10(255.0 * 255 / (sum / (3.0 * expected.length)));
    }

    /** Keeps the encoded bytes in memory. */
    private static final class MemoryTarget implements OutputTarget {
        private final ByteArrayOutputStream out;

        MemoryTarget(ByteArrayOutputStream out) {
            this.out = out;
        }

        @Override
        public OutputStream open() {
            return out;
        }

        @Override
        public void overwrite(long position, byte[] bytes) {
            throw new UnsupportedOperationException("the comparison writes plain JPEGs, which need no patching");
        }

        @Override
        public void commit() {
        }

        @Override
        public void discard() {
            out.reset();
        }
    }
}
