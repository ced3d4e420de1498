/**
 * The limits of a counterexample file, shared by the writer (`xenspec check`)
 * and the reader (`xenspec replay`), so that check never writes a file that
 * replay refuses: labels and messages are clipped to these lengths when
 * written (and compared clipped when replayed); a path too long for them is
 * not written at all, and check says so.
 */
export const COUNTEREXAMPLE_LIMITS = {
  /** Bytes of the whole file: replay refuses a larger file before parsing it. */
  fileBytes: 64 * 1024 * 1024,
  /** Actions along the path (states are one more): as long as `--max-depth` allows. */
  pathSteps: 1_000_000,
  /** Characters of one action label. */
  labelChars: 1_000,
  /** Characters of an exception's message. */
  messageChars: 10_000,
  /** Characters of a property name. */
  propertyChars: 500,
} as const;

/** `text` cut to `max` characters, the cut marked with `…`. */
function clipTo(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** An action label as a file records it. */
export function clipLabel(label: string): string {
  return clipTo(label, COUNTEREXAMPLE_LIMITS.labelChars);
}

/** An exception's message as a file records it. */
export function clipMessage(message: string): string {
  return clipTo(message, COUNTEREXAMPLE_LIMITS.messageChars);
}
