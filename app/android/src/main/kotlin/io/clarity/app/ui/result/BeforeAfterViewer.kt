package io.clarity.app.ui.result

import android.graphics.Bitmap
import android.net.Uri
import androidx.compose.foundation.Canvas
import androidx.compose.foundation.background
import androidx.compose.foundation.gestures.Orientation
import androidx.compose.foundation.gestures.detectTapGestures
import androidx.compose.foundation.gestures.detectTransformGestures
import androidx.compose.foundation.gestures.draggable
import androidx.compose.foundation.gestures.rememberDraggableState
import androidx.compose.foundation.layout.Box
import androidx.compose.foundation.layout.fillMaxHeight
import androidx.compose.foundation.layout.fillMaxSize
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.absoluteOffset
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.layout.width
import androidx.compose.foundation.shape.RoundedCornerShape
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.runtime.LaunchedEffect
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.remember
import androidx.compose.runtime.rememberUpdatedState
import androidx.compose.runtime.setValue
import androidx.compose.runtime.snapshotFlow
import androidx.compose.ui.AbsoluteAlignment
import androidx.compose.ui.Alignment
import androidx.compose.ui.Modifier
import androidx.compose.ui.draw.clipToBounds
import androidx.compose.ui.draw.drawWithContent
import androidx.compose.ui.geometry.Offset
import androidx.compose.ui.graphics.Color
import androidx.compose.ui.graphics.asImageBitmap
import androidx.compose.ui.graphics.drawscope.Stroke
import androidx.compose.ui.graphics.drawscope.clipRect
import androidx.compose.ui.graphics.graphicsLayer
import androidx.compose.ui.input.pointer.pointerInput
import androidx.compose.ui.layout.ContentScale
import androidx.compose.ui.layout.onSizeChanged
import androidx.compose.ui.platform.LocalContext
import androidx.compose.ui.platform.LocalDensity
import androidx.compose.ui.platform.LocalLayoutDirection
import androidx.compose.ui.platform.testTag
import androidx.compose.ui.res.stringResource
import androidx.compose.ui.semantics.ProgressBarRangeInfo
import androidx.compose.ui.semantics.contentDescription
import androidx.compose.ui.semantics.progressBarRangeInfo
import androidx.compose.ui.semantics.semantics
import androidx.compose.ui.semantics.setProgress
import androidx.compose.ui.semantics.stateDescription
import androidx.compose.ui.text.style.TextAlign
import androidx.compose.ui.unit.IntOffset
import androidx.compose.ui.unit.IntSize
import androidx.compose.ui.unit.LayoutDirection
import androidx.compose.ui.unit.dp
import coil3.compose.AsyncImage
import io.clarity.app.R
import io.clarity.app.platform.BitmapRegionSource
import io.clarity.app.platform.PhotoBounds
import io.clarity.engine.image.Region
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.delay
import kotlinx.coroutines.flow.collectLatest
import kotlinx.coroutines.withContext
import kotlin.math.roundToInt

/** The test tag of the divider, the one adjustable control of the viewer. */
const val DIVIDER_TAG = "before-after-divider"
/** Test tags of the two sides' labels. */
const val BEFORE_LABEL_TAG = "before-label"
const val AFTER_LABEL_TAG = "after-label"

