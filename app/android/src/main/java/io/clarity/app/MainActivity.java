package io.clarity.app;

import android.os.Bundle;

import androidx.activity.ComponentActivity;
import androidx.activity.EdgeToEdge;
import androidx.lifecycle.ViewModelProvider;

import io.clarity.app.ui.ClarityContent;
import io.clarity.app.ui.home.HomeViewModel;

/** The single activity: edge-to-edge window, Compose content driven by Java view models. */
public final class MainActivity extends ComponentActivity {
    @Override
    protected void onCreate(Bundle savedInstanceState) {
        EdgeToEdge.enable(this);
        super.onCreate(savedInstanceState);
        HomeViewModel homeViewModel = new ViewModelProvider(this).get(HomeViewModel.class);
        ClarityContent.install(this, homeViewModel);
    }
}
