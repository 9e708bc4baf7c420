package io.clarity.app.ui.result

import android.graphics.BitmapFactory
import android.net.Uri
import androidx.compose.foundation.Image
import androidx.compose.foundation.layout.Box
import androidx.compose.foundation.layout.fillMaxSize
import androidx.compose.runtime.Composable
import androidx.compose.runtime.LaunchedEffect
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.remember
import androidx.compose.runtime.setValue
import androidx.compose.ui.Modifier
import androidx.compose.ui.graphics.ImageBitmap
import androidx.compose.ui.graphics.asImageBitmap
import androidx.compose.ui.layout.ContentScale
import androidx.compose.ui.platform.testTag
import androidx.compose.ui.res.stringResource
import androidx.compose.ui.semantics.contentDescription
import androidx.compose.ui.semantics.semantics
import coil3.compose.AsyncImage
import io.clarity.app.R
import io.clarity.app.data.JobPreview
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.withContext

/** The test tag of the live preview while a job runs. */
const val LIVE_PREVIEW_TAG = "live-preview"

/**
 * The photo while it is enhanced: the input, scaled to the screen, with the job's preview file laid over it, so each
 * finished tile replaces its region. The file is read again at each new revision, off the main thread; until the
 * next one lands the last one stays.
 */
@Composable
fun LiveTilePreview(input: Uri?, preview: JobPreview?, modifier: Modifier = Modifier) {
    var tiles by remember { mutableStateOf<ImageBitmap?>(null) }
    LaunchedEffect(preview?.file, preview?.revision) {
        val file = preview?.file ?: return@LaunchedEffect
        val decoded = withContext(Dispatchers.IO) { BitmapFactory.decodeFile(file.path) }
        if (decoded != null) tiles = decoded.asImageBitmap() // a file deleted as the job ended keeps the last one
    }
    val description = stringResource(R.string.live_preview_description)
    Box(modifier.testTag(LIVE_PREVIEW_TAG).semantics { contentDescription = description }) {
        if (input != null) {
            AsyncImage(model = input, contentDescription = null, contentScale = ContentScale.Fit, modifier = Modifier.fillMaxSize())
        }
        tiles?.let {
            Image(bitmap = it, contentDescription = null, contentScale = ContentScale.Fit, modifier = Modifier.fillMaxSize())
        }
    }
}
