import { Reg } from '../../spec/vpl011/types.ts';
import { F, frame, type MmioAccess, type Vpl011Impl } from './layout.ts';
import type { Vpl011Quirks } from './quirks.ts';

/**
 * An MMIO access as steps. Every access is one locked step, except a DR
 * access of a valid width: its locked part, then (after the unlock, where
 * another vCPU or the backend may run) the event to the backend. The seed's
 * `indicesBeforeLock` adds an unlocked index read before the locked part;
 * its `noNotifyOnRead` drops a read's event.
 */
export const enum AccessStep {
  /** Copy the ring indices into the frame, without the lock (seed only). */
  SNAPSHOT = 0,
  /** The handler under the lock: where the access takes effect. */
  LOCKED = 1,
  /** `notify_via_xen_event_channel` after the unlock. */
  KICK = 2,
}

const ONE: readonly AccessStep[] = [AccessStep.LOCKED];
const DR: readonly AccessStep[] = [AccessStep.LOCKED, AccessStep.KICK];
const DR_SEED: readonly AccessStep[] = [AccessStep.SNAPSHOT, AccessStep.LOCKED, AccessStep.KICK];
const DR_NO_KICK: readonly AccessStep[] = [AccessStep.LOCKED];
const DR_SEED_NO_KICK: readonly AccessStep[] = [AccessStep.SNAPSHOT, AccessStep.LOCKED];

/** The steps of `a` under quirks `q`. */
export function accessSteps(q: Vpl011Quirks, a: MmioAccess): readonly AccessStep[] {
  if (a.offset !== Reg.DR || a.width === 64) return ONE;
  const kick = !(a.dir === 'read' && q.noNotifyOnRead);
  if (q.indicesBeforeLock) return kick ? DR_SEED : DR_SEED_NO_KICK;
  return kick ? DR : DR_NO_KICK;
}

/** The step vCPU `v`'s access in flight takes next (its frame's program counter into `steps`). */
export function nextStep(s: Vpl011Impl, v: number, steps: readonly AccessStep[]): AccessStep {
  const step = steps[s.w[frame(v, F.PC)]!];
  if (step === undefined) throw new RangeError(`v${v}: access has no step ${s.w[frame(v, F.PC)]}`);
  return step;
}

/** Whether vCPU `v` is between a DR access's locked part and its event to the backend. */
export function kickOwed(s: Vpl011Impl, v: number, steps: readonly AccessStep[] | undefined): boolean {
  return steps !== undefined && s.w[frame(v, F.OP)]! >= 0 && steps[s.w[frame(v, F.PC)]!] === AccessStep.KICK;
}

/** Ends vCPU `v`'s access: the frame is idle and zeroed (so equal states encode equally). */
export function endAccess(s: Vpl011Impl, v: number): void {
  s.w[frame(v, F.OP)] = -1;
  s.w[frame(v, F.PC)] = 0;
  s.w[frame(v, F.CONS)] = 0;
  s.w[frame(v, F.PROD)] = 0;
}
