package io.clarity.app.ui.home

import android.net.Uri
import android.content.ActivityNotFoundException
import androidx.compose.material3.SnackbarHost
import androidx.compose.material3.SnackbarHostState
import androidx.compose.runtime.remember
import androidx.compose.runtime.rememberCoroutineScope
import kotlinx.coroutines.launch
import androidx.activity.compose.rememberLauncherForActivityResult
import androidx.activity.result.PickVisualMediaRequest
import androidx.activity.result.contract.ActivityResultContracts
import androidx.compose.foundation.clickable
import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.PaddingValues
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.aspectRatio
import androidx.compose.foundation.layout.fillMaxSize
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.layout.widthIn
import androidx.compose.foundation.lazy.LazyColumn
import androidx.compose.foundation.lazy.items
import androidx.compose.foundation.shape.RoundedCornerShape
import androidx.compose.material3.Button
import androidx.compose.material3.Card
import androidx.compose.material3.LinearProgressIndicator
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.OutlinedButton
import androidx.compose.material3.Scaffold
import androidx.compose.material3.Text
import androidx.compose.material3.TextButton
import androidx.compose.runtime.Composable
import androidx.compose.runtime.DisposableEffect
import androidx.compose.runtime.getValue
import androidx.compose.runtime.livedata.observeAsState
import androidx.compose.runtime.saveable.rememberSaveable
import androidx.compose.runtime.setValue
import androidx.compose.runtime.mutableStateOf
import androidx.compose.ui.Alignment
import androidx.compose.ui.Modifier
import androidx.compose.ui.draw.clip
import androidx.compose.ui.layout.ContentScale
import androidx.compose.ui.platform.LocalContext
import androidx.compose.ui.res.stringResource
import androidx.compose.ui.semantics.heading
import androidx.compose.ui.semantics.semantics
import androidx.compose.ui.text.style.TextAlign
import androidx.compose.ui.unit.dp
import androidx.lifecycle.Lifecycle
import androidx.lifecycle.LifecycleEventObserver
import androidx.lifecycle.compose.LocalLifecycleOwner
import coil3.compose.AsyncImage
import io.clarity.app.R
import io.clarity.app.data.JobStatus
import io.clarity.app.data.RecentResults
import io.clarity.app.platform.CaptureFiles
import io.clarity.app.ui.formatDuration
import java.util.UUID

/** Stateful home screen: photo picker and camera in, job queue and recent results out. */
@Composable
fun HomeScreen(
    viewModel: HomeViewModel,
    onPhotosChosen: (List<Uri>) -> Unit,
    onOpenJob: (UUID) -> Unit,
    onOpenPicture: (Uri) -> Unit,
    onOpenSettings: () -> Unit = {},
) {
    val state by viewModel.uiState.observeAsState(HomeUiState.initial())
    val context = LocalContext.current
    val pickPhotos = rememberLauncherForActivityResult(
        ActivityResultContracts.PickMultipleVisualMedia(),
    ) { uris -> onPhotosChosen(uris) }
    var pendingCapture by rememberSaveable { mutableStateOf<String?>(null) }
    val takePicture = rememberLauncherForActivityResult(ActivityResultContracts.TakePicture()) { taken ->
        val uri = pendingCapture
        pendingCapture = null
        if (taken && uri != null) onPhotosChosen(listOf(Uri.parse(uri)))
        else if (uri != null) viewModel.onCaptureAbandoned(Uri.parse(uri))
    }
    val snackbar = remember { SnackbarHostState() }
    val scope = rememberCoroutineScope()
    val noCamera = stringResource(R.string.home_no_camera)
    val lifecycleOwner = LocalLifecycleOwner.current
    DisposableEffect(lifecycleOwner) {
        val observer = LifecycleEventObserver { _, event ->
            if (event == Lifecycle.Event.ON_RESUME) viewModel.refreshRecent()
        }
        lifecycleOwner.lifecycle.addObserver(observer)
        onDispose { lifecycleOwner.lifecycle.removeObserver(observer) }
    }
    HomeContent(
        state = state,
        onPickPhotos = {
            pickPhotos.launch(PickVisualMediaRequest(ActivityResultContracts.PickVisualMedia.ImageOnly))
        },
        onTakePhoto = {
            val uri = CaptureFiles.newCapture(context)
            pendingCapture = uri.toString()
            try {
                takePicture.launch(uri)
            } catch (e: ActivityNotFoundException) { // no camera app (work profiles, some tablets, Android TV)
                pendingCapture = null
                viewModel.onCaptureAbandoned(uri)
                scope.launch { snackbar.showSnackbar(noCamera) }
            }
        },
        snackbar = snackbar,
        onOpenJob = onOpenJob,
        onCancelJob = viewModel::onCancelJob,
        onRetryJob = viewModel::onRetryJob,
        onDismissJob = viewModel::onDismissJob,
        onOpenPicture = onOpenPicture,
        onOpenSettings = onOpenSettings,
    )
}

