package io.clarity.models.cli;

import io.clarity.engine.model.ModelDescription;

import java.util.List;
import java.util.Locale;

/** {@code --list-models}: each bundled model with its scale and the Set5 / Set14 PSNR its card measured. */
final class ModelList {
    private ModelList() {
    }

    static String format(List<BundledModels.Entry> entries) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%-20s %-5s %-4s %6s %6s  %s%n", "model", "scale", "in", "Set5", "Set14", "notes"));
        for (BundledModels.Entry e : entries) {
            ModelDescription d = e.description();
            String notes = e.id().endsWith("-fp16") ? "float16 weights (what a GPU runs); not scored on its own" : "";
            if (BundledModels.defaultModel(d.totalScale()).equals(e.id())) {
                notes = "default for x" + d.totalScale();
            }
            if (BundledModels.blendable(e.id())) {
                notes = (notes.isEmpty() ? "" : notes + "; ") + "--detail 0..1 (default " + Enhance.DEFAULT_DETAIL + ")";
            }
            if (BundledModels.cleanable(e.id())) {
                notes += "; --strength auto|0..1 (default auto)";
            }
            b.append(String.format(Locale.ROOT, "%-20s x%-4d %-4s %6s %6s  %s%n", e.id(), d.totalScale(),
                    d.channels().toString().toUpperCase(Locale.ROOT), score(e.set5()), score(e.set14()), notes).stripTrailing())
                    .append(System.lineSeparator());
        }
        b.append("Set5 / Set14: Y PSNR in dB on the standard benchmarks, measured by Clarity's evaluator (model cards in ml-models/models).")
                .append(System.lineSeparator());
        return b.toString();
    }

    private static String score(double db) {
        return Double.isNaN(db) ? "-" : String.format(Locale.ROOT, "%.2f", db);
    }
}
