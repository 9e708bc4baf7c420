@file:JvmName("ClarityContent")

package io.clarity.app.ui

import androidx.activity.ComponentActivity
import androidx.activity.compose.setContent
import io.clarity.app.ui.home.HomeScreen
import io.clarity.app.ui.home.HomeViewModel
import io.clarity.app.ui.theme.ClarityTheme

/** The bridge from the Java activity to Compose, which only Kotlin can call. */
fun install(activity: ComponentActivity, homeViewModel: HomeViewModel) {
    activity.setContent {
        ClarityTheme {
            HomeScreen(homeViewModel)
        }
    }
}
