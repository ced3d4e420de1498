// Hand mutants of the checkpoint/resume code (docs/mutation.md, run 5): applies
// each mutant to the source in place, runs the given test files (default
// test/engine/checkpoint.test.ts), restores the source, and prints killed or
// survived per mutant. One at a time, in this checkout: do not edit or install
// anything while it runs.
//
//   node scripts/mutate-checkpoint.mjs [ids,comma-separated] [test files…]
import { readFileSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const C = 'checker/checkpoint.ts',
  F = 'checker/checkpoint-file.ts',
  E = 'checker/explore.ts',
  S = 'checker/seen-set.ts',
  T = 'checker/trace.ts',
  P = 'checker/properties.ts',
  H = 'checker/heap.ts';
const HEAP = ['test/engine/checkpoint-cli.test.ts', '-t', 'stops cleanly before V8'];
const m = (id, file, find, replace, desc, tests) => ({ id, file, find, replace, desc, ...(tests ? { tests } : {}) });
const mutants = [
  // checkpoint.ts
  m('C1', C, "identity.variant ?? 'none'", "identity.variant ?? ''", 'checkpointFile: no variant named "" instead of none'),
  m('C2', C, "s.replace(/[^A-Za-z0-9._-]/g, '_')", 's', "checkpointFile: names not made safe (a variant's / makes a folder)"),
  m('C3', C, 'for (const p of model.properties()) hash.update', 'for (const p of [] as ReturnType<typeof model.properties>) hash.update', 'modelDigest: properties left out'),
  m('C4', C, 'for (const a of actions) hash.update', 'for (const a of [] as A[]) hash.update', 'modelDigest: enabled actions left out'),
  m('C5', C, 'hash.update(encoder.bytesView());', '', "modelDigest: initial states' encodings left out"),
  m('C6', C, 'hash.update(`${model.name}\\n`);', '', 'modelDigest: model name left out'),
  m('C7', C, 'meta.push(id, depth, hi | 0, lo | 0)', 'meta.push(id, depth, hi, lo)', 'saveExplorer: fingerprint halves not made signed'),
  m('C8', C, 'pops: parts.pops,', 'pops: 0,', 'saveExplorer: pops saved as 0'),
  m('C9', C, 'depthBound: parts.depthBound,', 'depthBound: false,', 'saveExplorer: depthBound not saved'),
  m('C10', C, 'generated: parts.generated,', 'generated: 0,', 'saveExplorer: generated not saved'),
  m('C11', C, 'fresh: [...parts.fresh],', 'fresh: [...parts.evaluated],', 'saveExplorer: fresh saved as evaluated'),
  m('C12', C, 'discoveries: parts.tracker.discoveries,', 'discoveries: [],', 'saveExplorer: discoveries not saved'),
  m('C13', C, 'seconds: parts.seconds,', 'seconds: 0,', 'saveExplorer: seconds not saved'),
  m('C14', C, 'target.onWritten?.(target.file);', '', 'saveExplorer: onWritten not called'),
  m('C15', C, 'return error instanceof Error ? error.message : String(error);', 'return undefined;', 'saveExplorer: a failed write reported as written'),
  m('C16', C, 'if (saved[key] !== wanted[key]) {', "if (key !== 'model' && saved[key] !== wanted[key]) {", 'identityMismatch: model digest not compared'),
  m('C17', C, 'if (frontier[e + 1]! !== wanted.length - 1) throw', 'if (false) throw', 'rebuildFrontier: depth check skipped'),
  m(
    'C18',
    C,
    'if (encoder.hi !== frontier[e + 2]! >>> 0 || encoder.lo !== frontier[e + 3]! >>> 0) throw',
    'if (encoder.hi !== frontier[e + 2]! >>> 0 && encoder.lo !== frontier[e + 3]! >>> 0) throw',
    'rebuildFrontier: fingerprint check needs both halves to differ',
  ),
  m('C19', C, 'push(state, id, frontier[e + 1]!, encoder.hi, encoder.lo);', 'push(state, id, wanted.length, encoder.hi, encoder.lo);', 'rebuildFrontier: depth off by one'),
  m(
    'C20',
    C,
    'while (common < path.length && common < wanted.length && path[common] === wanted[common]) common++;',
    '',
    'rebuildFrontier: no common prefix reused (replay every path whole)',
  ),
  m('C21', C, 'const inPlace = fast !== undefined && fast.scratch() !== fast.scratch();', 'const inPlace = false;', 'rebuildFrontier: never in place'),
  m('C22', C, 'if (s === undefined) throw mismatch(`initial state', 'if (false) throw mismatch(`initial state', 'rebuildFrontier: missing initial state not named'),
  m('C23', C, 'if (error instanceof CheckpointError) throw error;', '', 'rebuildFrontier: own refusals re-wrapped as "threw"'),
  m('C24', C, 'if (a === undefined) throw mismatch', 'if (false) throw mismatch', 'rebuildFrontier: action index out of range not named'),
  // checkpoint-file.ts
  m('F1', F, "throw damaged('its digest does not match its content');", ';', 'readCheckpoint: digest check skipped'),
  m('F2', F, 'if (!bytes.subarray(0, MAGIC.length).equals(MAGIC)) throw', 'if (false) throw', 'readCheckpoint: magic check skipped'),
  m('F3', F, 'if (size < MAGIC.length + 4 + DIGEST_BYTES)', 'if (size < MAGIC.length + DIGEST_BYTES)', 'readCheckpoint: minimum size 4 bytes short'),
  m('F4', F, 'if (headerLength % 4 !== 0 || start > body.length)', 'if (start > body.length)', 'readCheckpoint: header alignment not checked'),
  m('F5', F, 'if (start + words * 4 !== body.length)', 'if (start + words * 4 > body.length)', 'readCheckpoint: trailing bytes after the sections accepted'),
  m(
    'F6',
    F,
    'const parents = section(Int32Array, h.seenWords, h.traceSize);',
    'const parents = section(Int32Array, h.seenWords + 1, h.traceSize);',
    'readCheckpoint: parents section off by one word',
  ),
  m(
    'F7',
    F,
    'if (h.seenWords % 2 !== 0 || h.seenWords < 32 || h.seenSize > (h.seenWords / 2) * 0.75 + 1)',
    'if (h.seenWords % 2 !== 0 || h.seenWords < 32)',
    'readCheckpoint: overfull seen-set accepted',
  ),
  m('F8', F, 'if (h.seenWords % 2 !== 0 || h.seenWords < 32 ||', 'if (h.seenWords < 32 ||', 'readCheckpoint: odd table length accepted'),
  m('F9', F, 'if (h.traceSize !== h.seenSize) throw', 'if (false) throw', 'readCheckpoint: trace/seen count mismatch accepted'),
  m('F10', F, 'if (h.evaluated.length !== h.fresh.length) throw', 'if (false) throw', 'readCheckpoint: coverage columns of different lengths accepted'),
  m('F11', F, 'if (parent >= id || parent < -1', 'if (parent > id || parent < -1', 'readCheckpoint: a record its own parent accepted'),
  m('F12', F, '|| steps[id]! < 0) throw damaged(`trace record', ') throw damaged(`trace record', 'readCheckpoint: negative step accepted'),
  m('F13', F, 'frontier[e]! >= h.traceSize ||', 'frontier[e]! > h.traceSize ||', 'readCheckpoint: frontier id one past the trace accepted'),
  m('F14', F, '|| frontier[e + 1]! < 0) throw', ') throw', 'readCheckpoint: negative frontier depth accepted'),
  m('F15', F, 'if (h.version !== CHECKPOINT_VERSION) throw', 'if (false) throw', 'readCheckpoint: version not checked'),
  m('F16', F, 'const headerSchema = z.strictObject({', 'const headerSchema = z.object({', 'readCheckpoint: unknown header keys accepted'),
  m('F17', F, '...(message === undefined ? {} : { message })', '', "readCheckpoint: an exception discovery's message dropped"),
  m('F18', F, 'fsyncSync(fd);', '', 'writeCheckpoint: no fsync'),
  m('F19', F, 'renameSync(temporary, file);', 'renameSync(temporary, file + ".x");', 'writeCheckpoint: renamed to the wrong name'),
  m('F20', F, "while (Buffer.byteLength(json) % 4 !== 0) json += ' ';", '', 'writeCheckpoint: header not padded'),
  m('F21', F, 'rmSync(temporary, { force: true });', '', 'writeCheckpoint: temporary file left after a failed write'),
  m('F22', F, 'frontierEntries: snapshot.frontier.length / 4,', 'frontierEntries: snapshot.frontier.length / 4 - 1,', 'writeCheckpoint: one frontier entry short in the header'),
  // explore.ts
  m('E1', E, "if (resumed.depthBound) stoppedBy.add('depth-bound');", '', 'resume forgets depthBound'),
  m('E2', E, 'generated = resumed.generated;', '', 'resume forgets generated'),
  m('E3', E, 'depthReached = resumed.depth;', '', 'resume forgets depth'),
  m('E4', E, 'evaluated.set(resumed.evaluated);', '', 'resume forgets evaluated'),
  m('E5', E, 'fresh.set(resumed.fresh);', '', 'resume forgets fresh'),
  m('E6', E, 'tracker.restore(resumed.discoveries);', '', 'resume forgets discoveries'),
  m('E7', E, 'let pops = resumed?.pops ?? 0;', 'let pops = 0;', 'resume forgets pops'),
  m('E8', E, 'if (resumed.evaluated.length !== kinds.length) throw', 'if (false) throw', 'resume: coverage column count not checked'),
  m(
    'E9',
    E,
    'if (resumed !== undefined && (options.checkCollisions === true || options.sharedSeenSet === true))',
    'if (false)',
    'resume with collision checks / shared set not refused',
  ),
  m('E10', E, 'if (options.checkpoint !== undefined && options.checkCollisions === true) throw', 'if (false) throw', 'checkpoint with collision checks not refused'),
  m('E11', E, 'if (count > 0 && flush()) break;\n          save();', 'save();', 'periodic save without flushing the batch'),
  m(
    'E12',
    E,
    "if (checkpoint !== undefined && !stoppedBy.has('state-bound') && !allocationFailed) save();",
    'if (checkpoint !== undefined && !allocationFailed) save();',
    'final checkpoint written on a state-bound stop',
  ),
  m('E13', E, "depthBound: stoppedBy.has('depth-bound'),", 'depthBound: false,', 'save: depthBound always false'),
  m('E14', E, 'const earlier = resumed?.seconds ?? 0;', 'const earlier = 0;', 'resume: earlier seconds not added'),
  m('E15', E, '(resumed !== undefined && shouldStop())', 'false', 'resumed run that had ended is expanded further'),
  m(
    'E16',
    E,
    'frontier.push(mode === Mode.Recycle && !packed ? fast!.copy(s) : s, id, depth, hi, lo));',
    'frontier.push(s, id, depth, hi, lo));',
    'rebuilt states not copied (recycle mode)',
  ),
  m('E17', E, 'if (outcome === undefined) checkpointWritten = checkpoint.file;', 'checkpointWritten = checkpoint.file;', 'failed checkpoint reported as written'),
  m('E18', E, 'nextCheckpoint = performance.now() + checkpoint!.everyMs;', 'nextCheckpoint = Number.POSITIVE_INFINITY;', 'only one periodic checkpoint'),
  m('E19', E, "if (count > settled && !stoppedBy.has('state-bound') && !allocationFailed) flush();", '', 'final flush skipped (batch of an interrupted run lost)'),
  m('E20', E, 'frontier: resumed.frontier.length / 4,', 'frontier: resumed.frontier.length,', 'resumedFrom.frontier in words'),
  m(
    'E21',
    E,
    'if (outcome === undefined) checkpointWritten = checkpoint.file;\n    checkpointError = outcome;',
    'if (outcome === undefined) checkpointWritten = checkpoint.file;',
    'write error not reported',
  ),
  // seen-set / trace / properties / heap
  m('S1', S, 'set.size = size;', 'set.size = 0;', 'OpenAddressingSet.restore: size forgotten'),
  m('S2', S, 'set.limit = Math.floor(set.capacity * MAX_LOAD);', 'set.limit = set.capacity;', 'OpenAddressingSet.restore: growth limit wrong'),
  m('S3', S, 'set.recent = recentCache(set.capacity);', '', 'OpenAddressingSet.restore: recent cache of the placeholder kept'),
  m('T1', T, 'log.size = parents.length;', 'log.size = parents.length - 1;', 'TraceLog.restore: size one short'),
  m('T2', T, 'const log = new TraceLog(Math.max(16, parents.length));', 'const log = new TraceLog(Math.max(1, parents.length));', 'TraceLog.restore: minimum capacity'),
  m(
    'T3',
    T,
    'return { parents: this.parents.subarray(0, this.size), steps: this.steps.subarray(0, this.size) };',
    'return { parents: this.parents, steps: this.steps };',
    'TraceLog.records: whole capacity',
  ),
  m('P1', P, 'this.discoveries.push(d);\n        this.violated = true;', 'this.discoveries.push(d);', 'PropertyTracker.restore: exception does not mark violated'),
  m('P2', P, 'if (p === undefined || this.decided.has(p.name)) throw', 'if (p === undefined) throw', 'PropertyTracker.restore: a property discovered twice accepted'),
  m('P3', P, 'this.decide(p, d.path);\n    }\n  }', 'this.discoveries.push({ ...d });\n    }\n  }', 'PropertyTracker.restore: decided not restored'),
  m(
    'H1',
    H,
    'return h.used_heap_size > h.heap_size_limit * fraction - HEAP_RESERVE;',
    'return h.used_heap_size > h.heap_size_limit * fraction + HEAP_RESERVE;',
    'heapNearlyFull: reserve added, not kept',
    HEAP,
  ),
  m('H2', H, 'return h.used_heap_size > h.heap_size_limit * fraction - HEAP_RESERVE;', 'return false;', 'heapNearlyFull: never', HEAP),
];

const only = process.argv[2] ? new Set(process.argv[2].split(',')) : undefined;
const tests = process.argv.length > 3 ? process.argv.slice(3) : undefined;
const counts = { killed: 0, survived: 0 };
for (const mutant of mutants) {
  if (only !== undefined && !only.has(mutant.id)) continue;
  const source = readFileSync(mutant.file, 'utf8');
  if (source.split(mutant.find).length !== 2) {
    console.log(`${mutant.id}: its text is not found once in ${mutant.file}; skipped`);
    continue;
  }
  writeFileSync(mutant.file, source.replace(mutant.find, mutant.replace));
  let r;
  try {
    r = spawnSync('npx', ['vitest', 'run', ...(tests ?? mutant.tests ?? ['test/engine/checkpoint.test.ts']), '--bail', '1'], { encoding: 'utf8', timeout: 240_000 });
  } finally {
    writeFileSync(mutant.file, source);
  }
  // A timeout counts as killed, as Stryker counts it.
  const status = r.status === 0 ? 'survived' : 'killed';
  counts[status]++;
  console.log(`${mutant.id} ${status}: ${mutant.desc}`);
}
console.log(`${counts.killed} killed, ${counts.survived} survived`);
