import type { FastSuccessors, Packing } from './model.ts';
import { getU32, nodeOf, ProductNode, putU32, type SpecEntry } from './refinement-memo.ts';
import type { Divergence, FastSteps, ProductState, StepReport } from './refinement-types.ts';

/* The lockstep product's fast paths (see `refinementModel`): successors written into reused nodes, and packed nodes. */

/**
 * The product's allocation-free successors: the impl's `stepInto` writes into
 * product nodes the explorer owns, then `advance` completes them (see
 * `refinementModel`): only the spec side allocates.
 */
export function fastProduct<I, A, C, O, SS>(
  steps: FastSteps<I, A, C, O>,
  implModelFast: FastSuccessors<I, A>,
  report: StepReport<C, O>,
  advance: (from: ProductNode<I, SS, O>, out: ProductNode<I, SS, O>, action: A) => void,
): FastSuccessors<ProductState<I, SS>, A> {
  return {
    nextInto(state, action, into) {
      report.reset();
      const out = into as ProductNode<I, SS, O>;
      if (!steps.stepInto(state.impl, action, out.impl, report)) return false;
      advance(nodeOf<I, SS, O>(state), out, action);
      return true;
    },
    scratch: () => new ProductNode<I, SS, O>(steps.scratch(), [], 0, undefined),
    copy(state) {
      const node = nodeOf<I, SS, O>(state);
      const twin = new ProductNode<I, SS, O>(implModelFast.copy(node.impl), node.specs, node.windows, node.divergence, node.key, node.entry);
      twin.compared = node.compared;
      return twin;
    },
  };
}

/**
 * The product's packing: the impl's bytes, the windows, and the id of the candidate list (with its divergence) in a table.
 * An interned one-state list has one id for good; any other list gets a fresh one (rare: several candidates, a divergence).
 */
export function packedProduct<I, SS, O>(implPacked: Packing<I>): Packing<ProductState<I, SS>> {
  const lists: {
    readonly specs: readonly SS[];
    readonly entry: SpecEntry<SS, O> | undefined;
    readonly key: Uint8Array | undefined;
    readonly divergence: Divergence | undefined;
  }[] = [];
  const at = implPacked.bytes;
  return {
    bytes: at + 8,
    // The id packed after the impl's bytes indexes `lists`, this instance's own.
    instanceLocal: true,
    pack(state, into, offset) {
      const node = nodeOf<I, SS, O>(state);
      implPacked.pack(node.impl, into, offset);
      let id: number;
      const entry = node.entry;
      if (entry !== undefined && node.divergence === undefined) {
        if (entry.id < 0) {
          entry.id = lists.length;
          lists.push({ specs: entry.list, entry, key: entry.single, divergence: undefined });
        }
        id = entry.id;
      } else {
        id = lists.length;
        lists.push({ specs: node.specs, entry, key: node.key, divergence: node.divergence });
      }
      putU32(into, offset + at, node.windows);
      putU32(into, offset + at + 4, id);
    },
    unpack(from, offset, into) {
      const node = into as ProductNode<I, SS, O>;
      implPacked.unpack(from, offset, node.impl);
      const l = lists[getU32(from, offset + at + 4)]!;
      node.set(l.specs, getU32(from, offset + at), l.entry, l.divergence, l.key);
    },
  };
}
