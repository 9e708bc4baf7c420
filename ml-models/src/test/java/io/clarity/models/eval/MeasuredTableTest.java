package io.clarity.models.eval;

import org.junit.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

/** The README's measured table is the one the generator makes from the committed catalog and cards. */
public class MeasuredTableTest {
    @Test
    public void readmeTableIsRegeneratedFromTheCommittedCards() throws Exception {
        String readme = new String(Files.readAllBytes(Paths.get("README.md")), StandardCharsets.UTF_8);
        String table = MeasuredTable.table(Paths.get("models"));
        assertTrue(table, table.contains("| `fast-x2` |"));
        assertEquals("ml-models/README.md's measured table is stale: run ml-models/regenerate-cards.sh (or "
                + "MeasuredTable README.md models)", MeasuredTable.replaceTable(readme, table), readme);
    }

    @Test
    public void aReadmeWithoutTheMarkersIsRefusedWithTheReason() {
        try {
            MeasuredTable.replaceTable("# no table here\n", "| x |\n");
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("measured-table"));
            return;
        }
        throw new AssertionError("a README without markers was accepted");
    }
}
