package io.clarity.app;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import org.junit.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/** Reads the merged manifest the APK is built from (libraries' manifests included). */
public class ManifestTest {
    private static String mergedManifest() throws Exception {
        Path merged = Paths.get("target/manifest/AndroidManifest.xml");
        assertTrue("merged manifest missing at " + merged.toAbsolutePath(), Files.exists(merged));
        return new String(Files.readAllBytes(merged), StandardCharsets.UTF_8);
    }

    @Test
    public void mergedManifestNeverAsksForTheNetwork() throws Exception {
        assertFalse("Clarity must not request INTERNET", mergedManifest().contains("android.permission.INTERNET"));
    }

    @Test
    public void mergedManifestHasTheLauncherActivity() throws Exception {
        String manifest = mergedManifest();
        assertTrue(manifest.contains("io.clarity.app.MainActivity"));
        assertTrue(manifest.contains("android.intent.category.LAUNCHER"));
    }
}
