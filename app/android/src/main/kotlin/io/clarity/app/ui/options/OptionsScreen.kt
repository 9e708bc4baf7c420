package io.clarity.app.ui.options

import android.Manifest
import android.content.pm.PackageManager
import android.net.Uri
import android.os.Build
import androidx.activity.compose.rememberLauncherForActivityResult
import androidx.activity.result.contract.ActivityResultContracts
import androidx.core.content.ContextCompat
import androidx.compose.ui.platform.LocalContext
import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.ExperimentalLayoutApi
import androidx.compose.foundation.layout.FlowRow
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.fillMaxSize
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.heightIn
import androidx.compose.foundation.layout.consumeWindowInsets
import androidx.compose.foundation.layout.imePadding
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.rememberScrollState
import androidx.compose.foundation.shape.RoundedCornerShape
import androidx.compose.foundation.text.KeyboardOptions
import androidx.compose.foundation.verticalScroll
import androidx.compose.material3.Button
import androidx.compose.material3.Card
import androidx.compose.material3.CardDefaults
import androidx.compose.material3.ExperimentalMaterial3Api
import androidx.compose.material3.FilterChip
import androidx.compose.material3.IconButton
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.OutlinedTextField
import androidx.compose.material3.Scaffold
import androidx.compose.material3.SegmentedButton
import androidx.compose.material3.SegmentedButtonDefaults
import androidx.compose.material3.SingleChoiceSegmentedButtonRow
import androidx.compose.material3.Slider
import androidx.compose.material3.SliderDefaults
import androidx.compose.material3.Text
import androidx.compose.material3.TopAppBar
import androidx.compose.runtime.Composable
import androidx.compose.runtime.LaunchedEffect
import androidx.compose.runtime.getValue
import androidx.compose.runtime.livedata.observeAsState
import androidx.compose.ui.Modifier
import androidx.compose.ui.draw.clip
import androidx.compose.ui.graphics.Color
import androidx.compose.ui.layout.ContentScale
import androidx.compose.ui.res.pluralStringResource
import androidx.compose.ui.res.stringResource
import androidx.compose.ui.semantics.contentDescription
import androidx.compose.ui.semantics.heading
import androidx.compose.ui.semantics.liveRegion
import androidx.compose.ui.semantics.LiveRegionMode
import androidx.compose.ui.semantics.semantics
import androidx.compose.ui.semantics.stateDescription
import androidx.compose.ui.text.input.ImeAction
import androidx.compose.ui.unit.dp
import coil3.compose.AsyncImage
import io.clarity.app.R
import io.clarity.app.platform.RegionDecodableFormats
import io.clarity.app.data.ModelInfo
import io.clarity.app.ui.BackIcon
import io.clarity.app.ui.formatDuration
import io.clarity.app.work.EnhanceRequest
import java.util.UUID

/** Stateful options screen for the chosen photos. */
@Composable
fun OptionsScreen(
    photos: List<Uri>,
    viewModel: OptionsViewModel,
    onStarted: (List<UUID>) -> Unit,
    onBack: () -> Unit,
) {
    LaunchedEffect(photos) { viewModel.setPhotos(photos) }
    val state by viewModel.uiState.observeAsState(OptionsUiState.empty())
    val context = LocalContext.current
    // Android 13+: the progress notification (with its Cancel action) needs the person's consent, and the job
    // runs either way. Before Android 10, writing into Pictures/ needs the storage permission.
    val permission = when {
        Build.VERSION.SDK_INT >= 33 -> Manifest.permission.POST_NOTIFICATIONS
        Build.VERSION.SDK_INT < 29 -> Manifest.permission.WRITE_EXTERNAL_STORAGE
        else -> null
    }
    val askPermission = rememberLauncherForActivityResult(ActivityResultContracts.RequestPermission()) {
        onStarted(viewModel.start())
    }
    val start = {
        if (permission != null &&
            ContextCompat.checkSelfPermission(context, permission) != PackageManager.PERMISSION_GRANTED
        ) {
            askPermission.launch(permission)
        } else {
            onStarted(viewModel.start())
        }
    }
    OptionsContent(
        state = state,
        onKind = viewModel::onKindSelected,
        onScale = viewModel::onScaleSelected,
        onDetailStrength = viewModel::onDetailStrengthChanged,
        onFormat = viewModel::onFormatSelected,
        onQuality = viewModel::onQualityChanged,
        onFileName = viewModel::onFileNameChanged,
        onStart = start,
        onBack = onBack,
    )
}

