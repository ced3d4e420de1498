import { createHash } from 'node:crypto';
import { closeSync, fstatSync, openSync, readSync, statSync, writeFileSync } from 'node:fs';
import { makeFolders } from './folders.ts';
import { join } from 'node:path';
import type { z as zodNamespace } from 'zod';
import { lazySchema } from './lazy-zod.ts';
import { clipLabel, clipMessage, COUNTEREXAMPLE_LIMITS as LIMITS } from './counterexample-limits.ts';
import { formatPath, parsePath, type Path } from './path.ts';
import { EXCEPTION_PROPERTY } from './properties.ts';
import type { Side } from './subsystem.ts';

/**
 * Version of the counterexample file schema written. Bump on any
 * incompatible change. 2 added `xenspec diff`'s files (kind `difference`,
 * field `against`); files of version 1 are still read.
 */
export const COUNTEREXAMPLE_VERSION = 2;

function buildSchema(z: typeof zodNamespace) {
  const name = z
    .string()
    .min(1)
    .max(200)
    .regex(/^[A-Za-z0-9._/-]+$/, 'letters, digits, . _ / - only');
  return z.strictObject({
    format: z.literal('xenspec-counterexample'),
    version: z.union([z.literal(1), z.literal(COUNTEREXAMPLE_VERSION)]),
    subsystem: name,
    config: name,
    variant: name.nullable(),
    side: z.enum(['both', 'spec', 'impl']),
    property: z.string().min(1).max(LIMITS.propertyChars),
    kind: z.enum(['counterexample', 'witness', 'exception', 'difference']),
    /**
     * Files of `xenspec diff` only: the revision `variant` was compared
     * against (a variant id, or null for the unmodified impl).
     */
    against: name.nullable().optional(),
    path: z
      .string()
      .max(11 * (LIMITS.pathSteps + 1))
      .refine((p) => parsePath(p) !== undefined, 'must look like "0/3/1/2"')
      .refine((p) => (p.match(/\//g)?.length ?? 0) <= LIMITS.pathSteps, `must be at most ${LIMITS.pathSteps} steps`),
    /** Readable label of each state's incoming action, starting with `init #k`. */
    actions: z
      .array(z.string().max(LIMITS.labelChars))
      .min(1)
      .max(LIMITS.pathSteps + 1),
    /** Fingerprint of each state along the path (16 hex digits); for an exception thrown by the last step, one fewer. */
    fingerprints: z
      .array(z.string().regex(/^[0-9a-f]{16}$/))
      .min(1)
      .max(LIMITS.pathSteps + 1),
    message: z.string().max(LIMITS.messageChars).optional(),
    /** sha256 of the canonical JSON of every other field: detects edits and corruption. */
    digest: z.string().regex(/^[0-9a-f]{64}$/),
  });
}

/** The schema of a counterexample file (strict: unknown fields are refused), built on first use. */
export const counterexampleSchema = lazySchema(buildSchema);

/** A counterexample (or witness) as saved on disk. */
export type CounterexampleFile = zodNamespace.infer<ReturnType<typeof buildSchema>>;

/** The content of a file before its digest is added. */
export type CounterexampleBody = Omit<CounterexampleFile, 'digest' | 'format' | 'version'>;

/** What a file records: a check's discovery, or a difference between two revisions (`xenspec diff`). */
export type FileKind = CounterexampleFile['kind'];

/** A counterexample file that cannot be used; `message` is one line for the user. */
export class CounterexampleFileError extends Error {
  override readonly name = 'CounterexampleFileError';
}

function digestOf(body: Omit<CounterexampleFile, 'digest'>): string {
  const ordered = Object.keys(body)
    .sort()
    .map((k) => [k, (body as Record<string, unknown>)[k]]);
  return createHash('sha256').update(JSON.stringify(ordered)).digest('hex');
}

/** Adds format, version and digest. */
export function sealCounterexample(body: CounterexampleBody): CounterexampleFile {
  const unsealed = { format: 'xenspec-counterexample' as const, version: COUNTEREXAMPLE_VERSION as 1 | 2, ...body };
  return { ...unsealed, digest: digestOf(unsealed) };
}

/** The path `writeCounterexample` writes `file` to. */
export function counterexamplePath(dir: string, file: CounterexampleFile): string {
  const slug = (s: string): string =>
    s
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 60);
  return join(dir, `${slug(file.subsystem)}-${slug(file.property)}-${file.digest.slice(0, 8)}.json`);
}

/**
 * Writes `file` under `dir` as `<subsystem>-<property>-<hash>.json` and
 * returns the path written. Throws `CounterexampleFileError` when replay
 * would refuse the file (nothing is written), and the file system's error
 * when the write fails.
 */
export function writeCounterexample(dir: string, file: CounterexampleFile): string {
  const text = serializeCounterexample(file);
  makeFolders(dir);
  const path = counterexamplePath(dir, file);
  writeFileSync(path, text);
  return path;
}

/**
 * Reads at most `LIMITS.fileBytes` bytes of a regular file, in a bounded
 * loop: a device (`/dev/zero`), a pipe (`<(…)`), a FIFO or a directory is
 * refused without reading it, and a file that grows while it is read is
 * refused once it passes the limit.
 */
function readBounded(filePath: string): string {
  const refuse = (why: string): CounterexampleFileError => new CounterexampleFileError(`cannot read counterexample file ${filePath}: ${why}`);
  const notRegular = 'not a regular file (a device, pipe, FIFO or directory is not read)';
  let fd: number;
  try {
    if (!statSync(filePath).isFile()) throw refuse(notRegular);
    fd = openSync(filePath, 'r');
  } catch (error) {
    if (error instanceof CounterexampleFileError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw refuse(code === 'ENOENT' ? 'no such file' : code === 'ENAMETOOLONG' ? 'the name is too long' : (code ?? 'unreadable'));
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) throw refuse(notRegular);
    const tooLarge = (): CounterexampleFileError =>
      new CounterexampleFileError(`counterexample file ${filePath} is over the ${LIMITS.fileBytes}-byte limit of counterexample files`);
    if (stat.size > LIMITS.fileBytes) throw tooLarge();
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(1 << 20, LIMITS.fileBytes + 1 - total));
      let n: number;
      try {
        n = readSync(fd, chunk, 0, chunk.length, null);
      } catch (error) {
        throw refuse((error as NodeJS.ErrnoException).code ?? 'unreadable');
      }
      if (n === 0) break;
      total += n;
      if (total > LIMITS.fileBytes) throw tooLarge();
      chunks.push(chunk.subarray(0, n));
    }
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks, total));
    } catch {
      throw new CounterexampleFileError(`counterexample file ${filePath} is not UTF-8 text`);
    }
  } finally {
    closeSync(fd);
  }
}

