package io.clarity.buildtools;

import com.android.tools.r8.CompilationMode;
import com.android.tools.r8.D8;
import com.android.tools.r8.D8Command;
import com.android.tools.r8.JdkClassFileProvider;
import com.android.tools.r8.OutputMode;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

/** The pieces of the release build that need no Android project: dex reading, the keep check, versions, keys. */
public class ReleaseBuildTest {
    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    /** This test's own classes through D8, as the release dex would hold them. */
    private DexClasses dexOfTheseClasses() throws Exception {
        Path classes = Path.of(DexClasses.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path out = temp.newFolder("dex").toPath();
        D8.run(D8Command.builder()
                .addProgramFiles(classes.resolve("io/clarity/buildtools/DexClasses.class"),
                        classes.resolve("io/clarity/buildtools/KeepCheck.class"))
                .addLibraryResourceProvider(JdkClassFileProvider.fromSystemJdk())
                .setMinApiLevel(26)
                .setMode(CompilationMode.RELEASE)
                .setOutput(out, OutputMode.DexIndexed)
                .build());
        DexClasses dex = new DexClasses();
        dex.add(out.resolve("classes.dex"));
        return dex;
    }

    @Test
    public void dexClassesListsDefinedClassesAndTheirMethods() throws Exception {
        DexClasses dex = dexOfTheseClasses();
        assertTrue("the two classes and what D8 synthesised for their lambdas", dex.classCount() >= 2);
        assertTrue(dex.defines("io.clarity.buildtools.DexClasses"));
        assertTrue(dex.hasMethod("io.clarity.buildtools.DexClasses", "hasMethod"));
        assertTrue(dex.hasMethod("io.clarity.buildtools.KeepCheck", "<init>"));
        assertFalse("referenced, not defined", dex.defines("java.lang.String"));
        assertFalse(dex.hasMethod("io.clarity.buildtools.DexClasses", "noSuchMethod"));
    }

    @Test
    public void keepCheckNamesWhatIsMissingAndFollowsTheMapping() throws Exception {
        DexClasses dex = dexOfTheseClasses();
        // as if R8 had moved a.Screen.draw into DexClasses as hasMethod, and inlined a.Screen.paint there too
        List<String> mapping = List.of("a.Screen -> a.a:", "    void gone() -> b",
                "io.clarity.buildtools.DexClasses -> io.clarity.buildtools.DexClasses:",
                "    1:4:void a.Screen.draw(int):12:15 -> hasMethod",
                "    5:6:void a.Screen.paint():3:3 -> hasMethod");
        List<String> lines = List.of("# comment", "io.clarity.buildtools.KeepCheck <init> check",
                "~a.Screen draw paint gone", "io.clarity.buildtools.Gone", "io.clarity.buildtools.DexClasses nothing",
                "a.Screen");
        assertEquals(List.of("a.Screen.gone (under any name)", "io.clarity.buildtools.Gone",
                        "io.clarity.buildtools.DexClasses.nothing", "a.Screen"),
                KeepCheck.check(dex, lines, mapping));
        assertEquals("unrenamed code counts under its own name", List.of(),
                KeepCheck.check(dex, List.of("~io.clarity.buildtools.KeepCheck check"), List.of()));
    }

    @Test
    public void versionCodeGrowsWithTheVersionName() {
        assertEquals(100, AndroidProject.versionCode("0.1.0"));
        assertEquals(100, AndroidProject.versionCode("0.1.0-SNAPSHOT"));
        assertEquals(10203, AndroidProject.versionCode("1.2.3"));
        assertTrue(AndroidProject.versionCode("0.10.0") > AndroidProject.versionCode("0.9.99"));
        assertThrows(IllegalArgumentException.class, () -> AndroidProject.versionCode("1.2"));
        assertThrows(IllegalArgumentException.class, () -> AndroidProject.versionCode("1.100.0"));
    }

    @Test
    public void r8RuleFoldersAreChosenByVersion() {
        assertTrue(ReleaseShrinker.inRange("9.5.28", "1.6.0", null));
        assertFalse(ReleaseShrinker.inRange("9.5.28", null, "3.0.0"));
        assertTrue(ReleaseShrinker.inRange("9.5.28", "8.0.0", "9.5.29"));
        assertTrue(ReleaseShrinker.inRange("9.5.28", null, null));
    }

    private Path keystore(String name, String alias, String password) throws Exception {
        Path file = temp.getRoot().toPath().resolve(name);
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process p = new ProcessBuilder(keytool.toString(), "-genkeypair", "-keystore", file.toString(), "-storetype",
                "PKCS12", "-storepass", password, "-alias", alias, "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=Test").redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        assertEquals(0, p.waitFor());
        return file;
    }

    @Test
    public void releaseKeyComesFromTheEnvironmentAndIsNeverTheDebugKey() throws Exception {
        Path debugStore = Path.of("../android/debug.p12"); // Surefire runs in app/build-tools
        ApkKey debug = ApkKey.debug(debugStore);
        IllegalStateException none = assertThrows(IllegalStateException.class, () -> ApkKey.release(Map.of(), debug));
        assertTrue(none.getMessage(), none.getMessage().endsWith("not set: CLARITY_KEYSTORE, CLARITY_KEYSTORE_PASSWORD, CLARITY_KEY_ALIAS"));
        assertFalse(none.getMessage().contains("\n"));

        IllegalStateException reused = assertThrows(IllegalStateException.class, () -> ApkKey.release(Map.of(
                "CLARITY_KEYSTORE", debugStore.toString(), "CLARITY_KEYSTORE_PASSWORD", "android",
                "CLARITY_KEY_ALIAS", "androiddebugkey"), debug));
        assertTrue(reused.getMessage(), reused.getMessage().contains("public debug key"));

        Path release = keystore("release.p12", "clarity", "s3cret-pass");
        ApkKey key = ApkKey.release(Map.of("CLARITY_KEYSTORE", release.toString(), "CLARITY_KEYSTORE_PASSWORD", "s3cret-pass",
                "CLARITY_KEY_ALIAS", "clarity"), debug);
        assertEquals("CN=Test", key.certificate().getSubjectX500Principal().getName());
        IllegalStateException wrongAlias = assertThrows(IllegalStateException.class, () -> ApkKey.release(Map.of(
                "CLARITY_KEYSTORE", release.toString(), "CLARITY_KEYSTORE_PASSWORD", "s3cret-pass", "CLARITY_KEY_ALIAS", "other"), debug));
        assertTrue(wrongAlias.getMessage(), wrongAlias.getMessage().contains("no key 'other'"));
    }
}
