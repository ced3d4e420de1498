import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** Every `.ts` file under `dir`, relative to the repository root. */
function sources(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

/** The relative modules `file` imports or re-exports (static, type-only and dynamic), relative to the root. */
function importsOf(file: string): string[] {
  const text = readFileSync(join(root, file), 'utf8');
  const specifiers = [...text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^;]*?\sfrom\s+'([^']+)'|import\(\s*'([^']+)'\s*\)/g)].map((m) => m[1] ?? m[2]!);
  return specifiers.filter((s) => s.startsWith('.')).map((s) => relative(root, resolve(root, dirname(file), s)));
}

/** Import cycles in the graph over `files` (each cycle once, as the list of files along it). */
function cycles(files: readonly string[]): string[][] {
  const inside = new Set(files);
  const graph = new Map(files.map((f) => [f, importsOf(f).filter((t) => inside.has(t))]));
  const found: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (f: string): void => {
    state.set(f, 'open');
    stack.push(f);
    for (const t of graph.get(f)!) {
      if (state.get(t) === 'open') found.push([...stack.slice(stack.indexOf(t)), t]);
      else if (state.get(t) === undefined) visit(t);
    }
    stack.pop();
    state.set(f, 'done');
  };
  for (const f of files) if (state.get(f) === undefined) visit(f);
  return found;
}

describe('the engine’s imports', () => {
  const engine = sources('checker');

  it('finds the imports it is meant to guard', () => {
    expect(engine.length).toBeGreaterThan(20);
    expect(importsOf('checker/explore.ts')).toContain('checker/explore-storage.ts');
    expect(importsOf('checker/cli/bench.ts')).toContain('model/registry.ts');
  });

  it('form no cycle among checker/ files, type-only imports included', () => {
    expect(cycles(engine)).toEqual([]);
  });

  it('reach outside checker/ only for the model registry the CLI uses', () => {
    const outside = engine.flatMap((f) =>
      importsOf(f)
        .filter((t) => !t.startsWith('checker/'))
        .map((t) => `${f} → ${t}`),
    );
    expect(outside.filter((line) => !/^checker\/cli\/[\w-]+\.ts → model\/registry\.ts$/.test(line))).toEqual([]);
  });
});

/** Every file `file` reaches through relative imports, itself included. */
function reach(file: string): Set<string> {
  const seen = new Set<string>();
  const walk = (f: string): void => {
    if (seen.has(f)) return;
    seen.add(f);
    for (const t of importsOf(f)) walk(t);
  };
  walk(file);
  return seen;
}

describe('the subsystems’ imports', () => {
  const all = [...sources('checker'), ...sources('spec'), ...sources('impl'), ...sources('model')];

  it('form no cycle anywhere in checker/, spec/, impl/ and model/', () => {
    expect(cycles(all)).toEqual([]);
  });

  it('keep the reference free of the impl and the model', () => {
    const bad = sources('spec').flatMap((f) =>
      importsOf(f)
        .filter((t) => t.startsWith('impl/') || t.startsWith('model/'))
        .map((t) => `${f} → ${t}`),
    );
    expect(bad).toEqual([]);
  });

  it('let the spec-only Argo model (--only spec) load nothing from impl/', () => {
    expect([...reach('model/argo/spec-model.ts')].filter((f) => f.startsWith('impl/'))).toEqual([]);
  });

  it('let the spec-only vpl011 model (--only spec) load nothing from impl/', () => {
    expect([...reach('model/vpl011/spec-model.ts')].filter((f) => f.startsWith('impl/'))).toEqual([]);
  });

  it('let the spec-only PCID model (--only spec) load nothing from impl/', () => {
    expect([...reach('model/pcid/spec-model.ts')].filter((f) => f.startsWith('impl/'))).toEqual([]);
  });
});
