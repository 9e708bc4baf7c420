package io.clarity.app.ui.result

import android.graphics.Bitmap
import android.graphics.Color
import android.net.Uri
import androidx.compose.foundation.layout.size
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.setValue
import androidx.compose.ui.Modifier
import androidx.compose.ui.graphics.asAndroidBitmap
import androidx.compose.ui.test.captureToImage
import androidx.compose.ui.test.junit4.createComposeRule
import androidx.compose.ui.test.onNodeWithTag
import androidx.compose.ui.unit.dp
import androidx.test.core.app.ApplicationProvider
import androidx.test.ext.junit.runners.AndroidJUnit4
import io.clarity.app.data.JobPreview
import io.clarity.app.ui.theme.ClarityTheme
import io.clarity.engine.image.ArgbImage
import io.clarity.engine.image.FloatImage
import io.clarity.engine.io.ImageSink
import io.clarity.engine.io.InMemoryImageSource
import io.clarity.engine.model.ModelSpec
import io.clarity.engine.model.SuperResolutionModel
import io.clarity.engine.model.TensorType
import io.clarity.engine.pipeline.CancellationToken
import io.clarity.engine.pipeline.EnhanceOptions
import io.clarity.engine.pipeline.Enhancer
import io.clarity.engine.pipeline.LivePreview
import io.clarity.engine.pipeline.ProgressListener
import org.junit.Assert.assertEquals
import org.junit.Assert.assertNotEquals
import org.junit.Assert.assertTrue
import org.junit.Rule
import org.junit.Test
import org.junit.runner.RunWith
import org.robolectric.annotation.GraphicsMode
import java.io.File
import java.io.FileOutputStream
import java.util.concurrent.Semaphore
import java.util.concurrent.TimeUnit
import java.util.concurrent.atomic.AtomicReference
import kotlin.concurrent.thread

/**
 * A real engine run with a fake model, one tile at a time, into the job's live preview file, shown by the running
 * job's composable: what is on screen changes as tiles complete, and a finished tile's region shows the output.
 */
@RunWith(AndroidJUnit4::class)
@GraphicsMode(GraphicsMode.Mode.NATIVE)
class LiveTilePreviewTest {
    @get:Rule
    val compose = createComposeRule()

    private val context = ApplicationProvider.getApplicationContext<android.content.Context>()

    /** ×2 nearest neighbour painted pure red, and each tile waits for the test's permit. */
    private class RedModel(private val permits: Semaphore) : SuperResolutionModel {
        override fun spec(): ModelSpec = ModelSpec.freeShape("red", 2, ModelSpec.Channels.RGB, TensorType.FLOAT32, 0)
        override fun upscale(tile: FloatImage): FloatImage {
            check(permits.tryAcquire(10, TimeUnit.SECONDS)) { "no permit" }
            val out = FloatImage(tile.width() * 2, tile.height() * 2, 3)
            for (y in 0 until out.height()) for (x in 0 until out.width()) out.set(x, y, 0, 1f)
            return out
        }
        override fun close() {}
    }

    private class NullSink : ImageSink {
        override fun start(width: Int, height: Int, hasAlpha: Boolean) {}
        override fun writeRows(band: ArgbImage) {}
        override fun finish() {}
        override fun abort() {}
    }

    @Test
    fun thePreviewChangesAsTilesComplete() {
        val input = grey(64, 48)
        val inputFile = File(context.cacheDir, "live-input.png")
        FileOutputStream(inputFile).use { input.compress(Bitmap.CompressFormat.PNG, 100, it) }
        val previewFile = File(context.cacheDir, "live-preview.png")
        val latest = AtomicReference<JobPreview?>(null)
        var shown by mutableStateOf<JobPreview?>(null)
        compose.setContent {
            ClarityTheme(dynamicColor = false) {
                LiveTilePreview(Uri.fromFile(inputFile), shown, Modifier.size(128.dp, 96.dp))
            }
        }
        val permits = Semaphore(0)
        val pixels = IntArray(64 * 48).also { input.getPixels(it, 0, 64, 0, 0, 64, 48) }
        // 32 px tiles: 2 x 2 tiles over the 64 x 48 photo.
        val preview = LivePreview(previewFile.toPath(), 1080, 0, TimeUnit.MILLISECONDS) { revision, tiles ->
            latest.set(JobPreview(previewFile, revision, tiles))
        }
        val run = thread {
            Enhancer({ RedModel(permits) }, EnhanceOptions(1, 32)).run(InMemoryImageSource(ArgbImage(64, 48, pixels), false),
                NullSink(), ProgressListener.NONE, preview, CancellationToken())
        }
        val before = capture()
        assertTrue("the photo is shown before any tile: ${centre(before)}", isGrey(centre(before)))

        permits.release(1)
        val first = showWhen(latest) { it.tilesShown >= 1 }.also { shown = it }
        val oneTile = capture()
        assertNotEquals("the first tile changed the picture", before.sameAs(oneTile), true)
        assertTrue("the first tile (top left) shows the output", isRed(oneTile.getPixel(oneTile.width / 8, oneTile.height / 4)))
        assertTrue("the last tile's region still shows the photo",
            isGrey(oneTile.getPixel(oneTile.width * 7 / 8, oneTile.height * 7 / 8)))

        permits.release(100)
        run.join(10_000)
        val all = showWhen(latest) { it.tilesShown == 4 && it.revision > first.revision }.also { shown = it }
        val allTiles = capture()
        assertNotEquals(oneTile.sameAs(allTiles), true)
        assertTrue("every tile shows the output", isRed(allTiles.getPixel(allTiles.width * 7 / 8, allTiles.height * 7 / 8)))
        assertEquals(4, all.tilesShown)
        preview.close()
    }

    private fun showWhen(latest: AtomicReference<JobPreview?>, ready: (JobPreview) -> Boolean): JobPreview {
        val deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10)
        while (System.nanoTime() < deadline) {
            latest.get()?.let { if (ready(it)) return it }
            Thread.sleep(10)
        }
        throw AssertionError("no such preview; last ${latest.get()}")
    }

    private fun capture(): Bitmap {
        repeat(10) { // Coil and the preview decode on background threads
            Thread.sleep(50)
            compose.waitForIdle()
        }
        return compose.onNodeWithTag(LIVE_PREVIEW_TAG).captureToImage().asAndroidBitmap()
    }

    private fun centre(b: Bitmap) = b.getPixel(b.width / 2, b.height / 2)
    private fun isGrey(c: Int) = Color.red(c) in 100..156 && Color.green(c) in 100..156 && Color.blue(c) in 100..156
    private fun isRed(c: Int) = Color.red(c) > 200 && Color.green(c) < 60 && Color.blue(c) < 60

    private fun grey(width: Int, height: Int): Bitmap =
        Bitmap.createBitmap(width, height, Bitmap.Config.ARGB_8888).apply { eraseColor(Color.rgb(128, 128, 128)) }
}
