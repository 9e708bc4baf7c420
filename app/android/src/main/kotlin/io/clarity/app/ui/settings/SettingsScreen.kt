package io.clarity.app.ui.settings

import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.ColumnScope
import androidx.compose.foundation.layout.ExperimentalLayoutApi
import androidx.compose.foundation.layout.FlowRow
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.Spacer
import androidx.compose.foundation.layout.fillMaxSize
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.layout.width
import androidx.compose.foundation.rememberScrollState
import androidx.compose.foundation.selection.toggleable
import androidx.compose.foundation.verticalScroll
import androidx.compose.material3.ExperimentalMaterial3Api
import androidx.compose.material3.FilterChip
import androidx.compose.material3.HorizontalDivider
import androidx.compose.material3.IconButton
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.OutlinedButton
import androidx.compose.material3.Scaffold
import androidx.compose.material3.Slider
import androidx.compose.material3.Switch
import androidx.compose.material3.Text
import androidx.compose.material3.TopAppBar
import androidx.compose.runtime.Composable
import androidx.compose.runtime.getValue
import androidx.compose.runtime.livedata.observeAsState
import androidx.compose.ui.Alignment
import androidx.compose.ui.Modifier
import androidx.compose.ui.res.stringResource
import androidx.compose.ui.semantics.Role
import androidx.compose.ui.semantics.heading
import androidx.compose.ui.semantics.semantics
import androidx.compose.ui.unit.dp
import io.clarity.app.R
import io.clarity.app.data.ModelInfo
import io.clarity.app.tflite.Processor
import io.clarity.app.ui.BackIcon
import io.clarity.app.work.EnhanceRequest

/** Stateful settings screen. */
@Composable
fun SettingsScreen(
    viewModel: SettingsViewModel,
    onOpenBenchmark: () -> Unit,
    onOpenAbout: () -> Unit,
    onBack: () -> Unit,
) {
    val state by viewModel.uiState.observeAsState()
    val current = state ?: return
    SettingsContent(
        state = current,
        onKind = viewModel::onKindSelected,
        onScale = viewModel::onScaleSelected,
        onFormat = viewModel::onFormatSelected,
        onQuality = viewModel::onQualityChanged,
        onLocationInSaved = viewModel::onLocationInSavedChanged,
        onLocationInShared = viewModel::onLocationInSharedChanged,
        onGainMap = viewModel::onGainMapChanged,
        onProcessor = viewModel::onProcessorSelected,
        onOpenBenchmark = onOpenBenchmark,
        onOpenAbout = onOpenAbout,
        onBack = onBack,
    )
}

