package io.clarity.app.ui.result

import android.app.Activity
import android.content.Intent
import androidx.activity.compose.rememberLauncherForActivityResult
import androidx.activity.result.contract.ActivityResultContracts
import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.fillMaxSize
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.padding
import androidx.compose.material3.Button
import androidx.compose.material3.ExperimentalMaterial3Api
import androidx.compose.material3.IconButton
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.OutlinedButton
import androidx.compose.material3.Scaffold
import androidx.compose.material3.SnackbarHost
import androidx.compose.material3.SnackbarHostState
import androidx.compose.material3.Text
import androidx.compose.material3.TextButton
import androidx.compose.material3.TopAppBar
import androidx.compose.runtime.Composable
import androidx.compose.runtime.LaunchedEffect
import androidx.compose.runtime.getValue
import androidx.compose.runtime.livedata.observeAsState
import androidx.compose.runtime.remember
import androidx.compose.ui.Alignment
import androidx.compose.ui.Modifier
import androidx.compose.ui.platform.LocalContext
import androidx.compose.ui.res.stringResource
import androidx.compose.ui.unit.dp
import io.clarity.app.R
import io.clarity.app.data.JobStatus
import io.clarity.app.ui.BackIcon
import io.clarity.app.ui.Screen
import io.clarity.app.ui.home.JobProgress
import java.util.Locale

/** Stateful result screen: follows the job, then shows before/after with Save and Share. */
@Composable
fun ResultScreen(screen: Screen, viewModel: ResultViewModel, onBack: () -> Unit) {
    LaunchedEffect(screen) { viewModel.show(screen.workId, screen.output) }
    val state by viewModel.uiState.observeAsState()
    val context = LocalContext.current
    val saveCopy = rememberLauncherForActivityResult(ActivityResultContracts.StartActivityForResult()) { result ->
        if (result.resultCode == Activity.RESULT_OK) viewModel.onSaveLocationChosen(result.data?.data)
    }
    val current = state ?: return
    ResultContent(
        state = current,
        onSplitChange = viewModel::onSplitChanged,
        onShare = { viewModel.share { context.startActivity(it) } },
        onSave = { viewModel.saveIntent()?.let { saveCopy.launch(it) } },
        onCancel = viewModel::onCancelJob,
        onNoticeShown = viewModel::onNoticeShown,
        onBack = onBack,
    )
}

/** Stateless result content: what screenshots and UI tests render. */
@OptIn(ExperimentalMaterial3Api::class)
@Composable
fun ResultContent(
    state: ResultUiState,
    onSplitChange: (Float) -> Unit,
    onShare: () -> Unit,
    onSave: () -> Unit,
    onCancel: () -> Unit,
    onNoticeShown: () -> Unit,
    onBack: () -> Unit,
) {
    val snackbar = remember { SnackbarHostState() }
    val noticeText = when (state.notice) {
        ResultUiState.Notice.SAVED -> stringResource(R.string.result_saved)
        ResultUiState.Notice.SAVE_FAILED -> stringResource(R.string.result_save_failed)
        ResultUiState.Notice.SHARE_FAILED -> stringResource(R.string.result_share_failed)
        else -> null
    }
    LaunchedEffect(state.notice) {
        if (noticeText != null) {
            snackbar.showSnackbar(noticeText)
            onNoticeShown()
        }
    }
    Scaffold(
        topBar = {
            TopAppBar(
                title = { Text(stringResource(R.string.result_title)) },
                navigationIcon = { IconButton(onClick = onBack) { BackIcon() } },
            )
        },
        snackbarHost = { SnackbarHost(snackbar) },
    ) { padding ->
        val after = state.after
        if (after == null) {
            JobState(state.job, onCancel, Modifier.padding(padding))
            return@Scaffold
        }
        Column(Modifier.fillMaxSize().padding(padding)) {
            BeforeAfterViewer(
                before = state.before,
                after = after,
                split = state.split,
                onSplitChange = onSplitChange,
                modifier = Modifier.weight(1f).fillMaxWidth(),
            )
            Column(Modifier.padding(16.dp), verticalArrangement = Arrangement.spacedBy(8.dp)) {
                val job = state.job
                if (job != null && job.width > 0) {
                    Text(stringResource(R.string.result_size, job.width, job.height), style = MaterialTheme.typography.bodyMedium)
                    if (job.backend != null && job.millisPerTile > 0) {
                        Text(
                            stringResource(R.string.result_runtime, job.backend, String.format(Locale.getDefault(), "%.0f", job.millisPerTile)),
                            style = MaterialTheme.typography.bodySmall,
                            color = MaterialTheme.colorScheme.onSurfaceVariant,
                        )
                    }
                    // Why it ran where it ran (the GPU is off for this model, TFLite did not load, no foreground service).
                    job.note?.let {
                        Text(it, style = MaterialTheme.typography.bodySmall, color = MaterialTheme.colorScheme.onSurfaceVariant)
                    }
                }
                Row(horizontalArrangement = Arrangement.spacedBy(12.dp)) {
                    OutlinedButton(onClick = onSave, modifier = Modifier.weight(1f)) { Text(stringResource(R.string.result_save)) }
                    Button(onClick = onShare, modifier = Modifier.weight(1f)) { Text(stringResource(R.string.result_share)) }
                }
            }
        }
    }
}

@Composable
private fun JobState(job: JobStatus?, onCancel: () -> Unit, modifier: Modifier) {
    Column(
        modifier.fillMaxSize().padding(24.dp),
        verticalArrangement = Arrangement.spacedBy(12.dp, Alignment.CenterVertically),
    ) {
        when (job?.state) {
            JobStatus.State.FAILED -> Text(
                stringResource(R.string.job_failed, job.error ?: ""),
                color = MaterialTheme.colorScheme.error,
            )
            JobStatus.State.CANCELLED -> Text(stringResource(R.string.job_cancelled))
            null -> JobProgress(JobStatus(java.util.UUID(0, 0), "", JobStatus.State.QUEUED, 0, 0, -1, null, null, 0, 0, null, 0.0, null, null))
            else -> {
                LiveTilePreview(job.input, job.preview, Modifier.weight(1f).fillMaxWidth())
                JobProgress(job)
                TextButton(onClick = onCancel, modifier = Modifier.align(Alignment.End)) {
                    Text(stringResource(R.string.action_cancel))
                }
            }
        }
    }
}
