package io.clarity.app.tflite;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * A nanosecond clock that moves only when told: fake backends advance it by the cost a test gives them, so the
 * benchmark's timings (and any ranking by them) are exact whatever else the machine is running.
 */
public final class FakeClock implements LongSupplier {
    private long nanos;

    public void advanceMillis(long millis) {
        nanos += TimeUnit.MILLISECONDS.toNanos(millis);
    }

    @Override
    public long getAsLong() {
        return nanos;
    }
}
