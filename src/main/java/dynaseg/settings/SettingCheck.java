package dynaseg.settings;

import java.util.Collection;
import java.util.stream.Collectors;

/**
 * The one form of a bad-setting message, {@code 'key' is value, expected ...}, for every package
 * that owns a setting (networks, losses, schedules, preprocessing, data split, device). The key is
 * the run config's YAML key, which is also the name of the train command's option, so the same
 * message serves config.yaml ({@code dynaseg.run.RunConfig} prefixes the file name) and the
 * command line.
 */
public final class SettingCheck {
    private SettingCheck() {}

    /** @throws IllegalArgumentException {@code 'key' is value, expected expected} unless {@code ok} */
    public static void require(boolean ok, String key, Object value, String expected) {
        if (!ok) throw new IllegalArgumentException("'" + key + "' is " + value + ", expected " + expected);
    }

    /** A choice among {@code names}: {@code 'key' is value, expected one of a|b|c} otherwise. */
    public static void requireOneOf(Collection<String> names, String key, String value) {
        require(value != null && names.contains(value), key, value, "one of " + choices(names));
    }

    /** The names sorted and joined by '|', as the messages and the help show a choice. */
    public static String choices(Collection<String> names) {
        return names.stream().sorted().collect(Collectors.joining("|"));
    }
}
