/**
 * The command line of the jar: the entry point {@link org.bonafide.cli.Cli}, which dispatches
 * every command, the evaluations and the other commands but the attack kit's, and what the
 * commands share: arguments, the JSON output, progress, CSV input, metrics, video decoding. The
 * attack kit and the simulators are in {@link org.bonafide.cli.attack}, the blend detector's
 * training in {@link org.bonafide.cli.train}. Reads the other modules' public API only; nothing
 * depends on this package. Input and output formats: docs/formats.md.
 */
package org.bonafide.cli;
