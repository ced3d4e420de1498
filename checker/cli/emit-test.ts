import { existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CounterexampleFile } from '../counterexample.ts';
import { UsageError } from '../subsystem.ts';
import type { PathCase } from './testing.ts';
import { oneLine } from './text.ts';

/** The checkout this module runs from (the folder holding package.json), from the sources or from the bundle in dist/. */
function checkoutRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('cannot find the xenspec checkout (no package.json above the CLI)');
    dir = up;
  }
  return dir;
}

/** How the emitted file imports `checker/cli/testing.ts`: a relative specifier from where it is written. */
function testingImport(outPath: string): string {
  const rel = relative(dirname(resolve(outPath)), join(checkoutRoot(), 'checker/cli/testing.ts'))
    .split('\\')
    .join('/');
  return rel.startsWith('.') ? rel : `./${rel}`;
}

/**
 * The source of a vitest test that follows `file`'s path on `against` (a
 * variant id, or null for the unmodified impl) and asserts the recorded
 * property holds on every state along it (`expectHoldsAlong`): it fails
 * while the bug is there and passes once it is fixed. Everything taken from
 * the file is written as a JSON literal (or, in the header comment, as one
 * line with control characters escaped), so nothing of it runs. A witness
 * is refused: it records a state the model should reach, not a bug.
 */
export function emitRegressionTest(file: CounterexampleFile, source: string, outPath: string, against: string | null): string {
  if (file.kind === 'witness') throw new UsageError(`--emit-test: ${source} records a witness ("${file.property}"), not a violation; there is nothing to guard`);
  if (file.kind === 'difference') throw new UsageError(`--emit-test: ${source} records a difference between two revisions, not a property violation; there is nothing to guard`);
  const c: PathCase = {
    subsystem: file.subsystem,
    config: file.config,
    variant: against,
    side: file.side,
    kind: file.kind,
    property: file.property,
    path: file.path,
    actions: file.actions.slice(1),
  };
  const steps = c.actions.length;
  const impl = against === null ? 'the unmodified impl' : against;
  const title =
    file.kind === 'exception'
      ? `no exception along the ${steps}-step path of ${file.subsystem}/${file.config} on ${impl}`
      : `"${file.property}" holds along the ${steps}-step path of ${file.subsystem}/${file.config} on ${impl}`;
  const recorded = file.variant === null ? 'the unmodified impl' : file.variant;
  return [
    `// Regression test written by \`xenspec replay --emit-test\` from ${oneLine(source, 500)}`,
    `// (${file.kind} found on ${oneLine(recorded)}). It follows the same path on ${oneLine(impl)} and asserts the`,
    `// property on every state along it: it fails while the bug is there and passes once it is fixed.`,
    `// To judge another impl, set "variant" (a zoo variant id, or null for the unmodified impl).`,
    `import { it } from 'vitest';`,
    `import { expectHoldsAlong } from ${JSON.stringify(testingImport(outPath))};`,
    ``,
    `const counterexample = ${JSON.stringify(c, null, 2)} as const;`,
    ``,
    `it(${JSON.stringify(title)}, { timeout: 120_000 }, () => {`,
    `  expectHoldsAlong(counterexample);`,
    `});`,
    ``,
  ].join('\n');
}
