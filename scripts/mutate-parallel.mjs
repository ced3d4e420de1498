// Hand mutants of parallel exploration (docs/mutation.md, run 6): the shared table, the three
// phases of a level, the coordinator, the levels redone on one thread, parallel checkpoints and
// parallel walks. Each is applied in place and judged by the parallel tests (see hand-mutants.mjs).
//
//   node scripts/mutate-parallel.mjs [ids,comma-separated] [test files…]
import { mutant as m, runMutants } from './hand-mutants.mjs';

const T = 'checker/parallel/shared-table.ts',
  X = 'checker/parallel/expand.ts',
  P = 'checker/parallel/explore-parallel.ts',
  R = 'checker/parallel/run-state.ts',
  D = 'checker/parallel/codec.ts',
  C = 'checker/parallel/checkpoint-parallel.ts',
  W = 'checker/parallel/walkers.ts';
// edges.test.ts holds the tests written for the first pass's survivors (docs/mutation.md, run 6).
const EDGES = 'test/parallel/edges.test.ts';
const TABLE = ['test/parallel/shared-table.test.ts'];
const CHECKPOINT = ['test/parallel/checkpoint-parallel.test.ts', EDGES];
const WALKS = ['test/parallel/walks-parallel.test.ts'];
const DEFAULT = ['test/parallel/equivalence.test.ts', EDGES];
const BOTH = ['test/parallel/equivalence.test.ts', ...CHECKPOINT];