/**
 * Before on the reading direction's start side of the divider (left, or right in RTL), after on the other, both under
 * one pinch/double-tap zoom and pan ([ViewerTransform]: the arithmetic, tested on its own). Each side is a
 * screen-sized preview plus, when zoomed, its visible region decoded again from its own file at the sample size the
 * zoom needs, so both are at full detail at every zoom and even a 100 MP result never decodes whole.
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
    val rtl = LocalLayoutDirection.current == LayoutDirection.Rtl
    var viewport by remember { mutableStateOf(IntSize.Zero) }
    // The picture's shape, from the result: the transform is defined on it, so both sides share it.
    var shape by remember(after) { mutableStateOf(IntSize.Zero) }
    var transform by remember(after) { mutableStateOf(ViewerTransform.IDENTITY) }
    LaunchedEffect(after) {
        val bounds = withContext(Dispatchers.IO) { PhotoBounds.read(context.contentResolver, after) }
        if (bounds != null) shape = IntSize(bounds.width, bounds.height)
    }
    // A photo-picker grant ends with the process: a before side that can no longer be read says so, never blank.
    var beforeReadable by remember(before) { mutableStateOf(before != null) }
    LaunchedEffect(before) {
        if (before != null) {
            beforeReadable = withContext(Dispatchers.IO) { PhotoBounds.read(context.contentResolver, before) } != null
        }
    }
    val splitNow by rememberUpdatedState(split)
    Box(
        modifier
            .clipToBounds()
            .onSizeChanged { viewport = it }
            .pointerInput(shape, viewport) {
                detectTransformGestures { centroid, pan, zoom, _ ->
                    transform = transform.gesture(centroid.x, centroid.y, pan.x, pan.y, zoom,
                        shape.width, shape.height, viewport.width, viewport.height)
                }
            }
            .pointerInput(shape, viewport) {
                detectTapGestures(onDoubleTap = { at ->
                    transform = transform.doubleTap(at.x, at.y, shape.width, shape.height, viewport.width, viewport.height)
                })
            },
    ) {
        val dividerX = SplitDivider.dividerX(split, viewport.width, rtl)
        Box(Modifier.fillMaxSize().drawWithContent {
            if (rtl) clipRect(left = dividerX) { this@drawWithContent.drawContent() }
            else clipRect(right = dividerX) { this@drawWithContent.drawContent() }
        }) {
            if (before != null && beforeReadable) ZoomedImage(before, transform, shape, viewport)
            else Unavailable(rtl)
        }
        Box(Modifier.fillMaxSize().drawWithContent {
            if (rtl) clipRect(right = dividerX) { this@drawWithContent.drawContent() }
            else clipRect(left = dividerX) { this@drawWithContent.drawContent() }
        }) {
            ZoomedImage(after, transform, shape, viewport)
        }
        // Labels follow the images, which are never mirrored: absolute sides.
        Corner(stringResource(R.string.result_before), if (rtl) AbsoluteAlignment.TopRight else AbsoluteAlignment.TopLeft, BEFORE_LABEL_TAG)
        Corner(stringResource(R.string.result_after), if (rtl) AbsoluteAlignment.TopLeft else AbsoluteAlignment.TopRight, AFTER_LABEL_TAG)
        Divider(split, dividerX, onDrag = { dx ->
            onSplitChange(SplitDivider.afterDrag(splitNow, dx, viewport.width, rtl))
        }, onSet = onSplitChange)
    }
}

@Composable
private fun Unavailable(rtl: Boolean) {
    Box(Modifier.fillMaxSize().background(MaterialTheme.colorScheme.surfaceVariant)) {
        Text(
            stringResource(R.string.result_before_unavailable),
            color = MaterialTheme.colorScheme.onSurfaceVariant,
            style = MaterialTheme.typography.bodyMedium,
            textAlign = TextAlign.Center,
            modifier = Modifier
                .fillMaxWidth(0.5f)
                .align(if (rtl) AbsoluteAlignment.CenterRight else AbsoluteAlignment.CenterLeft)
                .padding(16.dp),
        )
    }
}

@Composable
private fun Corner(text: String, alignment: Alignment, tag: String) {
    Box(Modifier.fillMaxSize()) {
        Text(
            text,
            color = Color.White,
            style = MaterialTheme.typography.labelLarge,
            modifier = Modifier
                .align(alignment)
                .padding(12.dp)
                .background(Color(0x99000000), RoundedCornerShape(8.dp))
                .padding(horizontal = 8.dp, vertical = 4.dp)
                .testTag(tag),
        )
    }
}

@Composable
private fun Divider(split: Float, dividerX: Float, onDrag: (Float) -> Unit, onSet: (Float) -> Unit) {
    val density = LocalDensity.current
    val handle = 48.dp
    val label = stringResource(R.string.result_divider)
    val percents = SplitDivider.percents(split)
    val state = stringResource(R.string.result_divider_split, percents[0], percents[1])
    val x = dividerX - with(density) { handle.toPx() } / 2
    val lineColor = MaterialTheme.colorScheme.primary
    // Screen coordinates, whatever the layout direction: offset and start alignment would mirror in RTL.
    Box(Modifier.fillMaxSize()) { Canvas(
        Modifier
            .align(AbsoluteAlignment.TopLeft)
            .absoluteOffset { IntOffset(x.roundToInt(), 0) }
            .width(handle)
            .fillMaxHeight()
            .testTag(DIVIDER_TAG)
            .draggable(orientation = Orientation.Horizontal, state = rememberDraggableState(onDrag))
            .semantics {
                contentDescription = label
                stateDescription = state
                // The share showing before: TalkBack's "increase" shows more of it, on either reading direction.
                progressBarRangeInfo = ProgressBarRangeInfo(split, 0f..1f)
                setProgress { value -> onSet(value.coerceIn(0f, 1f)); true }
            },
    ) {
        val cx = size.width / 2
        drawLine(Color.White, Offset(cx, 0f), Offset(cx, size.height), 3.dp.toPx())
        drawCircle(lineColor, radius = 16.dp.toPx(), center = Offset(cx, size.height / 2))
        drawCircle(Color.White, radius = 16.dp.toPx(), center = Offset(cx, size.height / 2), style = Stroke(3.dp.toPx()))
    } }
}

/** A decoded region of one side: which of its upright pixels, of an image of which size. */
private class Detail(val region: IntArray, val imageSize: IntSize, val bitmap: Bitmap)

