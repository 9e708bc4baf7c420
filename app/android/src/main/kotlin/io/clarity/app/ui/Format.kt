package io.clarity.app.ui

import android.text.format.DateUtils

/** "0:42" or "1:02:03": DateUtils' elapsed-time format, never under one second. */
fun formatDuration(millis: Long): String = DateUtils.formatElapsedTime(maxOf(1L, (millis + 999) / 1000))
