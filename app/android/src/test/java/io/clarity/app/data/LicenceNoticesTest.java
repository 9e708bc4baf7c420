package io.clarity.app.data;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import androidx.test.core.app.ApplicationProvider;
import androidx.test.ext.junit.runners.AndroidJUnit4;

import org.junit.Test;
import org.junit.runner.RunWith;

import org.w3c.dom.Element;
import org.w3c.dom.Node;

import java.io.File;
import java.util.ArrayList;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.parsers.DocumentBuilderFactory;

/**
 * The licences the About screen lists are exactly the artifacts the dependency lock (pom.xml, written by
 * io.clarity.buildtools.DependencyLock) resolves for main, plus what our own modules in the APK depend on, each with a
 * licence: read from the APK's assets as the screen reads them, compared with the poms.
 */
@RunWith(AndroidJUnit4.class)
public class LicenceNoticesTest {
    private static final Pattern DEPENDENCY = Pattern.compile(
            "<dependency><groupId>([^<]+)</groupId><artifactId>([^<]+)</artifactId><version>([^<]+)</version>(.*?)</dependency>");

    /** group:artifact:version of every locked dependency the APK ships (not test-scoped, not provided). */
    static TreeSet<String> lockedForMain() throws Exception {
        String pom = new String(Files.readAllBytes(new File("pom.xml").toPath()), StandardCharsets.UTF_8);
        int from = pom.indexOf("<!-- locked dependencies");
        int to = pom.indexOf("<!-- end of locked dependencies -->");
        assertTrue("pom.xml has the lock's markers", from > 0 && to > from);
        TreeSet<String> out = new TreeSet<>();
        Matcher m = DEPENDENCY.matcher(pom.substring(from, to));
        while (m.find()) {
            String rest = m.group(4);
            if (!rest.contains("<scope>test</scope>") && !rest.contains("<scope>provided</scope>")) {
                out.add(m.group(1) + ":" + m.group(2) + ":" + m.group(3));
            }
        }
        return out;
    }

    /**
     * What our own modules in the APK (the engine, the model writer) bring: their non-test dependencies, versions and
     * scopes from the root pom's dependencyManagement. They are not in the app's lock, and they ship all the same.
     */
    static TreeSet<String> modulesDependencies() throws Exception {
        Element managed = child(parse(new File("../../pom.xml")), "dependencyManagement");
        TreeSet<String> out = new TreeSet<>();
        for (String module : new String[] {"../engine/pom.xml", "../../ml-models/writer/pom.xml"}) {
            for (Element d : children(child(parse(new File(module)), "dependencies"), "dependency")) {
                String group = text(d, "groupId");
                String artifact = text(d, "artifactId");
                Element m = managed(managed, group, artifact);
                String scope = text(d, "scope").isEmpty() && m != null ? text(m, "scope") : text(d, "scope");
                String version = text(d, "version").isEmpty() && m != null ? text(m, "version") : text(d, "version");
                if (!group.equals("io.clarity") && !scope.equals("test") && !scope.equals("provided")) {
                    out.add(group + ":" + artifact + ":" + version);
                }
            }
        }
        return out;
    }

    private static Element managed(Element management, String group, String artifact) {
        for (Element d : children(child(management, "dependencies"), "dependency")) {
            if (text(d, "groupId").equals(group) && text(d, "artifactId").equals(artifact)) {
                return d;
            }
        }
        return null;
    }

    private static Element parse(File pom) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom).getDocumentElement();
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent == null ? null : parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element && ((Element) n).getTagName().equals(name)) {
                out.add((Element) n);
            }
        }
        return out;
    }

    private static Element child(Element parent, String name) {
        List<Element> c = children(parent, name);
        return c.isEmpty() ? null : c.get(0);
    }

    private static String text(Element parent, String name) {
        Element e = child(parent, name);
        return e == null ? "" : e.getTextContent().trim();
    }

    @Test
    public void theLicenceListIsExactlyWhatTheLockResolvesForMain() throws Exception {
        List<LicenceNotices.Library> listed = LicenceNotices.read(
                ApplicationProvider.getApplicationContext().getAssets());
        TreeSet<String> shown = new TreeSet<>();
        for (LicenceNotices.Library library : listed) {
            shown.add(library.coordinates());
            assertFalse(library.coordinates() + " has no licence line", library.licences().isEmpty());
        }
        TreeSet<String> locked = lockedForMain();
        assertTrue("the lock resolves libraries for main", locked.size() > 50);
        TreeSet<String> modules = modulesDependencies();
        assertTrue("the model writer brings the .tflite schema: " + modules, modules.size() >= 2);
        locked.addAll(modules);
        TreeSet<String> missing = new TreeSet<>(locked);
        missing.removeAll(shown);
        TreeSet<String> extra = new TreeSet<>(shown);
        extra.removeAll(locked);
        assertEquals("locked but not listed", new TreeSet<String>(), missing);
        assertEquals("listed but neither locked nor brought by our modules", new TreeSet<String>(), extra);
    }

    @Test
    public void parsesEntriesWithTheirNamesAndLicences() {
        List<LicenceNotices.Library> l = LicenceNotices.parse("Third-party notices\n\nClarity itself is licensed: x.\n\n"
                + "a.b:c:1.0\n  C - https://c.example\n  Licence: Apache-2.0 - https://apache.org\n\n"
                + "d:e:2\n  E\n  Licence: not declared in its POM; see the project's site\n");
        assertEquals(2, l.size());
        assertEquals("a.b:c:1.0", l.get(0).coordinates());
        assertEquals("C", l.get(0).name());
        assertEquals("https://c.example", l.get(0).url());
        assertEquals("", l.get(1).url());
        assertEquals("Apache-2.0 - https://apache.org", l.get(0).licences().get(0));
        assertEquals("d:e:2", l.get(1).coordinates());
    }
}
