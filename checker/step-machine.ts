/**
 * Operations as step machines. An operation (a hypercall, an MMIO access, a
 * backend action) is a short list of atomic steps; an actor runs at most one
 * operation at a time, and the operation's frame (name, program counter,
 * locals read so far) is part of the model state, so a path can stop in the
 * middle of an operation and BFS sees every interleaving of steps.
 *
 * Split an operation exactly where the real code touches shared state
 * without a lock, or where another CPU or the hardware may act between two
 * instructions. Each multi-step operation names its linearization step(s):
 * where the atomic spec operation takes effect.
 */

/** The in-flight operation of one actor. Immutable: a step returns a new frame. */
export interface Frame<L> {
  /** Index of the operation in its machine's table. */
  readonly op: number;
  /** Index of the next step to run. */
  readonly pc: number;
  /** What the operation has read or decided so far. */
  readonly locals: L;
}

/** Where a step goes: to step `pc` with new locals, or the operation is finished. */
export type StepResult<L> = { readonly pc: number; readonly locals: L } | typeof DONE;

/** Returned by a step that finishes its operation. */
export const DONE = Symbol('done');

/** One atomic step: runs against a mutable copy of the shared world. */
export interface StepDef<W, L, R> {
  /** For traces: e.g. `compute payload space`. */
  readonly name: string;
  /** True when the spec operation takes effect at this step. */
  readonly linearizes?: boolean;
  readonly run: (world: W, locals: L, report: R) => StepResult<L>;
}

/** An operation: how its frame starts, and its steps in program order. */
export interface OperationDef<W, Args, L, R> {
  readonly name: string;
  begin(args: Args): L;
  readonly steps: readonly StepDef<W, L, R>[];
}

/**
 * Starts operation `op` with `args`: the frame is at step 0. Starting does
 * not touch the world; the first step does.
 */
export function beginOp<W, Args, L, R>(ops: readonly OperationDef<W, Args, L, R>[], op: number, args: Args): Frame<L> {
  const def = ops[op];
  if (def === undefined) throw new RangeError(`no operation ${op}`);
  return { op, pc: 0, locals: def.begin(args) };
}

/** Runs the frame's next step against `world` (mutated in place); returns the next frame, or undefined when the operation finished. */
export function stepOp<W, Args, L, R>(ops: readonly OperationDef<W, Args, L, R>[], frame: Frame<L>, world: W, report: R): Frame<L> | undefined {
  const def = ops[frame.op]!;
  const step = def.steps[frame.pc];
  if (step === undefined) throw new RangeError(`operation ${def.name} has no step ${frame.pc}`);
  const result = step.run(world, frame.locals, report);
  if (result === DONE) return undefined;
  if (!Number.isInteger(result.pc) || result.pc < 0 || result.pc >= def.steps.length) {
    throw new RangeError(`operation ${def.name} jumped to step ${result.pc}`);
  }
  return { op: frame.op, pc: result.pc, locals: result.locals };
}

/** `notify @ pick waiters` — where the frame stands, for traces. */
export function describeFrame<W, Args, L, R>(ops: readonly OperationDef<W, Args, L, R>[], frame: Frame<L>): string {
  const def = ops[frame.op]!;
  return `${def.name} @ ${def.steps[frame.pc]?.name ?? `step ${frame.pc}`}`;
}
