package io.clarity.app.work;

import android.app.PendingIntent;
import android.content.BroadcastReceiver;
import android.content.Context;
import android.content.Intent;
import android.util.Log;

import io.clarity.app.ClarityApplication;

import java.util.UUID;

/** The Cancel action of the ongoing notification: cancels that one job, the queue carries on. */
public final class JobActionReceiver extends BroadcastReceiver {
    private static final String TAG = "JobActionReceiver";
    private static final String ACTION_CANCEL = "io.clarity.app.action.CANCEL_JOB";

    static PendingIntent cancelIntent(Context context, UUID job) {
        Intent intent = new Intent(context, JobActionReceiver.class)
                .setAction(ACTION_CANCEL)
                .putExtra(EnhanceNotifications.EXTRA_JOB, job.toString());
        return PendingIntent.getBroadcast(context, job.hashCode(), intent,
                PendingIntent.FLAG_IMMUTABLE | PendingIntent.FLAG_UPDATE_CURRENT);
    }

    @Override
    public void onReceive(Context context, Intent intent) {
        UUID job = jobToCancel(intent);
        if (job != null) {
            ((ClarityApplication) context.getApplicationContext()).jobs().cancel(job);
        }
    }

    /** The job a Cancel intent names; null for any other intent (a receiver that throws takes the app down). */
    static UUID jobToCancel(Intent intent) {
        String job = intent.getStringExtra(EnhanceNotifications.EXTRA_JOB);
        if (!ACTION_CANCEL.equals(intent.getAction()) || job == null) {
            return null;
        }
        try {
            return UUID.fromString(job);
        } catch (IllegalArgumentException e) {
            Log.w(TAG, "not a job id: " + job);
            return null;
        }
    }
}