const mutants = [
  // shared-table.ts
  m(
    'T1',
    T,
    'if (w === key && Atomics.load(t, i + 1) === low) return false;\n      if (++slot',
    'if (w === key) return false;\n      if (++slot',
    'insert: a key match alone is a duplicate (low word not compared)',
    TABLE,
  ),
  m('T2', T, 'return h === EMPTY ? 1 :', 'return h === EMPTY ? 0 :', 'keyOf: high word 0 stored as the empty mark', TABLE),
  m('T3', T, 'if (low !== 0) return false;', 'return false;', 'insertOwned: a plain match with low word 0 trusted (not confirmed atomically)', TABLE),
  m('T4', T, 'if (v !== low) continue;', ';', 'insertOwned: a key match alone is a duplicate', TABLE),
  m(
    'T5',
    T,
    'const scanFirst = Math.max(0, Math.floor(first * ratio) - 2);',
    'const scanFirst = Math.max(0, Math.floor(first * ratio));',
    'moveShareInto: no rounding margin before the range',
    TABLE,
  ),
  m('T6', T, 'if (scanEnd === this.capacity) {', 'if (false) {', 'moveShareInto: the cluster wrapping round to slot 0 not scanned', TABLE),
  m(
    'T7',
    T,
    'while (t[slot << 1] !== EMPTY) if (++slot === this.capacity) slot = 0;',
    'while (t[slot << 1] !== EMPTY) ++slot;',
    'placeRest: no wrap-around (a fingerprint placed past the end is lost)',
    TABLE,
  ),
  m('T8', T, 'if (w === key && t[i + 1] === low) return true;', 'if (w === key) return true;', 'has: a key match alone is a hit', TABLE),
  m('T9', T, 'rest.push(key, from[i + 1]!);\n        continue;', 'continue;', 'moveRange: fingerprints whose probe runs past the range dropped', TABLE),
  // expand.ts
  m('X1', X, 'if (job.forget) this.known.fill(0);', ';', 'expand: the cache of known fingerprints kept after a level redone on one thread'),
  m('X2', X, 'const end = Math.min(job.count, (c + 1) * job.chunk);', 'const end = Math.min(job.count, (c + 1) * job.chunk - 1);', "expand: each chunk's last parent skipped"),
  m('X3', X, 'if (c >= nChunks ||', 'if (c > nChunks ||', 'expand: a chunk past the end claimed'),
  m('X4', X, 'if (watched.stateDecides(parent, p)) return raise();', 'watched.stateDecides(parent, p);', 'expand: an invariant violated by a parent does not redo the level'),
  m('X5', X, 'if (watched.transitionProps.length > 0 && watched.transitionDecides(a, p, k)) return raise();', ';', 'expand: transition properties not checked'),
  m('X6', X, 'if (hasBounds && !model.withinBounds!(child)) continue;', ';', 'expand: successors out of bounds kept'),
  m('X7', X, 'if (kind >= 0) evaluated[kind]!++;', ';', 'expand: coverage of actions evaluated not counted'),
  m('X8', X, 'records[r + words + REC.step] = k;', 'records[r + words + REC.step] = 0;', "expand: a candidate's step recorded as 0"),
  m('X9', X, 'records[r + words + REC.kind] = kind;', 'records[r + words + REC.kind] = -1;', "expand: a candidate's coverage kind lost"),
  m('X10', X, 'list[2 * e] = isNew ? 1 : 0;', 'list[2 * e] = 1;', 'commit: every candidate marked new'),
  m('X11', X, 'if (hi === 0 || hi === -1) remapped.push(hi, list[2 * e + 1]!);', ';', 'commit: remapped high words not listed (a checkpoint loses them)', BOTH),
  m('X12', X, 'if (kind >= 0) fresh[kind]!++;\n        dest++;', 'dest++;', 'append: coverage of new states not counted'),
  m('X13', X, 'parents[id] = records[at + words + REC.parent]!;', 'parents[id] = -1;', "append: a new state's parent lost"),
  m(
    'X14',
    X,
    '    } catch {\n      return raise();',
    '    } catch {\n      return this.expanded(nRecords, generated, evaluated);',
    'expand: a step that throws does not redo the level',
  ),
  m(
    'X15',
    X,
    'const slot = (lo & (KNOWN_ENTRIES - 1)) << 1;',
    'const slot = (lo & (KNOWN_ENTRIES - 1)) << 0;',
    'expand: cache of known fingerprints indexed by half a slot (hi and lo words overlap)',
  ),
  // explore-parallel.ts
  m(
    'P1',
    P,
    'if (run.distinct + candidates >= run.maxStates) return false;',
    'if (run.distinct + candidates > run.maxStates) return false;',
    'parallelLevel: a level that reaches the state bound exactly is not redone',
  ),
  m(
    'P2',
    P,
    'if (!decideWitnesses(run, all, frontier.words)) return false;',
    'decideWitnesses(run, all, frontier.words);',
    'parallelLevel: a level that decides every property is not redone',
  ),
  m('P3', P, 'if (total > 0) run.depthReached', 'run.depthReached', 'parallelLevel: depth counted for a level with no new state'),
  m(
    'P4',
    P,
    'rest = serialLevel(run, frontier.words, frontier.size, level, next);\n        forget = true;',
    'rest = serialLevel(run, frontier.words, frontier.size, level, next);',
    "explore: threads' caches kept after a level redone on one thread",
  ),
  m('P5', P, 'const whole = level < run.maxDepth ? parallelLevel', 'const whole = true ? parallelLevel', 'explore: the level at the depth bound expanded in parallel'),
  m('P6', P, "if (run.distinct >= run.maxStates && frontier.size > 0) run.stoppedBy.add('state-bound');", ';', 'explore: state bound not reported'),
  m(
    'P7',
    P,
    "if ((run.stoppedBy.has('state-bound') || run.stoppedBy.has('time-bound')) && !shouldStop(run)) checkWaiting",
    'if (false) checkWaiting',
    'explore: states left waiting at a bound not checked',
  ),
  m('P8', P, "else if (run.tracker.allDecided && waiting > 0) run.stoppedBy.add('all-properties-decided');", '', 'explore: all-properties-decided not reported'),
  m('P9', P, 'if (!run.table.insert(encoder.hi, encoder.lo)) continue;', 'run.table.insert(encoder.hi, encoder.lo);', 'initialLevel: duplicate initial states kept'),
  m(
    'P10',
    P,
    'if (model.withinBounds !== undefined && !model.withinBounds(s)) continue;\n    run.generated++;',
    'run.generated++;',
    'initialLevel: initial states out of bounds kept',
  ),
  m('P11', P, 'if (rest === undefined && run.poll()) rest = 0;', ';', 'explore: no stop check between levels', BOTH),
  m('P12', P, 'if (split < frontier.size) {', 'if (false) {', 'explore: a run resumed inside a level does not finish that level first', BOTH),
  m('P13', P, 'split -= rest;', 'split = rest;', 'explore: where the waiting states split after a stop inside a resumed level', BOTH),
  m('P14', P, "if (Atomics.load(ctl, CTL.abort) !== 0) return 'aborted';", ';', 'parallelLevel: an aborted level kept as done', BOTH),
  m('P15', P, 'if (needed > run.table.capacity) growTable', 'if (false) growTable', 'parallelLevel: the table not grown before a commit'),
  // run-state.ts
  m('R1', R, 'return Math.max(expected / MAX_LOAD, (run.distinct + candidates) / FULL_LOAD);', 'return expected / MAX_LOAD;', 'roomFor: no room for every candidate'),
  m('R2', R, 'if (run.distinct + 1 > run.table.capacity * MAX_LOAD) growTable', 'if (run.distinct + 1 > run.table.capacity) growTable', 'makeRoom: grows only when full'),
  m('R3', R, 'to.placeRest(rest);', ';', 'growTable: fingerprints left over by the shares dropped'),
  m('R4', R, 'if ((p & 1023) === 1023 && run.poll()) return p;', ';', 'serialLevel: no stop check inside a level redone on one thread', BOTH),
  m('R5', R, "if (actions.length > 0) run.stoppedBy.add('depth-bound');", ';', 'serialLevel: depth bound not reported'),
  m('R6', R, 'run.depthReached = Math.max(run.depthReached, level + 1);\n        if (run.distinct', 'if (run.distinct', 'serialLevel: depth not counted'),
  m(
    'R7',
    R,
    "if (run.distinct >= run.maxStates) {\n          run.stoppedBy.add('state-bound');",
    "if (run.distinct > run.maxStates) {\n          run.stoppedBy.add('state-bound');",
    'serialLevel: one state past the bound',
  ),
  m('R8', R, '        tracker.checkState(state, pathOf);', '        ;', 'checkWaiting: states left waiting not checked'),
  m(
    'R9',
    R,
    'if (first.size >= tracker.stateProps.length + tracker.transitionProps.length) return false;',
    'if (first.size > tracker.stateProps.length + tracker.transitionProps.length) return false;',
    'decideWitnesses: deciding every property does not redo the level',
  ),
  m('R10', R, 'a.parent - b.parent || a.step - b.step || i - j', 'i - j', 'decideWitnesses: witnesses decided in property order, not frontier order'),
  m(
    'R11',
    R,
    'if (known === undefined || parent < known.parent ||',
    'if (known === undefined ||',
    "decideWitnesses: the last thread's witness wins, not the first in frontier order",
  ),
  // codec.ts
  m('D1', D, 'const words = (packed.bytes + 3) >>> 2;', 'const words = packed.bytes >>> 2;', "packed codec: a state's last bytes cut"),
  m('D2', D, 'const words = (bytes + 3) >>> 2;', 'const words = bytes >>> 2;', "byte codec: a state's last bytes cut"),
  m('D3', D, 'staging.fill(0);', ';', 'byte codec: padding of a stored initial state not cleared'),
  // checkpoint-parallel.ts
  m('C1', C, 'if (key === 1 && original.has(`0:${lo}`)) hi = 0;', ';', 'saveParallel: high word 0 saved as 1', CHECKPOINT),
  m('C2', C, 'pops: run.distinct - frontier.size,', 'pops: run.distinct,', 'saveParallel: pops counts the waiting states', CHECKPOINT),
  m('C3', C, "if (snapshot.depthBound) run.stoppedBy.add('depth-bound');", ';', 'resumeParallel: depth bound forgotten', CHECKPOINT),
  m('C4', C, 'if (d === depth) split++;', 'split++;', 'resumeParallel: every waiting state taken as the shallower depth', CHECKPOINT),
  m('C5', C, 'if ((hi | 0) === 0 || (hi | 0) === -1) run.remapped.push(hi | 0, lo | 0);', ';', 'resumeParallel: remapped high words not listed', CHECKPOINT),
  m('C6', C, 'run.fresh.set(snapshot.fresh);', ';', 'resumeParallel: coverage of new states forgotten', CHECKPOINT),
  // walkers.ts
  m('W1', W, 'for (let w = first; w < Math.min(to, first + chunk); w++)', 'for (let w = first; w < first + chunk; w++)', 'claimWalks: walks past the batch recorded', WALKS),
  m('W2', W, 'Atomics.store(ctl, CTL.cursor, from);', 'Atomics.store(ctl, CTL.cursor, 0);', "walk: the batch's cursor starts at walk 0", WALKS),
];

runMutants(mutants, DEFAULT);
