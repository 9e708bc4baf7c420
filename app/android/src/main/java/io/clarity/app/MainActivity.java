package io.clarity.app;

import android.content.Intent;
import android.os.Bundle;

import androidx.activity.ComponentActivity;
import androidx.activity.EdgeToEdge;
import androidx.lifecycle.ViewModelProvider;

import io.clarity.app.platform.SharedPhotos;
import io.clarity.app.ui.ClarityContent;
import io.clarity.app.ui.FlowViewModel;

/** The single activity: edge-to-edge window, Compose content, photos shared in from other apps. */
public final class MainActivity extends ComponentActivity {
    private FlowViewModel flow;

    @Override
    protected void onCreate(Bundle savedInstanceState) {
        EdgeToEdge.enable(this);
        super.onCreate(savedInstanceState);
        flow = new ViewModelProvider(this).get(FlowViewModel.class);
        if (savedInstanceState == null) {
            flow.onPhotosChosen(SharedPhotos.from(getIntent()));
        }
        ClarityContent.install(this, flow);
    }

    @Override
    protected void onNewIntent(Intent intent) {
        super.onNewIntent(intent);
        setIntent(intent);
        flow.onPhotosChosen(SharedPhotos.from(intent));
    }
}
