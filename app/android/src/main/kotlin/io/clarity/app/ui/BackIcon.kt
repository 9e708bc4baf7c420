package io.clarity.app.ui

import androidx.compose.foundation.Canvas
import androidx.compose.foundation.layout.size
import androidx.compose.material3.LocalContentColor
import androidx.compose.runtime.Composable
import androidx.compose.ui.Modifier
import androidx.compose.ui.geometry.Offset
import androidx.compose.ui.graphics.StrokeCap
import androidx.compose.ui.platform.LocalLayoutDirection
import androidx.compose.ui.res.stringResource
import androidx.compose.ui.semantics.contentDescription
import androidx.compose.ui.semantics.semantics
import androidx.compose.ui.unit.LayoutDirection
import androidx.compose.ui.unit.dp
import io.clarity.app.R

/** A back arrow drawn in place (material-icons is not among the locked dependencies), mirrored for RTL. */
@Composable
fun BackIcon() {
    val color = LocalContentColor.current
    val rtl = LocalLayoutDirection.current == LayoutDirection.Rtl
    val description = stringResource(R.string.action_back)
    Canvas(Modifier.size(24.dp).semantics { contentDescription = description }) {
        val w = size.width
        val h = size.height
        fun x(v: Float) = if (rtl) w - v else v
        val stroke = 2.dp.toPx()
        drawLine(color, Offset(x(w * 0.2f), h / 2), Offset(x(w * 0.8f), h / 2), stroke, StrokeCap.Round)
        drawLine(color, Offset(x(w * 0.2f), h / 2), Offset(x(w * 0.5f), h * 0.2f), stroke, StrokeCap.Round)
        drawLine(color, Offset(x(w * 0.2f), h / 2), Offset(x(w * 0.5f), h * 0.8f), stroke, StrokeCap.Round)
    }
}
