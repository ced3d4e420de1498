/**
 * A path through a model: the index of an initial state, then the index of
 * the action taken in each state (into the list `actions` returned there).
 * Written `"0/3/1/2"`. Replaying the model along it rebuilds every state.
 */
export interface Path {
  readonly init: number;
  readonly actions: readonly number[];
}

/** `{init: 0, actions: [3, 1, 2]}` → `"0/3/1/2"`. */
export function formatPath(path: Path): string {
  return [path.init, ...path.actions].join('/');
}

/** Parses `"0/3/1/2"`; undefined when malformed (empty parts, signs, non-digits, over 2^31). */
export function parsePath(text: string): Path | undefined {
  if (!/^\d{1,10}(\/\d{1,10})*$/.test(text)) return undefined;
  const parts = text.split('/').map(Number);
  if (parts.some((n) => n > 0x7fffffff)) return undefined;
  return { init: parts[0]!, actions: parts.slice(1) };
}
