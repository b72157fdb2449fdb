/**
 * The dynaseg command line (picocli): one command class per sub-command, the option blocks shared
 * by several commands, and the help layout. It parses options into the settings of the other
 * packages and calls them; no other package uses it.
 */
package dynaseg.cli;
