/** Where the CLI writes. */
export interface Output {
  out(line: string): void;
  err(line: string): void;
  /** Rewrites the current progress line (TTY only). */
  progress?(line: string): void;
  /** Width of the terminal the progress line is written to, when known. */
  columns?(): number | undefined;
  /** Colour the output with ANSI escapes (default: plain text). */
  readonly color?: boolean;
}
