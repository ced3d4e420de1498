import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { formatPath, parsePath, type Path } from './path.ts';
import type { DiscoveryKind } from './result.ts';
import type { Side } from './subsystem.ts';

/** Version of the counterexample file schema. Bump on any incompatible change. */
export const COUNTEREXAMPLE_VERSION = 1;

/** Files larger than this are refused before parsing. */
const MAX_FILE_BYTES = 8 * 1024 * 1024;

const name = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[A-Za-z0-9._/-]+$/, 'letters, digits, . _ / - only');

/** The schema of a counterexample file (strict: unknown fields are refused). */
export const counterexampleSchema = z.strictObject({
  format: z.literal('xenspec-counterexample'),
  version: z.literal(COUNTEREXAMPLE_VERSION),
  subsystem: name,
  config: name,
  variant: name.nullable(),
  side: z.enum(['both', 'spec', 'impl']),
  property: z.string().min(1).max(500),
  kind: z.enum(['counterexample', 'witness', 'exception']),
  path: z
    .string()
    .max(1_000_000)
    .refine((p) => parsePath(p) !== undefined, 'must look like "0/3/1/2"'),
  /** Readable label of each state's incoming action, starting with `init #k`. */
  actions: z.array(z.string().max(10_000)).min(1).max(200_000),
  /** Fingerprint of each state along the path (16 hex digits). */
  fingerprints: z.array(z.string().regex(/^[0-9a-f]{16}$/)).max(200_000),
  message: z.string().max(10_000).optional(),
  /** sha256 of the canonical JSON of every other field: detects edits and corruption. */
  digest: z.string().regex(/^[0-9a-f]{64}$/),
});

/** A counterexample (or witness) as saved on disk. */
export type CounterexampleFile = z.infer<typeof counterexampleSchema>;

/** The content of a file before its digest is added. */
export type CounterexampleBody = Omit<CounterexampleFile, 'digest' | 'format' | 'version'>;

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
  const unsealed = { format: 'xenspec-counterexample' as const, version: COUNTEREXAMPLE_VERSION as 1, ...body };
  return { ...unsealed, digest: digestOf(unsealed) };
}

/** Writes `file` under `dir` as `<subsystem>-<property>-<hash>.json` and returns the path written. */
export function writeCounterexample(dir: string, file: CounterexampleFile): string {
  mkdirSync(dir, { recursive: true });
  const slug = (s: string): string =>
    s
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 60);
  const path = join(dir, `${slug(file.subsystem)}-${slug(file.property)}-${file.digest.slice(0, 8)}.json`);
  writeFileSync(path, JSON.stringify(file, null, 2) + '\n');
  return path;
}

/**
 * Reads and validates a counterexample file. Throws `CounterexampleFileError`
 * with a one-line message when the file is missing, too large, not JSON, not
 * of the schema, or its digest does not match (edited or corrupted).
 * Nothing in the file is executed; JSON.parse never touches prototypes and
 * the strict schema refuses unknown keys such as `__proto__`.
 */
export function readCounterexample(filePath: string): CounterexampleFile & { readonly parsedPath: Path } {
  let size: number;
  try {
    size = statSync(filePath).size;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CounterexampleFileError(`cannot read counterexample file ${filePath}: ${code === 'ENOENT' ? 'no such file' : (code ?? 'unreadable')}`);
  }
  if (size > MAX_FILE_BYTES) throw new CounterexampleFileError(`counterexample file ${filePath} is ${size} bytes, over the ${MAX_FILE_BYTES}-byte limit`);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(filePath, 'utf8'));
  } catch {
    throw new CounterexampleFileError(`counterexample file ${filePath} is not valid JSON`);
  }
  const parsed = counterexampleSchema.safeParse(raw);
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
  if (file.actions.length !== parsedPath.actions.length + 1) {
    throw new CounterexampleFileError(
      `counterexample file ${filePath} is inconsistent: ${file.actions.length} action labels for a path of ${parsedPath.actions.length + 1} states`,
    );
  }
  return { ...file, parsedPath };
}

/** Builds the body of a file from a discovery. */
export function counterexampleBody(fields: {
  subsystem: string;
  config: string;
  variant: string | undefined;
  side: Side;
  property: string;
  kind: DiscoveryKind;
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
    path: formatPath(fields.path),
    actions: [...fields.actions],
    fingerprints: [...fields.fingerprints],
    ...(fields.message === undefined ? {} : { message: fields.message }),
  };
}
