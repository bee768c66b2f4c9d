/**
 * Command-line entry points of the jar: {@code compare} and {@code eval face-pairs|pad}. Entry point:
 * {@link org.bonafide.cli.Cli}; everything else here is package-private. Reads the face engine's
 * public API only; nothing depends on this package. Input and output formats: docs/formats.md.
 */
package org.bonafide.cli;
