package io.clarity.buildtools;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import org.junit.Test;

public class DependencyLockTest {
    @Test
    public void numericPartsCompareAsNumbers() {
        assertEquals("1.12.1", DependencyLock.max("1.9.0", "1.12.1"));
        assertEquals("2.11.0", DependencyLock.max("2.11.0", "2.4.1"));
    }

    @Test
    public void releaseBeatsItsPreReleases() {
        assertEquals("1.4.0", DependencyLock.max("1.4.0-rc01", "1.4.0"));
        assertEquals("1.4.0", DependencyLock.max("1.4.0", "1.4.0-alpha03"));
        assertTrue(DependencyLock.compare("1.4.0-beta01", "1.4.0-alpha03") > 0);
    }

    @Test
    public void longerReleaseIsNewer() {
        assertEquals("1.0.1", DependencyLock.max("1.0", "1.0.1"));
        assertEquals(0, DependencyLock.compare("33.6.0-jre", "33.6.0-jre"));
    }
}
