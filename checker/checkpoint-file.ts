import { createHash } from 'node:crypto';
import { closeSync, fsyncSync, openSync, readFileSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { basename, join } from 'node:path';
import { lazySchema } from './lazy-zod.ts';
import { makeFolders } from './folders.ts';
import type { Discovery } from './result.ts';
import { UsageError } from './subsystem.ts';

/*
 * Checkpoints of an exhaustive run (`check --checkpoint DIR`, `--resume DIR`):
 * what the explorer needs to go on exactly where it stopped. The seen-set's
 * table, the trace links, the counters, the coverage and the discoveries are
 * saved as they are; the frontier is saved as its entries' trace ids, depths
 * and fingerprints only, and its states are rebuilt on resume by replaying
 * each entry's path (see `rebuildFrontier`), so one format serves every
 * model, whatever its states are made of, and a rebuilt state whose
 * fingerprint differs from the saved one proves the checkpoint is not of
 * this model.
 *
 * File layout (little-endian): the 8-byte magic, a u32 header length, the
 * header as JSON (padded with spaces to a multiple of 4 bytes), then the
 * sections named in the header — the seen-set's table (u32 words), the trace's
 * parents and steps (i32, one each per stored state), the frontier (i32
 * id, depth, fingerprint hi, lo per entry) — and last the SHA-256 of all
 * that precedes it. The file is written beside its final name and renamed
 * into place, so a checkpoint is either the old one or the new one, whole.
 */

export const CHECKPOINT_FORMAT = 'xenspec-checkpoint';
export const CHECKPOINT_VERSION = 1;
const MAGIC = Buffer.from('XSCKPT\n\0', 'latin1');
const DIGEST_BYTES = 32;

/** What a checkpoint is of: a resumed run must match it in every field. */
export interface CheckpointIdentity {
  readonly subsystem: string;
  readonly config: string;
  readonly variant: string | null;
  readonly side: string;
  readonly strategy: 'bfs' | 'dfs';
  /** `--max-depth` (null: none); a run with another bound would have expanded other states. */
  readonly maxDepth: number | null;
  readonly stopOnViolation: boolean;
  /** The xenspec version that wrote it. */
  readonly xenspec: string;
  /** SHA-256 of the model's name, properties, action kinds, initial states and the actions enabled in each (`modelDigest`). */
  readonly model: string;
}

/** Everything an explorer saves, and gets back on resume. */
export interface Snapshot {
  readonly identity: CheckpointIdentity;
  /** Seconds spent exploring up to the checkpoint, over every earlier session of the run. */
  readonly seconds: number;
  readonly generated: number;
  readonly depth: number;
  /** States expanded so far (the explorer's periodic checks count them). */
  readonly pops: number;
  /** True when a state at `--max-depth` with enabled actions was left unexpanded before the checkpoint (stop reason `depth-bound`). */
  readonly depthBound: boolean;
  readonly evaluated: readonly number[];
  readonly fresh: readonly number[];
  readonly discoveries: readonly Discovery[];
  /** Fingerprints stored in `seen`. */
  readonly seenSize: number;
  /** The seen-set's open-addressing table: (hi, lo) per slot. */
  readonly seen: Uint32Array;
  /** Per stored state: its trace parent and step (`TraceLog`). */
  readonly parents: Int32Array;
  readonly steps: Int32Array;
  /** Per frontier entry, oldest first: trace id, depth, fingerprint hi, lo. */
  readonly frontier: Int32Array;
}

/** The header's schema, built on first use (zod is loaded only to read a checkpoint). */
const headerSchema = lazySchema((z) => {
  const pathSchema = z.strictObject({ init: z.number().int().min(0), actions: z.array(z.number().int().min(0)) });
  const discoverySchema = z.strictObject({
    property: z.string().max(10_000),
    expectation: z.enum(['always', 'sometimes']),
    kind: z.enum(['counterexample', 'witness', 'exception']),
    path: pathSchema,
    message: z.string().optional(),
  });
  const count = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
  return z.strictObject({
    format: z.literal(CHECKPOINT_FORMAT),
    version: z.number().int(),
    identity: z.strictObject({
      subsystem: z.string(),
      config: z.string(),
      variant: z.string().nullable(),
      side: z.string(),
      strategy: z.enum(['bfs', 'dfs']),
      maxDepth: count.nullable(),
      stopOnViolation: z.boolean(),
      xenspec: z.string(),
      model: z.string(),
    }),
    seconds: z.number().min(0),
    generated: count,
    depth: count,
    pops: count,
    depthBound: z.boolean(),
    evaluated: z.array(count),
    fresh: z.array(count),
    discoveries: z.array(discoverySchema),
    seenSize: count,
    seenWords: count,
    traceSize: count,
    frontierEntries: count,
  });
});

/** Writes `snapshot` to `file` (a temporary file renamed into place). Throws the file system's error. */
export function writeCheckpoint(file: string, snapshot: Snapshot): void {
  makeFolders(join(file, '..'));
  const header = {
    format: CHECKPOINT_FORMAT,
    version: CHECKPOINT_VERSION,
    identity: snapshot.identity,
    seconds: snapshot.seconds,
    generated: snapshot.generated,
    depth: snapshot.depth,
    pops: snapshot.pops,
    depthBound: snapshot.depthBound,
    evaluated: [...snapshot.evaluated],
    fresh: [...snapshot.fresh],
    discoveries: snapshot.discoveries,
    seenSize: snapshot.seenSize,
    seenWords: snapshot.seen.length,
    traceSize: snapshot.parents.length,
    frontierEntries: snapshot.frontier.length / 4,
  };
  let json = JSON.stringify(header);
  while (Buffer.byteLength(json) % 4 !== 0) json += ' ';
  const headerBytes = Buffer.from(json, 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32LE(headerBytes.length);
  const parts: Uint8Array[] = [MAGIC, length, headerBytes, bytesOf(snapshot.seen), bytesOf(snapshot.parents), bytesOf(snapshot.steps), bytesOf(snapshot.frontier)];
  const hash = createHash('sha256');
  const temporary = join(file, '..', `.${basename(file)}.${process.pid}.tmp`);
  const fd = openSync(temporary, 'w');
  try {
    for (const part of parts) {
      hash.update(part);
      writeAll(fd, part);
    }
    writeAll(fd, hash.digest());
    fsyncSync(fd);
  } catch (error) {
    closeSync(fd);
    rmSync(temporary, { force: true });
    throw error;
  }
  closeSync(fd);
  renameSync(temporary, file);
}

function bytesOf(a: Uint32Array | Int32Array): Uint8Array {
  return new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
}

function writeAll(fd: number, bytes: Uint8Array): void {
  // Large sections go in pieces: one write call takes at most 2 GiB.
  const piece = 1 << 28;
  for (let at = 0; at < bytes.length;) at += writeSync(fd, bytes, at, Math.min(piece, bytes.length - at));
}

/** A checkpoint that cannot be used: one line, exit 2. */
export class CheckpointError extends UsageError {}

/**
 * Reads and checks a checkpoint file: a regular file, the magic, the digest
 * (a damaged or edited file is refused before anything in it is parsed),
 * the header's schema (strict: unknown keys such as `__proto__` are
 * refused; JSON.parse never touches prototypes) and the sections'
 * consistency. Nothing in it is executed. Whether it is of the model being
 * checked is the caller's to decide (`identityMismatch`), and the rebuilt
 * frontier's fingerprints prove it.
 */
export function readCheckpoint(file: string): Snapshot {
  const damaged = (why: string): CheckpointError => new CheckpointError(`checkpoint ${file} is damaged: ${why}`);
  let size: number;
  try {
    const stat = statSync(file);
    if (!stat.isFile()) throw new CheckpointError(`checkpoint ${file} is not a regular file`);
    size = stat.size;
  } catch (error) {
    if (error instanceof CheckpointError) throw error;
    throw new CheckpointError(`no checkpoint at ${file}: ${(error as NodeJS.ErrnoException).code ?? 'unreadable'}`);
  }
  if (size < MAGIC.length + 4 + DIGEST_BYTES) throw damaged(`${size} bytes is too short`);
  const bytes = readFileSync(file);
  if (!bytes.subarray(0, MAGIC.length).equals(MAGIC)) throw new CheckpointError(`${file} is not a xenspec checkpoint`);
  const body = bytes.subarray(0, bytes.length - DIGEST_BYTES);
  if (
    !createHash('sha256')
      .update(body)
      .digest()
      .equals(bytes.subarray(bytes.length - DIGEST_BYTES))
  )
    throw damaged('its digest does not match its content');
  const headerLength = bytes.readUInt32LE(MAGIC.length);
  const start = MAGIC.length + 4 + headerLength;
  if (headerLength % 4 !== 0 || start > body.length) throw damaged('bad header length');
  let raw: unknown;
  try {
    raw = JSON.parse(bytes.subarray(MAGIC.length + 4, start).toString('utf8'));
  } catch {
    throw damaged('its header is not JSON');
  }
  const parsed = headerSchema().safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw damaged(`header ${issue.path.join('.') || 'top level'}: ${issue.message}`);
  }
  const h = parsed.data;
  if (h.version !== CHECKPOINT_VERSION) throw new CheckpointError(`checkpoint ${file} has format version ${h.version}; this xenspec reads version ${CHECKPOINT_VERSION}`);
  const words = h.seenWords + 2 * h.traceSize + 4 * h.frontierEntries;
  if (start + words * 4 !== body.length) throw damaged('its sections do not add up to its length');
  const section = <T extends Uint32Array | Int32Array>(make: new (n: number) => T, from: number, n: number): T => {
    const out = new make(n);
    new Uint8Array(out.buffer).set(body.subarray(start + from * 4, start + (from + n) * 4));
    return out;
  };
  const seen = section(Uint32Array, 0, h.seenWords);
  const parents = section(Int32Array, h.seenWords, h.traceSize);
  const steps = section(Int32Array, h.seenWords + h.traceSize, h.traceSize);
  const frontier = section(Int32Array, h.seenWords + 2 * h.traceSize, 4 * h.frontierEntries);
  if (h.seenWords % 2 !== 0 || h.seenWords < 32 || h.seenSize > (h.seenWords / 2) * 0.75 + 1) throw damaged('its seen-set table is inconsistent');
  // The slots in use must be exactly the states stored (a table with no free slot would make every lookup probe forever).
  let used = 0;
  for (let i = 0; i < seen.length; i += 2) if (seen[i] !== 0 || seen[i + 1] !== 0) used++;
  if (used !== h.seenSize) throw damaged(`its seen-set table holds ${used} fingerprints, not the ${h.seenSize} stored states`);
  if (h.traceSize !== h.seenSize) throw damaged(`${h.traceSize} trace records for ${h.seenSize} stored states`);
  if (h.evaluated.length !== h.fresh.length) throw damaged('coverage columns of different lengths');
  for (let id = 0; id < h.traceSize; id++) {
    const parent = parents[id]!;
    if (parent >= id || parent < -1 || steps[id]! < 0) throw damaged(`trace record ${id} is inconsistent`);
  }
  for (let e = 0; e < frontier.length; e += 4) {
    if (frontier[e]! < 0 || frontier[e]! >= h.traceSize || frontier[e + 1]! < 0) throw damaged(`frontier entry ${e / 4} is inconsistent`);
  }
  return {
    identity: h.identity,
    seconds: h.seconds,
    generated: h.generated,
    depth: h.depth,
    pops: h.pops,
    depthBound: h.depthBound,
    evaluated: h.evaluated,
    fresh: h.fresh,
    discoveries: h.discoveries.map(({ message, ...d }) => ({ ...d, path: { init: d.path.init, actions: d.path.actions }, ...(message === undefined ? {} : { message }) })),
    seenSize: h.seenSize,
    seen,
    parents,
    steps,
    frontier,
  };
}
