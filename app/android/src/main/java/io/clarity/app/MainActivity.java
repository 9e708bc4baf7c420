package io.clarity.app;

import android.content.Intent;
import android.os.Bundle;

import androidx.activity.ComponentActivity;
import androidx.activity.EdgeToEdge;
import androidx.lifecycle.ViewModelProvider;

import io.clarity.app.platform.SharedPhotos;
import io.clarity.app.ui.ClarityContent;
import io.clarity.app.ui.FlowViewModel;
import io.clarity.app.work.EnhanceNotifications;

import java.util.UUID;

/** The single activity: edge-to-edge window, Compose content, photos shared in, job notifications tapped. */
public final class MainActivity extends ComponentActivity {
    private FlowViewModel flow;

    @Override
    protected void onCreate(Bundle savedInstanceState) {
        EdgeToEdge.enable(this);
        super.onCreate(savedInstanceState);
        flow = new ViewModelProvider(this).get(FlowViewModel.class);
        if (savedInstanceState == null) {
            route(getIntent());
        }
        ((ClarityApplication) getApplication()).jobs().resume();
        ClarityContent.install(this, flow);
    }

    @Override
    protected void onNewIntent(Intent intent) {
        super.onNewIntent(intent);
        setIntent(intent);
        route(intent);
    }

    /** A notification's tap opens its job; photos shared in open the options. */
    private void route(Intent intent) {
        String job = intent.getStringExtra(EnhanceNotifications.EXTRA_JOB);
        if (job != null) {
            flow.onOpenJob(UUID.fromString(job));
        } else {
            flow.onPhotosChosen(SharedPhotos.from(intent));
        }
    }
}
