package io.clarity.app.ui.result

import android.graphics.Bitmap
import android.graphics.BitmapFactory
import android.graphics.BitmapRegionDecoder
import android.graphics.Rect
import android.net.Uri
import android.os.Build
import androidx.compose.foundation.Canvas
import androidx.compose.foundation.background
import androidx.compose.foundation.gestures.Orientation
import androidx.compose.foundation.gestures.detectTransformGestures
import androidx.compose.foundation.gestures.draggable
import androidx.compose.foundation.gestures.rememberDraggableState
import androidx.compose.foundation.layout.Box
import androidx.compose.foundation.layout.fillMaxHeight
import androidx.compose.foundation.layout.fillMaxSize
import androidx.compose.foundation.layout.offset
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.layout.width
import androidx.compose.foundation.shape.RoundedCornerShape
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.runtime.LaunchedEffect
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableFloatStateOf
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.remember
import androidx.compose.runtime.rememberUpdatedState
import androidx.compose.runtime.setValue
import androidx.compose.runtime.snapshotFlow
import androidx.compose.ui.Alignment
import androidx.compose.ui.Modifier
import androidx.compose.ui.draw.clipToBounds
import androidx.compose.ui.draw.drawWithContent
import androidx.compose.ui.geometry.Offset
import androidx.compose.ui.geometry.Size
import androidx.compose.ui.graphics.Color
import androidx.compose.ui.graphics.asImageBitmap
import androidx.compose.ui.graphics.drawscope.clipRect
import androidx.compose.ui.graphics.graphicsLayer
import androidx.compose.ui.input.pointer.pointerInput
import androidx.compose.ui.layout.ContentScale
import androidx.compose.ui.layout.onSizeChanged
import androidx.compose.ui.platform.LocalContext
import androidx.compose.ui.platform.LocalDensity
import androidx.compose.ui.platform.testTag
import androidx.compose.ui.res.stringResource
import androidx.compose.ui.semantics.ProgressBarRangeInfo
import androidx.compose.ui.semantics.contentDescription
import androidx.compose.ui.semantics.progressBarRangeInfo
import androidx.compose.ui.semantics.semantics
import androidx.compose.ui.semantics.setProgress
import androidx.compose.ui.semantics.stateDescription
import androidx.compose.ui.unit.IntOffset
import androidx.compose.ui.unit.IntSize
import androidx.compose.ui.unit.dp
import coil3.compose.AsyncImage
import io.clarity.app.R
import io.clarity.app.platform.PhotoBounds
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.delay
import kotlinx.coroutines.flow.collectLatest
import kotlinx.coroutines.withContext
import kotlin.math.roundToInt

/** The test tag of the divider, the one adjustable control of the viewer. */
const val DIVIDER_TAG = "before-after-divider"

/**
 * Before on the left of the divider, after on the right, both under one pinch-zoom and pan. Each image is a
 * screen-sized preview plus, when zoomed in, the visible region decoded again at the sample size the zoom
 * needs, so even a 100 MP result never decodes whole.
 */
@Composable
fun BeforeAfterViewer(
    before: Uri?,
    after: Uri,
    split: Float,
    onSplitChange: (Float) -> Unit,
    modifier: Modifier = Modifier,
) {
    val context = LocalContext.current
    var viewport by remember { mutableStateOf(IntSize.Zero) }
    var imageSize by remember(after) { mutableStateOf(IntSize.Zero) }
    var zoom by remember(after) { mutableFloatStateOf(1f) }
    var pan by remember(after) { mutableStateOf(Offset.Zero) }
    LaunchedEffect(after) {
        val bounds = withContext(Dispatchers.IO) { PhotoBounds.read(context.contentResolver, after) }
        if (bounds != null) imageSize = IntSize(bounds.width, bounds.height)
    }
    val fit = fittedSize(imageSize, viewport)
    // Zoom until one image pixel covers two screen pixels.
    val maxZoom = if (fit.width > 0f) maxOf(1f, imageSize.width / fit.width * 2f) else 1f
    val splitNow by rememberUpdatedState(split)
    val width by rememberUpdatedState(viewport.width)
    Box(
        modifier
            .clipToBounds()
            .onSizeChanged { viewport = it }
            .pointerInput(fit, maxZoom) {
                detectTransformGestures { centroid, gesturePan, gestureZoom, _ ->
                    val newZoom = (zoom * gestureZoom).coerceIn(1f, maxZoom)
                    val center = Offset(size.width / 2f, size.height / 2f)
                    // Keep the point under the fingers still while zooming.
                    val anchored = (pan + centroid - center) * (newZoom / zoom) - (centroid - center)
                    zoom = newZoom
                    pan = clampPan(anchored + gesturePan, fit, size.width.toFloat(), size.height.toFloat(), zoom)
                }
            },
    ) {
        val transform = ViewTransform(zoom, pan, viewport, fit)
        Box(Modifier.fillMaxSize().drawWithContent {
            clipRect(right = size.width * split) { this@drawWithContent.drawContent() }
        }) {
            if (before != null) ZoomedImage(before, transform)
        }
        Box(Modifier.fillMaxSize().drawWithContent {
            clipRect(left = size.width * split) { this@drawWithContent.drawContent() }
        }) {
            ZoomedImage(after, transform)
        }
        Corner(stringResource(R.string.result_before), Alignment.TopStart)
        Corner(stringResource(R.string.result_after), Alignment.TopEnd)
        Divider(split, viewport, onSplitChange = { delta ->
            if (width > 0) onSplitChange((splitNow + delta / width).coerceIn(0f, 1f))
        }, onSet = onSplitChange)
    }
}