/**
 * Reads and validates a counterexample file. Throws `CounterexampleFileError`
 * with a one-line message when the file is missing, not a regular file, too
 * large, not JSON, not of the schema, inconsistent (a message on a
 * non-exception, fingerprints not one per state), or its digest does not
 * match (edited or corrupted). Nothing in the file is executed; JSON.parse
 * never touches prototypes and the strict schema refuses unknown keys such
 * as `__proto__`. Whether the file still matches the model is replay's to say.
 */
export function readCounterexample(filePath: string): CounterexampleFile & { readonly parsedPath: Path } {
  const text = readBounded(filePath);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new CounterexampleFileError(`counterexample file ${filePath} is not valid JSON`);
  }
  return validate(raw, filePath);
}

function validate(raw: unknown, filePath: string): CounterexampleFile & { readonly parsedPath: Path } {
  const parsed = counterexampleSchema().safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.length === 0 ? 'top level' : issue.path.join('.');
    throw new CounterexampleFileError(`counterexample file ${filePath} is malformed (${where}: ${issue.message})`);
  }
  const file = parsed.data;
  const { digest, ...rest } = file;
  if (digestOf(rest) !== digest) {
    throw new CounterexampleFileError(`counterexample file ${filePath} was modified or corrupted: its digest does not match its content`);
  }
  const parsedPath = parsePath(file.path)!;
  const states = parsedPath.actions.length + 1;
  const inconsistent = (why: string): CounterexampleFileError => new CounterexampleFileError(`counterexample file ${filePath} is inconsistent: ${why}`);
  if (file.actions.length !== states) throw inconsistent(`${file.actions.length} action labels for a path of ${states} states`);
  // An exception thrown by the last step leaves that step without a state: one fingerprint fewer.
  const fingerprintsOk = file.fingerprints.length === states || (file.kind === 'exception' && file.fingerprints.length === states - 1);
  if (!fingerprintsOk) throw inconsistent(`${file.fingerprints.length} fingerprints for a path of ${states} states`);
  if ((file.message !== undefined) !== (file.kind === 'exception')) {
    throw inconsistent(file.kind === 'exception' ? 'an exception without its message' : `a message on a ${file.kind}`);
  }
  if (file.version === 1 && (file.kind === 'difference' || file.against !== undefined)) throw inconsistent('a difference between revisions in a version 1 file');
  if (file.kind === 'difference' && file.against === undefined) throw inconsistent('a difference without the revision it was found against');
  if (file.against !== undefined && file.kind !== 'difference' && file.kind !== 'exception') throw inconsistent(`a ${file.kind} between two revisions`);
  if ((file.kind === 'exception') !== (file.property === EXCEPTION_PROPERTY)) {
    throw inconsistent(file.kind === 'exception' ? `an exception recorded under "${file.property}"` : `a ${file.kind} for "${EXCEPTION_PROPERTY}"`);
  }
  return { ...file, parsedPath };
}

/**
 * The text of `file` as written, after checking that `readCounterexample`
 * would accept it (the same schema and size limit): throws
 * `CounterexampleFileError` naming the limit it passes otherwise.
 */
export function serializeCounterexample(file: CounterexampleFile): string {
  const text = JSON.stringify(file, null, 2) + '\n';
  const bytes = Buffer.byteLength(text);
  if (bytes > LIMITS.fileBytes) {
    throw new CounterexampleFileError(`the file would be ${bytes} bytes, over the ${LIMITS.fileBytes}-byte limit that replay reads`);
  }
  validate(JSON.parse(text), 'to be written');
  return text;
}

/** Builds the body of a file from a discovery. */
export function counterexampleBody(fields: {
  subsystem: string;
  config: string;
  variant: string | undefined;
  side: Side;
  property: string;
  kind: FileKind;
  /** For a file of `xenspec diff`: the other revision (undefined: the unmodified impl). */
  against?: { readonly variant: string | undefined } | undefined;
  path: Path;
  actions: readonly string[];
  fingerprints: readonly string[];
  message?: string | undefined;
}): CounterexampleBody {
  return {
    subsystem: fields.subsystem,
    config: fields.config,
    variant: fields.variant ?? null,
    side: fields.side,
    property: fields.property,
    kind: fields.kind,
    ...(fields.against === undefined ? {} : { against: fields.against.variant ?? null }),
    path: formatPath(fields.path),
    actions: fields.actions.map(clipLabel),
    fingerprints: [...fields.fingerprints],
    ...(fields.message === undefined ? {} : { message: clipMessage(fields.message) }),
  };
}
