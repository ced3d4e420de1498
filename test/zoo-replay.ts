import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { readCounterexample, sealCounterexample, writeCounterexample, type CounterexampleFile } from '../checker/counterexample.ts';
import type { VariantInfo } from '../checker/subsystem.ts';
import { runCli as run } from './run-cli.ts';

/**
 * Shared steps of the zoo replay tests: `check` a variant through the CLI into
 * a fresh directory, and the stale-file check. Each subsystem's test adds what
 * its replayed trace must show.
 */

/** Runs `check SUBSYSTEM --config … --variant …` into a fresh directory; expects exit 1 and exactly one file, for the variant's property. */
export async function checkVariantToFile(subsystem: string, variant: VariantInfo): Promise<{ readonly file: string; readonly saved: CounterexampleFile }> {
  const dir = mkdtempSync(join(tmpdir(), `xenspec-${subsystem}-`));
  const checked = await run('check', subsystem, '--config', variant.config, '--variant', variant.id, '--out-dir', dir);
  expect(checked.code).toBe(1);
  const files = readdirSync(dir);
  expect(files).toHaveLength(1);
  const file = join(dir, files[0]!);
  const saved = readCounterexample(file);
  expect(saved.property).toBe(variant.expectedProperty);
  expect(saved.variant).toBe(variant.id);
  return { file, saved };
}

/** The variant's counterexample, resealed as if written for the unmodified impl, must be refused as stale (exit 2), not reproduced. */
export async function expectStaleAgainstUnmodified(subsystem: string, variant: VariantInfo): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), `xenspec-${subsystem}-`));
  await run('check', subsystem, '--config', variant.config, '--variant', variant.id, '--out-dir', dir);
  const saved = readCounterexample(join(dir, readdirSync(dir)[0]!));
  const { digest: _d, format: _f, version: _v, parsedPath: _p, ...body } = saved;
  const unmodified = writeCounterexample(join(dir, 'unmodified'), sealCounterexample({ ...body, variant: null }));
  const replayed = await run('replay', unmodified);
  expect(replayed.code).toBe(2);
  expect(replayed.err).toMatch(/is stale/);
}
