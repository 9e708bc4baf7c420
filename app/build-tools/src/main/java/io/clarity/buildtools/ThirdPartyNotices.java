package io.clarity.buildtools;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * The notices of the software Clarity ships, from the POMs (parents followed for licences) of the artifacts Maven
 * resolved from the locked dependencies: name, coordinates, project URL and licence of each. The app's list goes
 * into the APK as assets/licenses/THIRD-PARTY-NOTICES.txt (with Clarity's LICENSE beside it); the CLI's into its jar.
 *
 * <p>Usage: {@code java -cp clarity-build-tools.jar io.clarity.buildtools.ThirdPartyNotices TITLE CLASSPATH_FILE OUT}.
 */
public final class ThirdPartyNotices {
    private static final String OUR_GROUP = "io.clarity";

    private ThirdPartyNotices() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: ThirdPartyNotices TITLE CLASSPATH_FILE OUT");
            System.exit(2);
        }
        String classpath = Files.readString(Path.of(args[1])).trim();
        List<Path> artifacts = new ArrayList<>();
        for (String entry : classpath.isEmpty() ? new String[0] : classpath.split(java.io.File.pathSeparator)) {
            artifacts.add(Path.of(entry));
        }
        write(args[0], artifacts, Path.of(args[2]));
    }

    static void write(String title, List<Path> artifacts, Path out) throws Exception {
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, text(title, artifacts), StandardCharsets.UTF_8);
    }

    /** One entry per artifact, sorted by coordinates; our own modules are covered by LICENSE and left out. */
    static String text(String title, List<Path> artifacts) throws Exception {
        TreeMap<String, String> entries = new TreeMap<>();
        for (Path artifact : artifacts) {
            // a reactor module (our own, under LICENSE): target/classes or target/NAME.jar instead of a repository file
            if (Files.isDirectory(artifact) || artifact.toAbsolutePath().getParent().getFileName().toString().equals("target")) {
                continue;
            }
            Pom pom = Pom.of(artifact);
            if (pom.groupId.equals(OUR_GROUP)) {
                continue;
            }
            StringBuilder e = new StringBuilder(pom.groupId + ":" + pom.artifactId + ":" + pom.version + "\n");
            e.append("  ").append(pom.name).append(pom.url.isEmpty() ? "" : " - " + pom.url).append('\n');
            if (pom.licenses.isEmpty()) {
                e.append("  Licence: not declared in its POM; see the project's site\n");
            }
            for (String licence : pom.licenses) {
                e.append("  Licence: ").append(licence).append('\n');
            }
            entries.put(pom.groupId + ":" + pom.artifactId, e.toString());
        }
        StringBuilder b = new StringBuilder(title).append("\n\n")
                .append("Clarity itself is licensed under the Apache License 2.0 (LICENSE). It includes the following ")
                .append(entries.size()).append(" libraries, each under its own licence, listed from their Maven POMs.\n")
                .append("The Apache License 2.0, which most of them use, is the same text as LICENSE.\n\n");
        entries.values().forEach(v -> b.append(v).append('\n'));
        return b.toString();
    }

    /** What a POM (and its parents, for what it leaves out) says about an artifact. */
    private record Pom(String groupId, String artifactId, String version, String name, String url, List<String> licenses) {
        /** The POM beside an artifact in a Maven repository: .../group/path/artifact/version/artifact-version.ext. */
        static Pom of(Path artifact) throws Exception {
            Path versionDir = artifact.toAbsolutePath().getParent();
            String version = versionDir.getFileName().toString();
            String artifactId = versionDir.getParent().getFileName().toString();
            Path pomFile = versionDir.resolve(artifactId + "-" + version + ".pom");
            if (!Files.isRegularFile(pomFile)) {
                throw new IOException("no POM beside " + artifact);
            }
            Element project = parse(pomFile);
            Element parent = child(project, "parent");
            String groupId = text(project, "groupId", parent == null ? "" : text(parent, "groupId", ""));
            String name = text(project, "name", artifactId).replaceAll("\\s+", " ").replace("${project.artifactId}", artifactId);
            String url = text(project, "url", "").replace("${project.version}", version);
            List<String> licenses = licenses(project);
            // the repository root is above the group's folders
            Path repo = versionDir.getParent().getParent();
            for (int i = 0; i < groupId.split("\\.").length - 1; i++) {
                repo = repo.getParent();
            }
            for (int depth = 0; licenses.isEmpty() && parent != null && depth < 6; depth++) {
                Path parentPom = repo.resolve(text(parent, "groupId", "").replace('.', '/'))
                        .resolve(text(parent, "artifactId", "")).resolve(text(parent, "version", ""))
                        .resolve(text(parent, "artifactId", "") + "-" + text(parent, "version", "") + ".pom");
                if (!Files.isRegularFile(parentPom)) {
                    break;
                }
                Element p = parse(parentPom);
                licenses = licenses(p);
                if (url.isEmpty()) {
                    url = text(p, "url", "");
                }
                parent = child(p, "parent");
            }
            return new Pom(groupId, artifactId, version, name, url, licenses);
        }

        private static List<String> licenses(Element project) {
            List<String> out = new ArrayList<>();
            Element licenses = child(project, "licenses");
            if (licenses != null) {
                for (Node n = licenses.getFirstChild(); n != null; n = n.getNextSibling()) {
                    if (n instanceof Element l && l.getTagName().equals("license")) {
                        String url = text(l, "url", "");
                        out.add(text(l, "name", "?").replaceAll("\\s+", " ") + (url.isEmpty() ? "" : " - " + url));
                    }
                }
            }
            return out;
        }

        private static Element parse(Path pom) throws Exception {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Document d = f.newDocumentBuilder().parse(pom.toFile());
            return d.getDocumentElement();
        }

        private static Element child(Element parent, String name) {
            for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n instanceof Element e && e.getTagName().equals(name)) {
                    return e;
                }
            }
            return null;
        }

        private static String text(Element parent, String name, String otherwise) {
            Element e = child(parent, name);
            return e == null ? otherwise : e.getTextContent().trim();
        }
    }
}
