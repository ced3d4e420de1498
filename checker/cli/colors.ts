import picocolors from 'picocolors';
import type { Output } from './output.ts';

/** The colour functions a renderer uses: ANSI escapes, or the identity. */
export type Colors = ReturnType<typeof picocolors.createColors>;

/** Every colour function returns its input unchanged. */
export const PLAIN: Colors = picocolors.createColors(false);
const ANSI: Colors = picocolors.createColors(true);

/** The colours for output written to `io`: ANSI only when `io.color` is set. */
export function colorsFor(io: Output): Colors {
  return io.color === true ? ANSI : PLAIN;
}

/**
 * Whether the terminal the CLI writes to wants colour: `NO_COLOR` (any
 * non-empty value) turns it off, `FORCE_COLOR` (anything but `0`) on;
 * otherwise only a terminal that is not `dumb`. Unlike picocolors' own
 * default, a `CI` variable does not turn colour on, so output piped in CI
 * is plain text.
 */
export function wantsColor(env: NodeJS.ProcessEnv, isTTY: boolean): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined) return env.FORCE_COLOR !== '0';
  return isTTY && env.TERM !== 'dumb';
}
