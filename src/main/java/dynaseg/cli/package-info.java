/**
 * The dynaseg command line (picocli): one command class per sub-command, the option blocks shared
 * by several commands (a mixin class each, such as {@code DeviceOption}, owning the option's names,
 * default, completion, validation and help), and the help layout. It parses options into the
 * settings of the other packages and calls them; no other package uses it.
 */
package dynaseg.cli;
