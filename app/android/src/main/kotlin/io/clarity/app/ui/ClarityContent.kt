@file:JvmName("ClarityContent")

package io.clarity.app.ui

import androidx.activity.ComponentActivity
import androidx.activity.compose.BackHandler
import androidx.activity.compose.setContent
import androidx.compose.runtime.Composable
import androidx.compose.runtime.getValue
import androidx.compose.runtime.livedata.observeAsState
import androidx.lifecycle.viewmodel.compose.viewModel
import io.clarity.app.ui.home.HomeScreen
import io.clarity.app.ui.home.HomeViewModel
import io.clarity.app.ui.options.OptionsScreen
import io.clarity.app.ui.options.OptionsViewModel
import io.clarity.app.ui.result.ResultScreen
import io.clarity.app.ui.result.ResultViewModel
import io.clarity.app.ui.settings.AboutScreen
import io.clarity.app.ui.settings.AboutViewModel
import io.clarity.app.ui.settings.BenchmarkScreen
import io.clarity.app.ui.settings.BenchmarkViewModel
import io.clarity.app.ui.settings.SettingsScreen
import io.clarity.app.ui.settings.SettingsViewModel
import io.clarity.app.ui.theme.ClarityTheme

/** The bridge from the Java activity to Compose, which only Kotlin can call. */
fun install(activity: ComponentActivity, flow: FlowViewModel) {
    activity.setContent {
        ClarityTheme {
            ClarityApp(flow)
        }
    }
}

/**
 * Home, options and result, each with its own view model; the options of each batch of photos get a fresh one
 * (keyed by batch), so a second batch starts from the defaults. System back (predictive on Android 14+) returns home.
 */
@Composable
fun ClarityApp(flow: FlowViewModel) {
    val screen by flow.screen.observeAsState(Screen.home())
    BackHandler(enabled = screen.kind != Screen.Kind.HOME) { flow.onBack() }
    when (screen.kind) {
        Screen.Kind.HOME -> HomeScreen(
            viewModel = viewModel<HomeViewModel>(key = "home"),
            onPhotosChosen = flow::onPhotosChosen,
            onOpenJob = flow::onOpenJob,
            onOpenPicture = flow::onOpenPicture,
            onOpenSettings = flow::onOpenSettings,
        )
        Screen.Kind.OPTIONS -> OptionsScreen(
            photos = screen.photos,
            viewModel = viewModel<OptionsViewModel>(key = "options-${screen.batch}"),
            onStarted = flow::onJobsStarted,
            onBack = { flow.onBack() },
        )
        Screen.Kind.RESULT -> ResultScreen(
            screen = screen,
            viewModel = viewModel<ResultViewModel>(key = "result"),
            onBack = { flow.onBack() },
        )
        Screen.Kind.SETTINGS -> SettingsScreen(
            viewModel = viewModel<SettingsViewModel>(key = "settings"),
            onOpenBenchmark = flow::onOpenBenchmark,
            onOpenAbout = flow::onOpenAbout,
            onBack = { flow.onBack() },
        )
        Screen.Kind.BENCHMARK -> BenchmarkScreen(
            viewModel = viewModel<BenchmarkViewModel>(key = "benchmark"),
            onBack = { flow.onBack() },
        )
        Screen.Kind.ABOUT -> AboutScreen(
            viewModel = viewModel<AboutViewModel>(key = "about"),
            onBack = { flow.onBack() },
        )
    }
}