/** Stateless options content: what screenshots and UI tests render. */
@OptIn(ExperimentalMaterial3Api::class, ExperimentalLayoutApi::class)
@Composable
fun OptionsContent(
    state: OptionsUiState,
    onKind: (ModelInfo.Kind) -> Unit,
    onScale: (Int) -> Unit,
    onDetailStrength: (Float) -> Unit,
    onFormat: (EnhanceRequest.Format) -> Unit,
    onQuality: (Int) -> Unit,
    onFileName: (String) -> Unit,
    onStart: () -> Unit,
    onBack: () -> Unit,
) {
    Scaffold(
        topBar = {
            TopAppBar(
                title = { Text(stringResource(R.string.options_title)) },
                navigationIcon = { IconButton(onClick = onBack) { BackIcon() } },
            )
        },
    ) { padding ->
        Column(
            modifier = Modifier
                .fillMaxSize()
                .padding(padding)
                // Edge to edge, adjustResize no longer shrinks the window: keep the name field and Enhance above the keyboard.
                .consumeWindowInsets(padding)
                .imePadding()
                .verticalScroll(rememberScrollState())
                .padding(horizontal = 24.dp, vertical = 16.dp),
            verticalArrangement = Arrangement.spacedBy(16.dp),
        ) {
            if (state.photos.isNotEmpty()) {
                AsyncImage(
                    model = state.photos[0],
                    contentDescription = stringResource(R.string.options_input_description),
                    contentScale = ContentScale.Crop,
                    modifier = Modifier
                        .fillMaxWidth()
                        .heightIn(max = 200.dp)
                        .clip(RoundedCornerShape(16.dp)),
                )
            }
            if (state.kinds.isNotEmpty()) {
                Label(stringResource(R.string.options_model))
                SingleChoiceSegmentedButtonRow(Modifier.fillMaxWidth()) {
                    state.kinds.forEachIndexed { i, kind ->
                        SegmentedButton(
                            selected = kind == state.kind,
                            onClick = { onKind(kind) },
                            shape = SegmentedButtonDefaults.itemShape(i, state.kinds.size),
                        ) { Text(stringResource(kindName(kind))) }
                    }
                }
                state.kind?.let {
                    Text(
                        stringResource(if (it == ModelInfo.Kind.FAST) R.string.model_fast_hint else R.string.model_detail_hint),
                        style = MaterialTheme.typography.bodyMedium,
                        color = MaterialTheme.colorScheme.onSurfaceVariant,
                    )
                }
                Label(stringResource(R.string.options_scale))
                FlowRow(horizontalArrangement = Arrangement.spacedBy(8.dp)) {
                    for (scale in state.scales) {
                        FilterChip(
                            selected = scale == state.scale,
                            onClick = { onScale(scale) },
                            label = { Text(stringResource(R.string.options_scale_value, scale)) },
                        )
                    }
                }
                if (state.isAdjustable) {
                    DetailStrength(state.detailStrength, onDetailStrength)
                }
            }
            Label(stringResource(R.string.options_format))
            SingleChoiceSegmentedButtonRow(Modifier.fillMaxWidth()) {
                val formats = EnhanceRequest.Format.values()
                formats.forEachIndexed { i, format ->
                    SegmentedButton(
                        selected = format == state.format,
                        onClick = { onFormat(format) },
                        shape = SegmentedButtonDefaults.itemShape(i, formats.size),
                    ) {
                        Text(stringResource(if (format == EnhanceRequest.Format.JPEG) R.string.format_jpeg else R.string.format_png))
                    }
                }
            }
            if (state.format == EnhanceRequest.Format.JPEG) {
                Text(stringResource(R.string.options_quality, state.jpegQuality))
                Slider(
                    value = state.jpegQuality.toFloat(),
                    onValueChange = { onQuality(Math.round(it)) },
                    valueRange = 50f..100f,
                )
            }
            OutlinedTextField(
                value = state.fileName,
                onValueChange = onFileName,
                label = { Text(stringResource(R.string.options_file_name)) },
                singleLine = true,
                keyboardOptions = KeyboardOptions(imeAction = ImeAction.Done),
                modifier = Modifier.fillMaxWidth(),
            )
            if (!state.isLoading && state.inputWidth > 0 && state.scale > 0) {
                Text(
                    stringResource(
                        R.string.options_output_size,
                        state.inputWidth, state.inputHeight, state.outputWidth, state.outputHeight,
                    ),
                    style = MaterialTheme.typography.titleMedium,
                )
                Text(
                    if (state.estimateMillis > 0) stringResource(R.string.options_estimate, formatDuration(state.estimateMillis))
                    else stringResource(R.string.options_estimate_unknown),
                    style = MaterialTheme.typography.bodyMedium,
                )
            }
            refusalText(state)?.let { reason ->
                Card(
                    colors = CardDefaults.cardColors(containerColor = MaterialTheme.colorScheme.errorContainer),
                    modifier = Modifier.fillMaxWidth().semantics { liveRegion = LiveRegionMode.Polite },
                ) {
                    Text(
                        reason,
                        color = MaterialTheme.colorScheme.onErrorContainer,
                        modifier = Modifier.padding(16.dp),
                    )
                }
            }
            Button(onClick = onStart, enabled = state.canStart, modifier = Modifier.fillMaxWidth()) {
                Text(pluralStringResource(R.plurals.options_start, state.photos.size, state.photos.size))
            }
        }
    }
}