/** Stateless home content: what screenshots and UI tests render. */
@Composable
fun HomeContent(
    state: HomeUiState,
    onPickPhotos: () -> Unit,
    onTakePhoto: () -> Unit,
    onOpenJob: (UUID) -> Unit = {},
    onCancelJob: (UUID) -> Unit = {},
    onRetryJob: (UUID) -> Unit = {},
    onDismissJob: (UUID) -> Unit = {},
    onOpenPicture: (Uri) -> Unit = {},
    snackbar: SnackbarHostState = remember { SnackbarHostState() },
    onOpenSettings: () -> Unit = {},
) {
    Scaffold(snackbarHost = { SnackbarHost(snackbar) }) { padding ->
        LazyColumn(
            modifier = Modifier.fillMaxSize(),
            contentPadding = PaddingValues(
                start = 24.dp, end = 24.dp,
                top = padding.calculateTopPadding() + 24.dp,
                bottom = padding.calculateBottomPadding() + 24.dp,
            ),
            verticalArrangement = Arrangement.spacedBy(16.dp),
            horizontalAlignment = Alignment.CenterHorizontally,
        ) {
            item {
                Text(
                    text = stringResource(R.string.app_name),
                    style = MaterialTheme.typography.displaySmall,
                    color = MaterialTheme.colorScheme.primary,
                    modifier = Modifier.semantics { heading() },
                )
            }
            item {
                Text(
                    text = stringResource(R.string.home_tagline),
                    style = MaterialTheme.typography.bodyLarge,
                    textAlign = TextAlign.Center,
                )
            }
            item {
                Button(onClick = onPickPhotos, modifier = Modifier.widthIn(min = 220.dp)) {
                    Text(stringResource(R.string.home_pick_photos))
                }
            }
            item {
                OutlinedButton(onClick = onTakePhoto, modifier = Modifier.widthIn(min = 220.dp)) {
                    Text(stringResource(R.string.home_take_photo))
                }
            }
            item {
                TextButton(onClick = onOpenSettings) { Text(stringResource(R.string.home_settings)) }
            }
            if (state.jobs.isNotEmpty()) {
                item { SectionTitle(stringResource(R.string.home_jobs)) }
                items(state.jobs, key = { it.id.toString() }) { job ->
                    JobCard(
                        job,
                        onOpen = { onOpenJob(job.id) },
                        onCancel = { onCancelJob(job.id) },
                        onRetry = { onRetryJob(job.id) },
                        onDismiss = { onDismissJob(job.id) },
                    )
                }
            }
            item { SectionTitle(stringResource(R.string.home_recent_results)) }
            if (state.recentResults.isEmpty()) {
                item {
                    Text(
                        stringResource(R.string.home_no_results),
                        style = MaterialTheme.typography.bodyMedium,
                        color = MaterialTheme.colorScheme.onSurfaceVariant,
                    )
                }
            }
            items(state.recentResults.chunked(3)) { row ->
                RecentRow(row, onOpenPicture)
            }
        }
    }
}

@Composable
private fun SectionTitle(text: String) {
    Text(
        text,
        style = MaterialTheme.typography.titleMedium,
        modifier = Modifier
            .fillMaxWidth()
            .padding(top = 8.dp)
            .semantics { heading() },
    )
}

@Composable
private fun JobCard(job: JobStatus, onOpen: () -> Unit, onCancel: () -> Unit, onRetry: () -> Unit, onDismiss: () -> Unit) {
    Card(modifier = Modifier.fillMaxWidth().clickable(onClick = onOpen)) {
        Column(Modifier.padding(16.dp), verticalArrangement = Arrangement.spacedBy(8.dp)) {
            Text(job.displayName, style = MaterialTheme.typography.titleSmall)
            JobProgress(job)
            Row(modifier = Modifier.align(Alignment.End)) {
                if (job.isActive) {
                    TextButton(onClick = onCancel) { Text(stringResource(R.string.action_cancel)) }
                } else {
                    if (job.isRetryable) {
                        TextButton(onClick = onRetry) { Text(stringResource(R.string.action_retry)) }
                    }
                    TextButton(onClick = onDismiss) { Text(stringResource(R.string.action_dismiss)) }
                }
            }
        }
    }
}

/** A job's progress bar and its words: queued, tiles done, time left; or how it ended, and why. */
@Composable
fun JobProgress(job: JobStatus) {
    when (job.state) {
        JobStatus.State.RUNNING, JobStatus.State.QUEUED -> if (job.state == JobStatus.State.RUNNING && job.tilesTotal > 0) {
            LinearProgressIndicator(progress = { job.fraction }, modifier = Modifier.fillMaxWidth())
            Text(stringResource(R.string.job_progress, job.tilesDone, job.tilesTotal))
            if (job.etaMillis > 0) {
                Text(stringResource(R.string.job_time_left, formatDuration(job.etaMillis)))
            }
        } else {
            LinearProgressIndicator(modifier = Modifier.fillMaxWidth())
            Text(stringResource(if (job.state == JobStatus.State.QUEUED) R.string.job_queued else R.string.job_waiting))
        }
        JobStatus.State.DONE -> Text(stringResource(R.string.job_done))
        JobStatus.State.FAILED -> Text(
            stringResource(R.string.job_failed, job.error ?: ""),
            color = MaterialTheme.colorScheme.error,
        )
        JobStatus.State.CANCELLED -> Text(stringResource(R.string.job_cancelled))
    }
    job.note?.let {
        Text(it, style = MaterialTheme.typography.bodySmall, color = MaterialTheme.colorScheme.onSurfaceVariant)
    }
}

@Composable
private fun RecentRow(row: List<RecentResults.Item>, onOpenPicture: (Uri) -> Unit) {
    Row(Modifier.fillMaxWidth(), horizontalArrangement = Arrangement.spacedBy(8.dp)) {
        for (item in row) {
            AsyncImage(
                model = item.uri,
                contentDescription = stringResource(R.string.home_recent_result_description, item.name ?: ""),
                contentScale = ContentScale.Crop,
                modifier = Modifier
                    .weight(1f)
                    .aspectRatio(1f)
                    .clip(RoundedCornerShape(12.dp))
                    .clickable { onOpenPicture(item.uri) },
            )
        }
        repeat(3 - row.size) { androidx.compose.foundation.layout.Spacer(Modifier.weight(1f)) }
    }
}
