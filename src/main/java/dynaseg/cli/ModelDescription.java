package dynaseg.cli;

import dynaseg.schedule.Schedules;
import dynaseg.export.ModelManifest;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** A model.zip's manifest as text, for {@code export} and {@code info}. */
final class ModelDescription {
    private ModelDescription() {}

    static String text(ModelManifest m) {
        StringBuilder b = new StringBuilder();
        ModelManifest.Network n = m.network();
        line(b, "model", n.model() + " (preset " + n.preset() + (n.unetChannels() == null ? "" : ", channels " + n.unetChannels())
                + "), patch " + Arrays.toString(n.patch()) + ", " + n.classes() + " classes");
        ModelManifest.Preprocessing p = m.preprocessing();
        line(b, "preprocessing", p.orientation() + ", spacing " + (p.targetSpacing() == null ? "as the scan" : Arrays.toString(p.targetSpacing()) + " mm")
                + ", HU window " + Arrays.toString(p.huWindow()));
        List<String> names = m.classNames();
        StringBuilder labels = new StringBuilder();
        for (int i = 1; i < names.size(); i++) labels.append(i == 1 ? "" : ", ").append(i).append(' ').append(names.get(i));
        line(b, "labels", labels.toString());
        ModelManifest.Training t = m.training();
        if (t != null) {
            line(b, "training", String.format(Locale.ROOT, "%s, loss %s, seed %d, %d epochs, best epoch %d", t.strategy(), t.loss(),
                    t.seed(), t.epochs(), t.bestEpoch()));
            line(b, "dice", "validation " + format(t.bestValidationDice()) + ", test "
                    + (t.testDiceMean() == null ? "none (no test split)" : format(t.testDiceMean()) + " over " + t.testCases() + " cases"));
            if (t.schedule() != null && !Schedules.NONE.equals(t.strategy())) line(b, "schedule", t.schedule().toString());
        }
        if (m.source() != null) line(b, "source", m.source().run() + " checkpoint " + m.source().checkpoint() + " (epoch " + m.source().epoch() + ")");
        line(b, "written", m.created() + " by dynaseg " + m.dynasegVersion() + ", format " + m.format() + " " + m.formatVersion());
        m.files().forEach((key, f) -> line(b, "file", f.name() + "  " + f.bytes() + " bytes  sha256 " + f.sha256()));
        return b.toString();
    }

    private static String format(Double v) {
        return v == null ? "n/a" : String.format(Locale.ROOT, "%.4f", v);
    }

    private static void line(StringBuilder b, String key, String value) {
        b.append(String.format(Locale.ROOT, "  %-14s %s%n", key, value));
    }
}
