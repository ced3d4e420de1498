/**
 * Text that came from a user (an argument, a file name, a file's content)
 * or from a model (an exception's message) is escaped before it reaches a
 * terminal or a report: control characters could move the cursor, clear the
 * screen, or split one error line into several.
 */

/** Control characters (C0, DEL, C1), line and paragraph separators, and the bidirectional overrides. */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** Replaces every control character by a visible escape (`\n`, `\t`, `\x1b`, `\u2028`). */
export function escapeControls(text: string): string {
  return text.replace(UNSAFE, (c) => {
    if (c === '\n') return '\\n';
    if (c === '\r') return '\\r';
    if (c === '\t') return '\\t';
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

/** `text` clipped to `max` characters, marking the cut with `…`. */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** One terminal line: controls escaped, at most `max` characters. */
export function oneLine(text: string, max = 2000): string {
  return clip(escapeControls(text), max);
}
