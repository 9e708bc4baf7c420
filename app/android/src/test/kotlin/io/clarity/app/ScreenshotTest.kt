package io.clarity.app

import android.graphics.Bitmap
import android.graphics.BitmapFactory
import android.graphics.Canvas
import android.graphics.Color
import android.graphics.Paint
import android.net.Uri
import androidx.compose.runtime.Composable
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.setValue
import androidx.compose.ui.graphics.asAndroidBitmap
import androidx.compose.ui.test.captureToImage
import androidx.compose.ui.test.junit4.createComposeRule
import androidx.compose.ui.test.onRoot
import androidx.test.core.app.ApplicationProvider
import androidx.test.ext.junit.runners.AndroidJUnit4
import io.clarity.app.data.JobPreview
import io.clarity.app.data.JobStatus
import io.clarity.app.data.ModelInfo
import io.clarity.app.data.RecentResults
import io.clarity.app.ui.home.HomeContent
import io.clarity.app.ui.home.HomeUiState
import io.clarity.app.ui.options.OptionsContent
import io.clarity.app.ui.options.OptionsUiState
import io.clarity.app.ui.result.ResultContent
import io.clarity.app.ui.result.ResultUiState
import io.clarity.app.data.AppSettings
import io.clarity.app.data.LicenceNotices
import io.clarity.app.tflite.Backend
import io.clarity.app.tflite.BackendChoice
import io.clarity.app.tflite.BenchmarkResult
import io.clarity.app.tflite.Processor
import io.clarity.app.ui.settings.AboutContent
import io.clarity.app.ui.settings.AboutUiState
import io.clarity.app.ui.settings.AboutViewModel
import io.clarity.app.tflite.AssetModelFiles
import io.clarity.app.ui.settings.BenchmarkContent
import io.clarity.app.ui.settings.BenchmarkUiState
import io.clarity.app.ui.settings.SettingsContent
import io.clarity.app.ui.settings.SettingsUiState
import io.clarity.app.ui.theme.ClarityTheme
import io.clarity.app.work.EnhanceRequest
import org.junit.Assert.assertEquals
import org.junit.Assert.assertTrue
import org.junit.Rule
import org.junit.Test
import org.junit.runner.RunWith
import org.robolectric.annotation.Config
import org.robolectric.annotation.GraphicsMode
import java.io.File
import java.io.FileOutputStream
import java.util.UUID

/**
 * Every screen's content in light and dark, rendered by Robolectric's native graphics, compared with the committed
 * reference in docs/screenshots: a pixel differs when any channel is more than [MAX_CHANNEL_DELTA] apart, and a screen
 * fails when more than [MAX_DIFFERING_FRACTION] of its pixels differ (or its size changed), so a changed screen fails
 * here until its references are regenerated. With -Dclarity.screenshots=true the PNGs are rewritten instead (see
 * app/android/screenshots). The photos in them are synthetic drawings, not model output.
 */
@RunWith(AndroidJUnit4::class)
@GraphicsMode(GraphicsMode.Mode.NATIVE)
@Config(qualifiers = "w393dp-h851dp-xxhdpi")
class ScreenshotTest {
    companion object {
        /** Anti-aliasing and font hinting may move an edge by a shade between runs; a changed screen moves far more. */
        const val MAX_CHANNEL_DELTA = 24
        /** 0.2 % of a 1179 × 2553 screen is about 6 000 pixels: a changed word or button is many times that. */
        const val MAX_DIFFERING_FRACTION = 0.002
    }

    @get:Rule
    val compose = createComposeRule()

    private val context = ApplicationProvider.getApplicationContext<android.content.Context>()
    private var dark by mutableStateOf(false)

    private fun shoot(name: String, content: @Composable () -> Unit) {
        compose.setContent { ClarityTheme(darkTheme = dark, dynamicColor = false) { content() } }
        for (theme in listOf("light", "dark")) {
            dark = theme == "dark"
            // Coil and the viewer decode on background threads: let them land before capturing.
            repeat(15) {
                Thread.sleep(100)
                compose.waitForIdle()
            }
            val bitmap = compose.onRoot().captureToImage().asAndroidBitmap()
            assertTrue("$name-$theme is blank", distinctColours(bitmap) > 4)
            val reference = File("../../docs/screenshots", "$name-$theme.png")
            if (System.getProperty("clarity.screenshots") == "true") {
                reference.parentFile!!.mkdirs()
                FileOutputStream(reference).use { bitmap.compress(Bitmap.CompressFormat.PNG, 100, it) }
            } else {
                assertMatches(reference, bitmap)
            }
        }
    }

    private fun assertMatches(reference: File, bitmap: Bitmap) {
        assertTrue("${reference.name} is missing: run app/android/screenshots", reference.isFile)
        val expected = BitmapFactory.decodeFile(reference.path)
        assertEquals("${reference.name}: size", "${expected.width}x${expected.height}", "${bitmap.width}x${bitmap.height}")
        val differing = differingPixels(expected, bitmap)
        val fraction = differing.toDouble() / (bitmap.width * bitmap.height)
        assertTrue(
            "${reference.name}: $differing pixels (${"%.3f".format(fraction * 100)} %) differ by more than " +
                "$MAX_CHANNEL_DELTA; the screen changed: run app/android/screenshots and check the new images",
            fraction <= MAX_DIFFERING_FRACTION,
        )
    }