/** Stateless settings content: what screenshots and UI tests render. */
@OptIn(ExperimentalMaterial3Api::class, ExperimentalLayoutApi::class)
@Composable
fun SettingsContent(
    state: SettingsUiState,
    onKind: (ModelInfo.Kind) -> Unit = {},
    onScale: (Int) -> Unit = {},
    onFormat: (EnhanceRequest.Format) -> Unit = {},
    onQuality: (Int) -> Unit = {},
    onLocationInSaved: (Boolean) -> Unit = {},
    onLocationInShared: (Boolean) -> Unit = {},
    onGainMap: (Boolean) -> Unit = {},
    onProcessor: (Processor) -> Unit = {},
    onOpenBenchmark: () -> Unit = {},
    onOpenAbout: () -> Unit = {},
    onBack: () -> Unit = {},
) {
    val s = state.settings()
    Page(stringResource(R.string.settings_title), onBack) {
        Section(stringResource(R.string.settings_defaults))
        Label(stringResource(R.string.options_model))
        FlowRow(horizontalArrangement = Arrangement.spacedBy(8.dp)) {
            for (kind in state.kinds()) {
                FilterChip(
                    selected = kind == s.kind(),
                    onClick = { onKind(kind) },
                    label = { Text(stringResource(if (kind == ModelInfo.Kind.FAST) R.string.model_fast else R.string.model_detail)) },
                )
            }
        }
        Label(stringResource(R.string.options_scale))
        FlowRow(horizontalArrangement = Arrangement.spacedBy(8.dp)) {
            for (scale in state.scales()) {
                FilterChip(
                    selected = scale == s.scale(),
                    onClick = { onScale(scale) },
                    label = { Text(stringResource(R.string.options_scale_value, scale)) },
                )
            }
        }
        Label(stringResource(R.string.options_format))
        FlowRow(horizontalArrangement = Arrangement.spacedBy(8.dp)) {
            for (format in EnhanceRequest.Format.values()) {
                FilterChip(
                    selected = format == s.format(),
                    onClick = { onFormat(format) },
                    label = { Text(stringResource(if (format == EnhanceRequest.Format.JPEG) R.string.format_jpeg else R.string.format_png)) },
                )
            }
        }
        if (s.format() == EnhanceRequest.Format.JPEG) {
            Label(stringResource(R.string.options_quality, s.jpegQuality()))
            Slider(
                value = s.jpegQuality().toFloat(),
                onValueChange = { onQuality(Math.round(it)) },
                valueRange = 50f..100f,
            )
        }
        HorizontalDivider()
        Section(stringResource(R.string.settings_location))
        Toggle(stringResource(R.string.settings_location_saved), s.locationInSaved(), onLocationInSaved)
        Toggle(stringResource(R.string.settings_location_shared), s.locationInShared(), onLocationInShared)
        Hint(stringResource(R.string.settings_location_note))
        Toggle(stringResource(R.string.settings_hdr), s.keepGainMap(), onGainMap)
        Hint(stringResource(R.string.settings_hdr_note))
        HorizontalDivider()
        Section(stringResource(R.string.settings_processor))
        FlowRow(horizontalArrangement = Arrangement.spacedBy(8.dp)) {
            for (p in state.processors()) {
                FilterChip(selected = p == s.processor(), onClick = { onProcessor(p) }, label = { Text(processorName(p)) })
            }
        }
        if (s.processor() == Processor.AUTOMATIC) {
            Hint(stringResource(R.string.processor_automatic_note))
        }
        OutlinedButton(onClick = onOpenBenchmark) { Text(stringResource(R.string.settings_benchmark)) }
        HorizontalDivider()
        OutlinedButton(onClick = onOpenAbout) { Text(stringResource(R.string.settings_about)) }
    }
}

/** Settings and the pages it opens: a top bar with back, and a scrolling column inside the system bars. */
@OptIn(ExperimentalMaterial3Api::class)
@Composable
internal fun Page(title: String, onBack: () -> Unit, content: @Composable ColumnScope.() -> Unit) {
    Scaffold(
        topBar = {
            TopAppBar(
                title = { Text(title) },
                navigationIcon = { IconButton(onClick = onBack) { BackIcon() } },
            )
        },
    ) { padding ->
        Column(
            Modifier
                .fillMaxSize()
                .padding(padding)
                .verticalScroll(rememberScrollState())
                .padding(horizontal = 24.dp, vertical = 16.dp),
            verticalArrangement = Arrangement.spacedBy(12.dp),
            content = content,
        )
    }
}

@Composable
fun processorName(p: Processor): String = stringResource(
    when (p) {
        Processor.AUTOMATIC -> R.string.processor_automatic
        Processor.GPU -> R.string.processor_gpu
        Processor.NNAPI -> R.string.processor_nnapi
        Processor.CPU -> R.string.processor_cpu
    },
)

@Composable
internal fun Section(text: String) {
    Text(text, style = MaterialTheme.typography.titleMedium, modifier = Modifier.semantics { heading() })
}

@Composable
private fun Label(text: String) {
    Text(text, style = MaterialTheme.typography.labelLarge)
}

@Composable
internal fun Hint(text: String) {
    Text(text, style = MaterialTheme.typography.bodySmall, color = MaterialTheme.colorScheme.onSurfaceVariant)
}

/** A whole-row switch: the row is the touch target and TalkBack reads the label with the state. */
@Composable
private fun Toggle(label: String, checked: Boolean, onChange: (Boolean) -> Unit) {
    Row(
        Modifier
            .fillMaxWidth()
            .toggleable(value = checked, role = Role.Switch, onValueChange = onChange)
            .padding(vertical = 4.dp),
        verticalAlignment = Alignment.CenterVertically,
    ) {
        Text(label, modifier = Modifier.weight(1f), style = MaterialTheme.typography.bodyLarge)
        Spacer(Modifier.width(12.dp))
        Switch(checked = checked, onCheckedChange = null)
    }
}
