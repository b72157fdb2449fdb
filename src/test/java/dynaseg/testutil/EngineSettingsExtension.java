package dynaseg.testutil;

import dynaseg.engine.OneDnnIsaCap;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Registered for every test class (junit-platform.properties): applies the engine settings that
 * dynaseg's own entry points apply, before a test can start the engine by another way (a bare
 * NDManager), so that tests meet the kernels users meet.
 */
public final class EngineSettingsExtension implements BeforeAllCallback {
    @Override
    public void beforeAll(ExtensionContext context) {
        OneDnnIsaCap.apply();
    }
}
