package io.clarity.app.work;

import android.app.Notification;
import android.app.NotificationChannel;
import android.app.NotificationManager;
import android.app.PendingIntent;
import android.content.Context;
import android.os.Build;
import android.text.format.DateUtils;

import androidx.work.WorkManager;

import io.clarity.app.R;
import io.clarity.engine.pipeline.Progress;

import java.util.UUID;

/** The job's ongoing notification: photo name, progress bar, time left, and a Cancel action. */
final class EnhanceNotifications {
    static final String CHANNEL = "enhance";
    static final int PROGRESS_ID = 1;

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

    Notification progress(UUID workId, String photo, Progress progress) {
        PendingIntent cancel = WorkManager.getInstance(context).createCancelPendingIntent(workId);
        Notification.Builder b = (Build.VERSION.SDK_INT >= Build.VERSION_CODES.O
                ? new Notification.Builder(context, CHANNEL) : new Notification.Builder(context))
                .setSmallIcon(R.drawable.ic_notification)
                .setContentTitle(context.getString(R.string.notification_enhancing, photo))
                .setOngoing(true)
                .setOnlyAlertOnce(true)
                .addAction(new Notification.Action.Builder(null, context.getString(R.string.action_cancel), cancel).build());
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
}
