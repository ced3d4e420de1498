import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { readCounterexample, sealCounterexample, type CounterexampleFile } from '../../checker/counterexample.ts';
import { runCli as run } from '../run-cli.ts';

let original: string;
let originalJson: CounterexampleFile;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'xenspec-cex-'));
  const r = await run('check', 'counter', '--variant', 'counter/split-increment', '--out-dir', dir);
  expect(r.code).toBe(1);
  const file = join(dir, readdirSync(dir)[0]!);
  original = readFileSync(file, 'utf8');
  originalJson = JSON.parse(original) as CounterexampleFile;
});

function writeTemp(text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'xenspec-cex-case-')), 'cex.json');
  writeFileSync(file, text);
  return file;
}

describe('counterexample files', () => {
  it('survive a save / load / replay round trip', async () => {
    const file = writeTemp(original);
    const loaded = readCounterexample(file);
    expect(loaded.property).toBe('no lost update');
    expect(loaded.actions[0]).toBe('init #0');
    expect(loaded.fingerprints).toHaveLength(loaded.actions.length);
    const r = await run('replay', file);
    expect(r.code).toBe(1);
  });

  it('are rejected with exit 2 and one line when a field is edited without resealing', async () => {
    const edited = { ...originalJson, path: originalJson.path.replace(/\/(\d+)$/, (_m, d: string) => (d === '0' ? '/1' : '/0')) };
    const r = await run('replay', writeTemp(JSON.stringify(edited)));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/was modified or corrupted/);
  });

  it('are rejected as stale when a resealed path no longer matches the model', async () => {
    const { digest: _d, format: _f, version: _v, ...body } = originalJson;
    const actions = body.path.split('/');
    actions[actions.length - 1] = actions[actions.length - 1] === '0' ? '1' : '0';
    const resealed = sealCounterexample({ ...body, path: actions.join('/') });
    const r = await run('replay', writeTemp(JSON.stringify(resealed)));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/is stale/);
    expect(r.err.split('\n')).toHaveLength(1);
  });

  it('are rejected as stale when they name a config that no longer exists', async () => {
    const { digest: _d, format: _f, version: _v, ...body } = originalJson;
    const r = await run('replay', writeTemp(JSON.stringify(sealCounterexample({ ...body, config: 'gone' }))));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/stale: unknown config "gone"/);
  });

  it('never pollute prototypes: a __proto__ key is refused by the strict schema', async () => {
    const text = original.replace('{', '{"__proto__": {"polluted": "yes"}, "constructor": {"prototype": {"polluted": "yes"}},');
    const r = await run('replay', writeTemp(text));
    expect(r.code).toBe(2);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('are rejected with exit 2 and one line under arbitrary corruption (fast-check)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.record({ kind: fc.constant('truncate' as const), at: fc.nat({ max: original.length - 1 }) }),
          fc.record({ kind: fc.constant('replace' as const), at: fc.nat({ max: original.length - 1 }), ch: fc.string({ minLength: 1, maxLength: 3 }) }),
          fc.record({ kind: fc.constant('json' as const), value: fc.jsonValue() }),
        ),
        async (mutation) => {
          const text =
            mutation.kind === 'truncate'
              ? original.slice(0, mutation.at)
              : mutation.kind === 'replace'
                ? original.slice(0, mutation.at) + mutation.ch + original.slice(mutation.at + 1)
                : JSON.stringify(mutation.value);
          const r = await run('replay', writeTemp(text));
          if (r.code === 1) {
            // Only a mutation that left the content semantically unchanged (e.g. whitespace) may still replay.
            expect(JSON.parse(text)).toEqual(originalJson);
          } else {
            expect(r.code).toBe(2);
            expect(r.err.trim().split('\n')).toHaveLength(1);
          }
        },
      ),
      { numRuns: 150, seed: 20261121 },
    );
  });
});
