package io.clarity.models.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * One photo to upscale: where it comes from, where it goes, in which format; or why it cannot run (then the batch
 * reports it as failed and goes on with the rest).
 */
record PhotoJob(Path input, Path output, Enhance.Format format, String problem) {
    /** Extensions a folder walk picks up: what we decode, and what we cannot but should say so about. */
    private static final Set<String> PHOTO_EXTENSIONS = Set.of("jpg", "jpeg", "png", "bmp", "gif", "tif", "tiff",
            "heic", "heif", "avif", "webp", "jxl");

    /**
     * Plans {@code enhance IN... OUT}. One input file and an OUT ending in .jpg/.jpeg/.png: that file. Otherwise OUT is
     * a folder: each file goes into it by name, a single input folder is mirrored into it, several input folders
     * each into OUT/their name.
     *
     * @throws IllegalArgumentException for arguments that cannot mean anything (an OUT file for several inputs, an OUT
     *                                  extension that contradicts --format)
     */
    static List<PhotoJob> plan(List<Path> inputs, Path out, Enhance.Format format) throws IOException {
        Enhance.Format outFormat = formatOf(out);
        boolean outIsFile = !Files.isDirectory(out) && outFormat != null;
        if (outIsFile) {
            if (inputs.size() != 1 || Files.isDirectory(inputs.get(0))) {
                throw new IllegalArgumentException(out + " is a file name; several photos or a folder need an output folder");
            }
            if (format != null && format != outFormat) {
                throw new IllegalArgumentException(out + " does not end in the extension of --format " + format);
            }
            return List.of(new PhotoJob(inputs.get(0), out, outFormat, null));
        }
        if (!Files.isDirectory(out) && hasExtension(out)) {
            throw new IllegalArgumentException(out + ": an output file must end in .jpg, .jpeg or .png");
        }
        List<PhotoJob> jobs = new ArrayList<>();
        boolean oneFolder = inputs.size() == 1;
        for (Path in : inputs) {
            if (Files.isDirectory(in)) {
                Path base = oneFolder ? out : out.resolve(in.toAbsolutePath().normalize().getFileName().toString());
                for (Path photo : photosIn(in, out)) {
                    jobs.add(into(photo, base.resolve(in.relativize(photo).toString()), format));
                }
            } else {
                jobs.add(into(in, out.resolve(in.getFileName().toString()), format));
            }
        }
        return withoutCollisions(jobs);
    }

    /** {@code photo} into {@code target}'s folder under its own name, with the extension of its format. */
    private static PhotoJob into(Path photo, Path target, Enhance.Format format) {
        Enhance.Format f = format != null ? format : formatOf(photo) == Enhance.Format.png ? Enhance.Format.png : Enhance.Format.jpeg;
        String name = target.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        return new PhotoJob(photo, target.resolveSibling(stem + (f == Enhance.Format.png ? ".png" : ".jpg")), f, null);
    }

    /** a.jpg and a.png in one folder would both become a.jpg: the second one is not run. */
    private static List<PhotoJob> withoutCollisions(List<PhotoJob> jobs) {
        Map<Path, Path> claimed = new HashMap<>();
        List<PhotoJob> checked = new ArrayList<>();
        for (PhotoJob job : jobs) {
            Path key = job.output().toAbsolutePath().normalize();
            Path first = claimed.putIfAbsent(key, job.input());
            checked.add(first == null ? job
                    : new PhotoJob(job.input(), job.output(), job.format(), "same output " + job.output() + " as " + first));
        }
        return checked;
    }

    /** Photos under {@code dir}, sorted, leaving out the output folder when it lies inside. */
    private static List<Path> photosIn(Path dir, Path out) throws IOException {
        Path outAbsolute = out.toAbsolutePath().normalize();
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> !p.toAbsolutePath().normalize().startsWith(outAbsolute))
                    .filter(p -> PHOTO_EXTENSIONS.contains(extension(p)))
                    .sorted()
                    .toList();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static Enhance.Format formatOf(Path p) {
        switch (extension(p)) {
            case "jpg":
            case "jpeg":
                return Enhance.Format.jpeg;
            case "png":
                return Enhance.Format.png;
            default:
                return null;
        }
    }

    private static boolean hasExtension(Path p) {
        return !extension(p).isEmpty();
    }

    private static String extension(Path p) {
        String name = p.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(dot + 1).toLowerCase(Locale.ROOT) : "";
    }
}
