import { always, type StateProperty } from '../../checker/model.ts';
import { mis } from './uart.ts';
import { Fr, type IrqMode, type SpecRing, type Vpl011State } from './types.ts';

const listMatches = (r: SpecRing): boolean => (r.prod - r.cons) >>> 0 === r.bytes.length;

/**
 * Invariants of reference states: each ring's list is exactly what its raw
 * u32 indices delimit; BUSY is set exactly with TXFF (upstream sets them
 * together when OUT fills and clears them together when it has room); the
 * interrupt controller agrees with MIS (edge: the shadow is the current MIS;
 * level: the line is MIS ≠ 0).
 */
export function specInvariants(mode: IrqMode): readonly StateProperty<Vpl011State>[] {
  return [
    always<Vpl011State>('ring lists match their indices', (s) => listMatches(s.inRing) && listMatches(s.outRing), '(prod − cons) mod 2^32 is the number of queued bytes'),
    always<Vpl011State>('BUSY iff TXFF', (s) => ((s.fr & Fr.BUSY) !== 0) === ((s.fr & Fr.TXFF) !== 0)),
    always<Vpl011State>(
      'interrupt controller follows MIS',
      mode === 'edge' ? (s) => s.shadowMis === mis(s) : (s) => s.irq === (mis(s) !== 0),
      'edge: the shadow is the MIS of the last evaluation, which every change of RIS or IMSC makes; level: line = MIS ≠ 0',
    ),
  ];
}