@Composable
private fun Corner(text: String, alignment: Alignment) {
    Box(Modifier.fillMaxSize()) {
        Text(
            text,
            color = Color.White,
            style = MaterialTheme.typography.labelLarge,
            modifier = Modifier
                .align(alignment)
                .padding(12.dp)
                .background(Color(0x99000000), RoundedCornerShape(8.dp))
                .padding(horizontal = 8.dp, vertical = 4.dp),
        )
    }
}

@Composable
private fun Divider(split: Float, viewport: IntSize, onSplitChange: (Float) -> Unit, onSet: (Float) -> Unit) {
    val density = LocalDensity.current
    val handle = 48.dp
    val label = stringResource(R.string.result_divider)
    val state = stringResource(R.string.result_divider_state, (split * 100).roundToInt())
    val x = viewport.width * split - with(density) { handle.toPx() } / 2
    val lineColor = MaterialTheme.colorScheme.primary
    Canvas(
        Modifier
            .offset { IntOffset(x.roundToInt(), 0) }
            .width(handle)
            .fillMaxHeight()
            .testTag(DIVIDER_TAG)
            .draggable(orientation = Orientation.Horizontal, state = rememberDraggableState(onSplitChange))
            .semantics {
                contentDescription = label
                stateDescription = state
                progressBarRangeInfo = ProgressBarRangeInfo(split, 0f..1f)
                setProgress { value -> onSet(value.coerceIn(0f, 1f)); true }
            },
    ) {
        val cx = size.width / 2
        drawLine(Color.White, Offset(cx, 0f), Offset(cx, size.height), 3.dp.toPx())
        drawCircle(lineColor, radius = 16.dp.toPx(), center = Offset(cx, size.height / 2))
        drawCircle(Color.White, radius = 16.dp.toPx(), center = Offset(cx, size.height / 2), style = androidx.compose.ui.graphics.drawscope.Stroke(3.dp.toPx()))
    }
}

/** Zoom about the viewport centre, then pan; the image fitted inside the viewport at zoom 1. */
private class ViewTransform(val zoom: Float, val pan: Offset, val viewport: IntSize, val fit: Size) {
    private val center get() = Offset(viewport.width / 2f, viewport.height / 2f)
    private val fitOrigin get() = Offset((viewport.width - fit.width) / 2f, (viewport.height - fit.height) / 2f)

    /** Screen position of a point given in fitted-image coordinates (0..fit.width). */
    fun toScreen(p: Offset): Offset = center + (fitOrigin + p - center) * zoom + pan

    fun toFitted(s: Offset): Offset = (s - pan - center) / zoom + center - fitOrigin
}

private fun fittedSize(image: IntSize, viewport: IntSize): Size {
    if (image.width <= 0 || image.height <= 0 || viewport.width <= 0 || viewport.height <= 0) return Size.Zero
    val s = minOf(viewport.width.toFloat() / image.width, viewport.height.toFloat() / image.height)
    return Size(image.width * s, image.height * s)
}

private fun clampPan(pan: Offset, fit: Size, width: Float, height: Float, zoom: Float): Offset {
    val maxX = maxOf(0f, (fit.width * zoom - width) / 2f)
    val maxY = maxOf(0f, (fit.height * zoom - height) / 2f)
    return Offset(pan.x.coerceIn(-maxX, maxX), pan.y.coerceIn(-maxY, maxY))
}

