package dynaseg.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * The entry class for spark-submit: {@code spark-submit --class dynaseg.cli.SparkSubmitMain
 * dynaseg.jar predict --model m.zip --input scans/ --out pred/} runs the dynaseg command with the
 * master spark-submit was given ({@code --spark} is added when the command line has none); see the
 * README. Commands: predict, demo, sweep. It lives with the command line, not in dynaseg.spark,
 * because it starts the command line (and the command line reaches Spark only through SparkEntry).
 */
public final class SparkSubmitMain {
    private SparkSubmitMain() {}

    public static void main(String[] args) {
        Main.main(withMaster(args, System.getProperty("spark.master")));
    }

    /** The arguments with {@code --spark=<master>} after the command name when they have none (predict, demo, sweep). */
    public static String[] withMaster(String[] args, String master) {
        List<String> a = new ArrayList<>(List.of(args));
        boolean given = a.stream().anyMatch(s -> s.equals("--spark") || s.startsWith("--spark="));
        if (!given && master != null && !a.isEmpty() && List.of("predict", "demo", "sweep").contains(a.get(0))) {
            a.add(1, "--spark=" + master);
        }
        return a.toArray(String[]::new);
    }
}
