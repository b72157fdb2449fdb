package dynaseg.spark;

/**
 * What dynaseg's own entry point does before the engine starts (dynaseg.cli.Main), done in a task
 * before it touches the engine, for executors that spark-submit started: offline (nothing is
 * downloaded at run time; the native library comes from the jar) and the oneDNN instruction-set cap.
 */
final class ExecutorSetup {
    private ExecutorSetup() {}

    static synchronized void once() {
        System.setProperty("ai.djl.offline", "true");
        dynaseg.engine.OneDnnIsaCap.apply();
    }
}