/** A decoded region of the image: which image pixels, decoded at which sample size. */
private class Detail(val region: Rect, val bitmap: Bitmap)

@Composable
private fun ZoomedImage(uri: Uri, transform: ViewTransform) {
    val context = LocalContext.current
    val current by rememberUpdatedState(transform)
    var detail by remember(uri) { mutableStateOf<Detail?>(null) }
    // Its own size: "before" is the scale factor smaller than "after", laid out over the same rectangle.
    var imageSize by remember(uri) { mutableStateOf(IntSize.Zero) }
    var upright by remember(uri) { mutableStateOf(false) }
    LaunchedEffect(uri) {
        val bounds = withContext(Dispatchers.IO) { PhotoBounds.read(context.contentResolver, uri) }
        if (bounds != null) {
            upright = bounds.orientation == 1
            imageSize = IntSize(bounds.width, bounds.height)
        }
    }
    AsyncImage(
        model = uri,
        contentDescription = null,
        contentScale = ContentScale.Fit,
        modifier = Modifier.fillMaxSize().graphicsLayer {
            scaleX = transform.zoom
            scaleY = transform.zoom
            translationX = transform.pan.x
            translationY = transform.pan.y
        },
    )
    LaunchedEffect(uri, imageSize) {
        // A region decoder reads stored pixels: for a photo stored turned (EXIF), only the preview is shown.
        if (imageSize.width <= 0 || !upright) return@LaunchedEffect
        val decoder = withContext(Dispatchers.IO) { openDecoder(context, uri, imageSize) } ?: return@LaunchedEffect
        try {
            snapshotFlow { Triple(current.zoom, current.pan, current.viewport) }.collectLatest {
                delay(120) // decode once the fingers rest
                val t = current
                if (t.fit.width <= 0f || t.zoom < 1.5f) {
                    detail = null
                    return@collectLatest
                }
                val scale = imageSize.width / t.fit.width
                val topLeft = t.toFitted(Offset.Zero) * scale
                val bottomRight = t.toFitted(Offset(t.viewport.width.toFloat(), t.viewport.height.toFloat())) * scale
                val rect = Rect(
                    topLeft.x.toInt().coerceIn(0, imageSize.width), topLeft.y.toInt().coerceIn(0, imageSize.height),
                    bottomRight.x.toInt().coerceIn(0, imageSize.width), bottomRight.y.toInt().coerceIn(0, imageSize.height),
                )
                if (rect.isEmpty) return@collectLatest
                var sample = 1
                while (sample * 2 <= scale / t.zoom) sample *= 2
                val options = BitmapFactory.Options().apply { inSampleSize = sample }
                val bitmap = withContext(Dispatchers.IO) { decoder.decodeRegion(rect, options) }
                detail = bitmap?.let { Detail(rect, it) }
            }
        } finally {
            decoder.recycle()
        }
    }
    val shown = detail
    if (shown != null) {
        Canvas(Modifier.fillMaxSize()) {
            val t = transform
            if (t.fit.width <= 0f) return@Canvas
            val scale = imageSize.width / t.fit.width
            val topLeft = t.toScreen(Offset(shown.region.left / scale, shown.region.top / scale))
            val bottomRight = t.toScreen(Offset(shown.region.right / scale, shown.region.bottom / scale))
            drawImage(
                shown.bitmap.asImageBitmap(),
                dstOffset = IntOffset(topLeft.x.roundToInt(), topLeft.y.roundToInt()),
                dstSize = IntSize((bottomRight.x - topLeft.x).roundToInt(), (bottomRight.y - topLeft.y).roundToInt()),
            )
        }
    }
}

/** A region decoder over the stored pixels; null when they are not what the preview shows. */
@Suppress("DEPRECATION")
private fun openDecoder(context: android.content.Context, uri: Uri, upright: IntSize): BitmapRegionDecoder? =
    try {
        context.contentResolver.openInputStream(uri)?.use { input ->
            val decoder = if (Build.VERSION.SDK_INT >= Build.VERSION_CODES.S) BitmapRegionDecoder.newInstance(input)
            else BitmapRegionDecoder.newInstance(input, false)
            if (decoder != null && (decoder.width != upright.width || decoder.height != upright.height)) {
                decoder.recycle()
                null
            } else decoder
        }
    } catch (e: Exception) {
        null
    }