    /** Pixels where any channel (alpha included) differs by more than [MAX_CHANNEL_DELTA]. */
    private fun differingPixels(a: Bitmap, b: Bitmap): Int {
        val w = a.width
        val pa = IntArray(w * a.height).also { a.getPixels(it, 0, w, 0, 0, w, a.height) }
        val pb = IntArray(w * b.height).also { b.getPixels(it, 0, w, 0, 0, w, b.height) }
        var n = 0
        for (i in pa.indices) {
            val x = pa[i]
            val y = pb[i]
            for (shift in intArrayOf(0, 8, 16, 24)) {
                if (kotlin.math.abs(((x ushr shift) and 0xFF) - ((y ushr shift) and 0xFF)) > MAX_CHANNEL_DELTA) {
                    n++
                    break
                }
            }
        }
        return n
    }

    private fun distinctColours(bitmap: Bitmap): Int {
        val seen = HashSet<Int>()
        for (y in 0 until bitmap.height step 16) for (x in 0 until bitmap.width step 16) seen.add(bitmap.getPixel(x, y))
        return seen.size
    }

    /** A synthetic "photo": sky, sun, hills and a line of text, drawn at the given size. */
    private fun drawing(name: String, width: Int, height: Int): Uri {
        val bitmap = Bitmap.createBitmap(width, height, Bitmap.Config.ARGB_8888)
        val canvas = Canvas(bitmap)
        val s = width / 160f
        val paint = Paint(Paint.ANTI_ALIAS_FLAG)
        canvas.drawColor(Color.rgb(120, 170, 220))
        paint.color = Color.rgb(250, 210, 90)
        canvas.drawCircle(118 * s, 34 * s, 14 * s, paint)
        paint.color = Color.rgb(70, 130, 80)
        canvas.drawCircle(40 * s, 150 * s, 70 * s, paint)
        paint.color = Color.rgb(50, 105, 65)
        canvas.drawCircle(130 * s, 160 * s, 75 * s, paint)
        paint.color = Color.WHITE
        paint.textSize = 11 * s
        canvas.drawText("Clarity", 14 * s, 26 * s, paint)
        val file = File(context.cacheDir, "$name.png")
        FileOutputStream(file).use { bitmap.compress(Bitmap.CompressFormat.PNG, 100, it) }
        return Uri.fromFile(file)
    }

    @Test
    fun home() {
        val recent = (1..5).map { RecentResults.item(drawing("recent$it", 160, 120), "IMG_$it-clarity.jpg") }
        val job = JobStatus(UUID.randomUUID(), "harbour-clarity.jpg", JobStatus.State.RUNNING, 7, 24, 95_000, null, null, 0, 0, null, 0.0, null, null)
        shoot("home") { HomeContent(HomeUiState(listOf(job), recent), onPickPhotos = {}, onTakePhoto = {}) }
    }

    @Test
    fun options() {
        val state = OptionsUiState(
            listOf(drawing("input", 160, 120)), false, 4032, 3024,
            listOf(ModelInfo.Kind.FAST, ModelInfo.Kind.DETAIL), ModelInfo.Kind.DETAIL, listOf(2, 4), 2,
            true, 0.5f, EnhanceRequest.Format.JPEG, 92, "IMG_2041-clarity", -1, OptionsUiState.Refusal.NONE,
        )
        shoot("options") {
            OptionsContent(state, onKind = {}, onScale = {}, onDetailStrength = {}, onFormat = {}, onQuality = {}, onFileName = {}, onStart = {}, onBack = {})
        }
    }

    /** Twice the text size: everything still fits, wraps or scrolls. */
    @Test
    @Config(fontScale = 2.0f)
    fun optionsAtLargeFont() {
        val state = OptionsUiState(
            listOf(drawing("input", 160, 120)), false, 4032, 3024,
            listOf(ModelInfo.Kind.FAST, ModelInfo.Kind.DETAIL), ModelInfo.Kind.FAST, listOf(2, 3, 4), 2,
            false, 0.5f, EnhanceRequest.Format.PNG, 92, "IMG_2041-clarity", 41_000, OptionsUiState.Refusal.NONE,
        )
        shoot("options-large-font") {
            OptionsContent(state, onKind = {}, onScale = {}, onDetailStrength = {}, onFormat = {}, onQuality = {}, onFileName = {}, onStart = {}, onBack = {})
        }
    }

    @Test
    fun resultWhileRunning() {
        val job = JobStatus(UUID.randomUUID(), "harbour-clarity.jpg", JobStatus.State.RUNNING, 7, 24, 95_000, null, null, 0, 0, null, 0.0, null, null)
        shoot("result-running") {
            ResultContent(ResultUiState(job, null, null, "", "image/jpeg", 0.5f, ResultUiState.Notice.NONE),
                onSplitChange = {}, onShare = {}, onSave = {}, onCancel = {}, onNoticeShown = {}, onBack = {})
        }
    }