@Composable
private fun ZoomedImage(uri: Uri, transform: ViewerTransform, shape: IntSize, viewport: IntSize) {
    val context = LocalContext.current
    val current by rememberUpdatedState(transform)
    var detail by remember(uri) { mutableStateOf<Detail?>(null) }
    AsyncImage(
        model = uri,
        contentDescription = null,
        contentScale = ContentScale.Fit,
        modifier = Modifier.fillMaxSize().graphicsLayer {
            scaleX = transform.zoom()
            scaleY = transform.zoom()
            translationX = transform.panX()
            translationY = transform.panY()
        },
    )
    LaunchedEffect(uri, shape, viewport) {
        if (shape.width <= 0 || viewport.width <= 0) return@LaunchedEffect
        val source = withContext(Dispatchers.IO) {
            try {
                val bounds = PhotoBounds.read(context.contentResolver, uri) ?: return@withContext null
                BitmapRegionSource.open(context.contentResolver, uri, bounds.orientation)
            } catch (e: java.io.IOException) {
                null // the preview alone is shown
            }
        } ?: return@LaunchedEffect
        try {
            snapshotFlow { current }.collectLatest { t ->
                if (t.zoom() < 1.05f) {
                    detail = null
                    return@collectLatest
                }
                delay(120) // decode once the fingers rest
                val size = IntSize(source.width(), source.height())
                val r = t.visibleRegion(size.width, size.height, shape.width, shape.height, viewport.width, viewport.height)
                if (r[2] <= r[0] || r[3] <= r[1]) return@collectLatest
                val sample = ViewerTransform.sampleSize(
                    t.imagePixelsPerScreenPixel(size.width, shape.width, shape.height, viewport.width, viewport.height))
                val bitmap = withContext(Dispatchers.IO) {
                    source.decodeUpright(Region(r[0], r[1], r[2] - r[0], r[3] - r[1]), sample)
                }
                detail = bitmap?.let { Detail(r, size, it) }
            }
        } finally {
            source.close()
        }
    }
    val shown = detail
    if (shown != null && shape.width > 0) {
        Canvas(Modifier.fillMaxSize()) {
            val w = shown.imageSize.width.toFloat()
            val h = shown.imageSize.height.toFloat()
            val vw = viewport.width
            val vh = viewport.height
            val topLeft = transform.toScreen(shown.region[0] / w, shown.region[1] / h, shape.width, shape.height, vw, vh)
            val bottomRight = transform.toScreen(shown.region[2] / w, shown.region[3] / h, shape.width, shape.height, vw, vh)
            drawImage(
                shown.bitmap.asImageBitmap(),
                dstOffset = IntOffset(topLeft[0].roundToInt(), topLeft[1].roundToInt()),
                dstSize = IntSize((bottomRight[0] - topLeft[0]).roundToInt(), (bottomRight[1] - topLeft[1]).roundToInt()),
            )
        }
    }
}
