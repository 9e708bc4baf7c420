package io.clarity.app.ui.settings

import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.padding
import androidx.compose.material3.Button
import androidx.compose.material3.Card
import androidx.compose.material3.LinearProgressIndicator
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.runtime.getValue
import androidx.compose.runtime.livedata.observeAsState
import androidx.compose.ui.Modifier
import androidx.compose.ui.res.stringResource
import androidx.compose.ui.semantics.LiveRegionMode
import androidx.compose.ui.semantics.liveRegion
import androidx.compose.ui.semantics.semantics
import androidx.compose.ui.unit.dp
import io.clarity.app.R
import io.clarity.app.data.ModelInfo
import io.clarity.app.tflite.Backend
import io.clarity.app.tflite.BenchmarkResult
import io.clarity.app.tflite.PhoneBenchmark
import io.clarity.app.ui.formatDuration
import io.clarity.engine.pipeline.EnhanceOptions
import java.util.Locale

/** Stateful "Test this phone" screen. */
@Composable
fun BenchmarkScreen(viewModel: BenchmarkViewModel, onBack: () -> Unit) {
    val state by viewModel.uiState.observeAsState()
    val current = state ?: return
    BenchmarkContent(current, onStart = viewModel::onStart, onBack = onBack)
}

/** Stateless benchmark content: per model, each backend's time, 12 MP estimate and output check. */
@Composable
fun BenchmarkContent(state: BenchmarkUiState, onStart: () -> Unit = {}, onBack: () -> Unit = {}) {
    Page(stringResource(R.string.benchmark_title), onBack) {
        Hint(stringResource(R.string.benchmark_explain, EnhanceOptions.DEFAULT_TILE_SIZE, PhoneBenchmark.MIN_PSNR_DB.toInt()))
        if (state.running()) {
            val fraction = if (state.total() > 0) state.done().toFloat() / state.total() else 0f
            LinearProgressIndicator(progress = { fraction }, modifier = Modifier.fillMaxWidth())
            Text(
                stringResource(R.string.benchmark_running, state.done(), state.total()),
                modifier = Modifier.semantics { liveRegion = LiveRegionMode.Polite },
            )
        } else {
            Button(onClick = onStart, enabled = state.models().isNotEmpty()) {
                Text(stringResource(if (state.result().isEmpty) R.string.benchmark_start else R.string.benchmark_again))
            }
        }
        if (state.result().isEmpty && !state.running()) {
            Hint(stringResource(R.string.benchmark_none))
        }
        for (model in state.models()) {
            val measured = state.result().of(model.id())
            if (measured.isEmpty()) continue
            ModelCard(model, measured, state.automatic()[model.id()])
        }
    }
}

@Composable
private fun ModelCard(model: BenchmarkUiState.Model, measured: List<BenchmarkResult.Measurement>, automatic: Backend?) {
    Card(Modifier.fillMaxWidth()) {
        Column(Modifier.padding(16.dp), verticalArrangement = Arrangement.spacedBy(6.dp)) {
            val kind = stringResource(if (model.kind() == ModelInfo.Kind.FAST) R.string.model_fast else R.string.model_detail)
            Section(kind + " " + stringResource(R.string.options_scale_value, model.scale()))
            for (m in measured) {
                Text(m.backend.label(), style = MaterialTheme.typography.titleSmall)
                if (m.error != null) {
                    Hint(stringResource(R.string.benchmark_error, m.error))
                    continue
                }
                Text(
                    stringResource(
                        R.string.benchmark_row_time,
                        String.format(Locale.getDefault(), "%.1f", m.millisPerTile),
                        formatDuration(PhoneBenchmark.photoMillis(m)),
                    ),
                    style = MaterialTheme.typography.bodyMedium,
                )
                val db = if (m.psnr.isInfinite()) "∞" else String.format(Locale.getDefault(), "%.1f", m.psnr)
                Hint(
                    when {
                        m.backend == Backend.CPU -> stringResource(R.string.benchmark_reference)
                        m.passed() -> stringResource(R.string.benchmark_passed, db)
                        else -> stringResource(R.string.benchmark_failed_check, db)
                    },
                )
            }
            automatic?.let {
                Text(stringResource(R.string.benchmark_chosen, it.label()), style = MaterialTheme.typography.labelLarge,
                    color = MaterialTheme.colorScheme.primary)
            }
        }
    }
}