/** Natural ↔ crisp: how far the real-photo network moves from its fidelity weights to its detail weights. */
@Composable
private fun DetailStrength(strength: Float, onChange: (Float) -> Unit) {
    val title = stringResource(R.string.options_detail_strength)
    val percent = Math.round(strength * 100)
    val state = stringResource(R.string.options_detail_state, percent)
    Column {
        Label(title)
        Slider(
            value = strength,
            onValueChange = onChange,
            valueRange = 0f..1f,
            // Material counts the stops between the two ends; 19 dots would be noise, so the ticks are not drawn.
            steps = OptionsViewModel.DETAIL_STRENGTH_STEPS - 1,
            colors = SliderDefaults.colors(activeTickColor = Color.Transparent, inactiveTickColor = Color.Transparent),
            modifier = Modifier.semantics {
                contentDescription = title
                stateDescription = state
            },
        )
        Row(Modifier.fillMaxWidth(), horizontalArrangement = Arrangement.SpaceBetween) {
            EndLabel(stringResource(R.string.options_detail_natural))
            EndLabel(stringResource(R.string.options_detail_crisp))
        }
        Text(
            stringResource(R.string.options_detail_hint),
            style = MaterialTheme.typography.bodyMedium,
            color = MaterialTheme.colorScheme.onSurfaceVariant,
            modifier = Modifier.padding(top = 4.dp),
        )
    }
}

@Composable
private fun EndLabel(text: String) {
    Text(
        text,
        style = MaterialTheme.typography.labelMedium,
        color = MaterialTheme.colorScheme.onSurfaceVariant,
    )
}

@Composable
private fun Label(text: String) {
    Text(text, style = MaterialTheme.typography.titleSmall, modifier = Modifier.semantics { heading() })
}

private fun kindName(kind: ModelInfo.Kind) = if (kind == ModelInfo.Kind.FAST) R.string.model_fast else R.string.model_detail

@Composable
private fun refusalText(state: OptionsUiState): String? = when (state.refusal) {
    OptionsUiState.Refusal.NO_MODEL -> stringResource(R.string.refuse_no_model)
    OptionsUiState.Refusal.UNREADABLE -> stringResource(R.string.refuse_unreadable)
    OptionsUiState.Refusal.JPEG_TOO_LARGE ->
        stringResource(R.string.refuse_jpeg_too_large, state.outputWidth, state.outputHeight)
    OptionsUiState.Refusal.TOO_LARGE ->
        stringResource(R.string.refuse_too_large, state.outputWidth, state.outputHeight, OptionsUiState.MAX_OUTPUT_MEGAPIXELS)
    OptionsUiState.Refusal.FILE_NAME -> stringResource(R.string.refuse_file_name)
    OptionsUiState.Refusal.UNSUPPORTED_FORMAT -> when (state.unsupportedFormat) {
        RegionDecodableFormats.Format.HEIF -> stringResource(R.string.refuse_heif_before_android_9)
        null, RegionDecodableFormats.Format.UNKNOWN -> stringResource(R.string.refuse_unreadable)
        else -> stringResource(R.string.refuse_format, formatName(state.unsupportedFormat))
    }
    else -> null
}

@Composable
private fun formatName(format: RegionDecodableFormats.Format): String = when (format) {
    RegionDecodableFormats.Format.TIFF_RAW -> stringResource(R.string.format_name_raw)
    RegionDecodableFormats.Format.WEBP -> "WebP"
    else -> format.name
}
