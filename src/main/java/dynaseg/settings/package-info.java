/**
 * Leaf of the package graph: the form of the message for a bad setting, shared by the packages
 * that own settings (nn, loss, schedule, data, run). It imports nothing of dynaseg.
 */
package dynaseg.settings;
