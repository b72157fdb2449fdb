package dynaseg.cli;

import picocli.CommandLine;

/** Reads the version Maven wrote into the jar manifest (falls back to "dev" when run from classes). */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = Main.class.getPackage().getImplementationVersion();
        return new String[] {"dynaseg " + (v == null ? "dev" : v)};
    }
}
