package io.clarity.app.work;

import android.content.Context;

import androidx.test.core.app.ApplicationProvider;
import androidx.test.ext.junit.runners.AndroidJUnit4;

import org.junit.Test;
import org.junit.runner.RunWith;

import java.io.IOException;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;

/** A failure's reason is a person's sentence: the exception's text (paths, errno names) never reaches it. */
@RunWith(AndroidJUnit4.class)
public class FailureReasonTest {
    private final Context context = ApplicationProvider.getApplicationContext();

    @Test
    public void rawExceptionTextIsNeverShown() {
        String ioReason = FailureReason.of(context, new IOException("open failed: EACCES /data/user/0/io.clarity.app/x.part"));
        assertEquals(context.getString(io.clarity.app.R.string.reason_io), ioReason);
        assertFalse(ioReason, ioReason.contains("EACCES"));
        String other = FailureReason.of(context, new IllegalStateException("tile failed in row 3: java.lang.ArithmeticException"));
        assertEquals(context.getString(io.clarity.app.R.string.reason_other), other);
        assertFalse(other, other.contains("row 3") || other.contains("java."));
    }

    @Test
    public void knownCausesKeepTheirOwnSentences() {
        assertEquals(context.getString(io.clarity.app.R.string.reason_storage_full),
                FailureReason.of(context, new IOException("write failed: ENOSPC (No space left on device)")));
        assertEquals(context.getString(io.clarity.app.R.string.reason_out_of_memory),
                FailureReason.of(context, new IllegalStateException("tile", new OutOfMemoryError())));
    }
}
