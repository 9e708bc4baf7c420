package io.clarity.app;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import org.junit.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the merged manifest the APK is built from (libraries' manifests included). */
public class ManifestTest {
    private static String mergedManifest() throws Exception {
        Path merged = Paths.get("target/manifest/AndroidManifest.xml");
        assertTrue("merged manifest missing at " + merged.toAbsolutePath(), Files.exists(merged));
        return new String(Files.readAllBytes(merged), StandardCharsets.UTF_8);
    }

    /** The element that names {@code name}: its start tag, and its body when it has one. */
    private static String element(String manifest, String tag, String name) {
        Matcher m = Pattern.compile("<" + tag + "\\b[^>]*android:name=\"" + Pattern.quote(name) + "\"[^>]*>")
                .matcher(manifest);
        assertTrue(tag + " " + name + " missing from the merged manifest", m.find());
        if (m.group().endsWith("/>")) {
            return m.group();
        }
        int end = manifest.indexOf("</" + tag + ">", m.end());
        assertTrue(tag + " " + name + " is not closed", end > 0);
        return manifest.substring(m.start(), end);
    }

    @Test
    public void mergedManifestNeverAsksForTheNetwork() throws Exception {
        assertFalse("Clarity must not request INTERNET", mergedManifest().contains("android.permission.INTERNET"));
    }

    @Test
    public void mergedManifestAsksForNoPermissionALibraryImpliedForUs() throws Exception {
        String manifest = mergedManifest();
        assertFalse("READ_PHONE_STATE", manifest.contains("android.permission.READ_PHONE_STATE"));
        assertFalse("READ_EXTERNAL_STORAGE", manifest.contains("android.permission.READ_EXTERNAL_STORAGE"));
    }

    @Test
    public void mergedManifestHasTheLauncherActivity() throws Exception {
        String manifest = mergedManifest();
        assertTrue(manifest.contains("io.clarity.app.MainActivity"));
        assertTrue(manifest.contains("android.intent.category.LAUNCHER"));
    }

    @Test
    public void workManagersForegroundServiceHasTheTypesAndPermissionsAndroid14Wants() throws Exception {
        String manifest = mergedManifest();
        String service = element(manifest, "service", "androidx.work.impl.foreground.SystemForegroundService");
        assertTrue(service, service.contains("dataSync"));
        assertTrue(service, service.contains("mediaProcessing"));
        for (String permission : new String[] {"FOREGROUND_SERVICE", "FOREGROUND_SERVICE_DATA_SYNC",
                "FOREGROUND_SERVICE_MEDIA_PROCESSING", "POST_NOTIFICATIONS"}) {
            assertTrue(permission, manifest.contains("\"android.permission." + permission + "\""));
        }
    }

    @Test
    public void clarityIsInTheShareSheetForOneOrManyImages() throws Exception {
        String activity = element(mergedManifest(), "activity", "io.clarity.app.MainActivity");
        assertTrue(activity.contains("android.intent.action.SEND\""));
        assertTrue(activity.contains("android.intent.action.SEND_MULTIPLE\""));
        assertTrue(activity.contains("android:mimeType=\"image/*\""));
    }

    @Test
    public void cameraCapturesGoThroughAFileProviderAndWorkManagerIsConfiguredByTheApp() throws Exception {
        String manifest = mergedManifest();
        String provider = element(manifest, "provider", "androidx.core.content.FileProvider");
        assertTrue(provider.contains("io.clarity.app.files"));
        assertTrue(provider.contains("android:exported=\"false\""));
        assertTrue(manifest.contains("io.clarity.app.ClarityApplication"));
        assertFalse("ClarityApplication configures WorkManager; the start-up initializer must be gone",
                manifest.contains("androidx.work.WorkManagerInitializer"));
    }
}
