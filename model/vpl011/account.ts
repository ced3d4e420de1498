import { envWords } from './env.ts';

/**
 * The impl model's account of the byte streams, kept in words after the
 * environment's and judged by the properties: how many input bytes the guest
 * has been owed so far, which DR writes had to be dropped (OUT full at that
 * instant, by the raw indices), and the last write the backend received. It
 * is written by the model from first principles (the indices before the
 * step), never from what the impl function returned, and in the unmodified
 * impl it is a function of the rest of the state.
 */
export const enum A {
  /** Input bytes owed to DR reads so far (reads that found IN non-empty). */
  IN_READ = 0,
  /** Bit k: DR write number k was dropped. */
  DROPPED = 1,
  /** Number of the last DR write the backend drained (0: none yet). */
  DRAINED = 2,
  SIZE = 3,
}

/** Word index of account field `f`, for `vcpus` vCPUs, relative to the environment's base. */
export const accountAt = (vcpus: number, f: A): number => envWords(vcpus) + f;

/** Words of environment plus account. */
export const modelWords = (vcpus: number): number => envWords(vcpus) + A.SIZE;

/** The numbers of the next `count` accepted DR writes after `drained`, skipping dropped ones, into `into`; returns the last (or `drained`). */
export function nextAccepted(drained: number, dropped: number, count: number, into: number[]): number {
  into.length = 0;
  let seq = drained;
  while (into.length < count && seq < 31) {
    seq++;
    if ((dropped & (1 << seq)) === 0) into.push(seq);
  }
  return seq;
}
