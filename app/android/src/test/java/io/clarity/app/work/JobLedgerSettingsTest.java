package io.clarity.app.work;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import android.content.Context;
import android.net.Uri;

import androidx.test.core.app.ApplicationProvider;
import androidx.test.ext.junit.runners.AndroidJUnit4;

import org.junit.Test;
import org.junit.runner.RunWith;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.UUID;

/** What a job's saved picture keeps (Settings) is on disk with the job, and a job written before that keeps both. */
@RunWith(AndroidJUnit4.class)
public class JobLedgerSettingsTest {
    private final Context context = ApplicationProvider.getApplicationContext();

    @Test
    public void theMetadataChoicesSurviveARestart() throws Exception {
        File dir = new File(context.getFilesDir(), "ledger-settings");
        UUID id = UUID.randomUUID();
        EnhanceRequest request = new EnhanceRequest(Uri.parse("content://media/1"), "fast-x2-fp16",
                EnhanceRequest.Format.JPEG, 90, "harbour", 0f).withMetadata(false, false);
        new JobLedger(dir).put(LedgerEntry.queued(id, 1, request));
        EnhanceRequest read = new JobLedger(dir).get(id).request;
        assertFalse(read.keepLocation());
        assertFalse(read.keepGainMap());

        File file = new File(dir, id + ".job");
        assertTrue("the ledger's file: " + java.util.Arrays.toString(dir.list()), file.isFile());
        String old = new String(Files.readAllBytes(file.toPath()), StandardCharsets.ISO_8859_1)
                .replaceAll("(?m)^keep(Location|GainMap)=.*\\n", "");
        Files.write(file.toPath(), old.getBytes(StandardCharsets.ISO_8859_1));
        EnhanceRequest before = new JobLedger(dir).get(id).request;
        assertTrue(before.keepLocation());
        assertTrue(before.keepGainMap());
    }
}