    /** Mid-job: 7 of 24 tiles done, those tiles laid over the photo (a synthetic drawing, not model output). */
    @Test
    fun resultLivePreview() {
        val input = drawing("live-input", 160, 120)
        val tiles = android.graphics.BitmapFactory.decodeFile(drawing("live-tiles", 320, 240).path)
            .copy(Bitmap.Config.ARGB_8888, true)
        val clear = Paint().apply { xfermode = android.graphics.PorterDuffXfermode(android.graphics.PorterDuff.Mode.CLEAR) }
        Canvas(tiles).apply {
            drawRect(320f / 6, 60f, 320f, 120f, clear) // row 2 after its first tile
            drawRect(0f, 120f, 320f, 240f, clear) // rows 3 and 4
        }
        val previewFile = File(context.cacheDir, "live-preview.png")
        FileOutputStream(previewFile).use { tiles.compress(Bitmap.CompressFormat.PNG, 100, it) }
        val job = JobStatus(UUID.randomUUID(), "harbour-clarity.jpg", JobStatus.State.RUNNING, 7, 24, 95_000, input, null, 0, 0, null, 0.0, null, null)
            .withPreview(JobPreview(previewFile, 3, 7))
        shoot("result-live-preview") {
            ResultContent(ResultUiState(job, input, null, "", "image/jpeg", 0.5f, ResultUiState.Notice.NONE),
                onSplitChange = {}, onShare = {}, onSave = {}, onCancel = {}, onNoticeShown = {}, onBack = {})
        }
    }

    @Test
    fun resultBeforeAfter() {
        val before = drawing("before", 160, 120)
        val after = drawing("after", 320, 240)
        val job = JobStatus(UUID.randomUUID(), "harbour-clarity.jpg", JobStatus.State.DONE, 24, 24, 0, before, after, 8064, 6048, "GPU", 38.0, null, null)
        shoot("result") {
            ResultContent(ResultUiState(job, before, after, "IMG_2041-clarity.jpg", "image/jpeg", 0.45f, ResultUiState.Notice.NONE),
                onSplitChange = {}, onShare = {}, onSave = {}, onCancel = {}, onNoticeShown = {}, onBack = {})
        }
    }

    @Test
    fun settings() {
        val state = SettingsUiState(
            AppSettings.DEFAULTS, listOf(ModelInfo.Kind.FAST, ModelInfo.Kind.DETAIL), listOf(2, 3, 4),
            BackendChoice.processors(34),
        )
        shoot("settings") { SettingsContent(state) }
    }

    /** A phone at API 34 with a GPU whose output failed the check; the figures are made up for the picture. */
    @Test
    fun benchmark() {
        fun m(id: String, b: Backend, ms: Double, db: Double, error: String? = null) =
            BenchmarkResult.Measurement(id, b, ms, db, 184 * 184, error)
        val result = BenchmarkResult(
            1L,
            listOf(
                m("fast-x2-fp16", Backend.CPU, 38.0, Double.POSITIVE_INFINITY),
                m("fast-x2-fp16", Backend.CPU_INT8, 21.0, 49.8),
                m("fast-x2-fp16", Backend.GPU, 6.5, 31.2),
                m("fast-x2-fp16", Backend.NNAPI, 0.0, Double.NaN, "java.lang.IllegalArgumentException: Internal error: Failed to apply delegate"),
                m("realphoto-x2-fp16", Backend.CPU, 190.0, Double.POSITIVE_INFINITY),
                m("realphoto-x2-fp16", Backend.GPU, 24.0, 58.3),
            ),
        )
        val models = listOf(
            BenchmarkUiState.Model("fast-x2-fp16", ModelInfo.Kind.FAST, 2),
            BenchmarkUiState.Model("realphoto-x2-fp16", ModelInfo.Kind.DETAIL, 2),
        )
        val automatic = models.associate { it.id() to BackendChoice.choose(Processor.AUTOMATIC, 34, true, result.of(it.id()), true).backend }
        shoot("benchmark") { BenchmarkContent(BenchmarkUiState(false, 0, 0, models, result, automatic)) }
    }

    /** What the APK carries: the catalog's models with their training records, and the generated notices. */
    @Test
    fun about() {
        val state = AboutUiState(
            AboutViewModel.version(context),
            AboutViewModel.models(AssetModelFiles(context.assets)),
            LicenceNotices.read(context.assets),
        )
        assertTrue("the APK's assets list the models", state.models().isNotEmpty())
        shoot("about") { AboutContent(state) }
    }

    /** Twice the text size: the settings wrap and scroll. */
    @Test
    @Config(fontScale = 2.0f)
    fun settingsAtLargeFont() {
        val state = SettingsUiState(
            AppSettings.DEFAULTS.withProcessor(Processor.NNAPI), listOf(ModelInfo.Kind.FAST, ModelInfo.Kind.DETAIL),
            listOf(2, 3, 4), BackendChoice.processors(30),
        )
        shoot("settings-large-font") { SettingsContent(state) }
    }
}
