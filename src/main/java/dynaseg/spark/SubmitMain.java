package dynaseg.spark;

import java.util.ArrayList;
import java.util.List;

/**
 * The entry class for spark-submit: {@code spark-submit --class dynaseg.spark.SubmitMain
 * dynaseg.jar predict --model m.zip --input scans/ --out pred/} runs the dynaseg command with the
 * master spark-submit was given ({@code --spark} is added when the command line has none); see the
 * README. Commands: predict, demo, sweep.
 */
public final class SubmitMain {
    private SubmitMain() {}

    public static void main(String[] args) {
        dynaseg.cli.Main.main(withMaster(args, System.getProperty("spark.master")));
    }

    static String[] withMaster(String[] args, String master) {
        List<String> a = new ArrayList<>(List.of(args));
        boolean given = a.stream().anyMatch(s -> s.equals("--spark") || s.startsWith("--spark="));
        if (!given && master != null && !a.isEmpty() && List.of("predict", "demo", "sweep").contains(a.get(0))) {
            a.add(1, "--spark=" + master);
        }
        return a.toArray(String[]::new);
    }
}
