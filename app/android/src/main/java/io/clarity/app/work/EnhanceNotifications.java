package io.clarity.app.work;

import android.Manifest;
import android.app.Notification;
import android.app.NotificationChannel;
import android.app.NotificationManager;
import android.app.PendingIntent;
import android.content.Context;
import android.content.Intent;
import android.content.pm.PackageManager;
import android.os.Build;
import android.text.format.DateUtils;

import io.clarity.app.MainActivity;
import io.clarity.app.R;
import io.clarity.app.data.JobStatus;
import io.clarity.engine.pipeline.Progress;

import java.util.UUID;

/**
 * The job's notifications: the ongoing one (photo name, progress, time left, Cancel; a tap opens that job), and one
 * per finished or failed photo, posted only where the person allows notifications (POST_NOTIFICATIONS, API 33+).
 */
public final class EnhanceNotifications {
    static final String CHANNEL = "enhance";
    static final int PROGRESS_ID = 1;
    /** The job a notification's tap opens: a UUID string in MainActivity's intent. */
    public static final String EXTRA_JOB = "io.clarity.app.extra.JOB";

    private final Context context;
    private final NotificationManager manager;

    EnhanceNotifications(Context context) {
        this.context = context;
        this.manager = context.getSystemService(NotificationManager.class);
        if (Build.VERSION.SDK_INT >= Build.VERSION_CODES.O) {
            manager.createNotificationChannel(new NotificationChannel(CHANNEL,
                    context.getString(R.string.notification_channel_enhance), NotificationManager.IMPORTANCE_LOW));
        }
    }

    /** @param job null before the run has picked a photo (the notification then just opens the app) */
    Notification progress(UUID job, String photo, Progress progress) {
        Notification.Builder b = builder()
                .setContentTitle(context.getString(R.string.notification_enhancing, photo))
                .setContentIntent(openJob(job))
                .setOngoing(true)
                .setOnlyAlertOnce(true);
        if (job != null) {
            b.addAction(new Notification.Action.Builder(null, context.getString(R.string.action_cancel),
                    JobActionReceiver.cancelIntent(context, job)).build());
        }
        if (progress == null || progress.tilesTotal() == 0) {
            b.setProgress(0, 0, true);
        } else {
            b.setProgress(progress.tilesTotal(), progress.tilesDone(), false);
            b.setContentText(context.getString(R.string.notification_time_left,
                    DateUtils.formatElapsedTime(Math.max(1, progress.etaMillis() / 1000))));
        }
        return b.build();
    }

    void update(Notification notification) {
        manager.notify(PROGRESS_ID, notification);
    }

    /** Removes the ongoing notification (the job runs without a foreground service, or ended). */
    void cancelProgress() {
        manager.cancel(PROGRESS_ID);
    }

    /** A finished photo's or a failed one's own notification; nothing where notifications are not allowed. */
    void ended(UUID job, String photo, JobStatus.State state, String reason) {
        if (!allowed() || !(state == JobStatus.State.DONE || state == JobStatus.State.FAILED)) {
            return;
        }
        Notification.Builder b = builder()
                .setContentIntent(openJob(job))
                .setAutoCancel(true);
        if (state == JobStatus.State.DONE) {
            b.setContentTitle(context.getString(R.string.notification_done, photo));
        } else {
            b.setContentTitle(context.getString(R.string.notification_failed, photo)).setContentText(reason);
        }
        manager.notify(job.toString(), PROGRESS_ID + 1, b.build());
    }

    private boolean allowed() {
        if (Build.VERSION.SDK_INT >= 33 && context.checkSelfPermission(Manifest.permission.POST_NOTIFICATIONS)
                != PackageManager.PERMISSION_GRANTED) {
            return false;
        }
        return manager.areNotificationsEnabled();
    }

    @SuppressWarnings("deprecation")
    private Notification.Builder builder() {
        return (Build.VERSION.SDK_INT >= Build.VERSION_CODES.O
                ? new Notification.Builder(context, CHANNEL) : new Notification.Builder(context))
                .setSmallIcon(R.drawable.ic_notification);
    }

    private PendingIntent openJob(UUID job) {
        Intent open = new Intent(context, MainActivity.class)
                .setAction(Intent.ACTION_VIEW)
                .addFlags(Intent.FLAG_ACTIVITY_NEW_TASK | Intent.FLAG_ACTIVITY_SINGLE_TOP);
        if (job != null) {
            open.putExtra(EXTRA_JOB, job.toString());
        }
        return PendingIntent.getActivity(context, job == null ? 0 : job.hashCode(), open,
                PendingIntent.FLAG_IMMUTABLE | PendingIntent.FLAG_UPDATE_CURRENT);
    }
}
