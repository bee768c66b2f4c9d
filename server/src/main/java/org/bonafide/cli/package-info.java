/**
 * The command line of the jar: the entry point {@link org.bonafide.cli.Cli}, which dispatches
 * every command; the commands that are neither the attack kit nor an evaluation ({@code compare},
 * {@code mrz check}, {@code tenant create}, {@code intel}, {@code train messages|blend-detector} and
 * {@code eval messages|blend}); and what the commands share: arguments, the JSON output, progress,
 * CSV input, metrics, image batches, video decoding. The attack kit and the simulators are in
 * {@link org.bonafide.cli.attack}, the evaluations in {@link org.bonafide.cli.eval}, the blend
 * detector's training in {@link org.bonafide.cli.train}; the shared types are public for them.
 * Reads the other modules' public API only; nothing depends on this package. Input and output
 * formats: docs/formats.md.
 */
package org.bonafide.cli;
