import { formatPath } from '../path.ts';
import { isExhaustive, type CheckResult } from '../result.ts';

function escape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** One labelled check result for JUnit output. */
export interface LabelledResult {
  readonly label: string;
  readonly result: CheckResult;
}

/**
 * JUnit XML: a test suite per check, a test case per property, agreeing
 * with the exit code of `xenspec check`. A violation (or an exception) is a
 * `<failure>`, and so is a witness never reached on an exhaustive run. On a
 * run that did not explore everything (a bound, a violation that stopped it,
 * random walks), an invariant that held and a witness not reached are
 * `<skipped>`: neither is decided. A reached witness always passes.
 */
export function formatJunit(results: readonly LabelledResult[]): string {
  const suites = results.map(({ label, result }) => {
    const cls = escape(label);
    const cases: string[] = [];
    let failures = 0;
    let skipped = 0;
    const exhaustive = isExhaustive(result.stoppedBy);
    const stop = `not decided: the run stopped (${result.stoppedBy.join(', ')}) before exploring every state`;
    const child = (name: string, element: string): string => `    <testcase classname="${cls}" name="${escape(name)}">\n      ${element}\n    </testcase>`;
    for (const name of result.held) {
      if (exhaustive) {
        cases.push(`    <testcase classname="${cls}" name="${escape(name)}"/>`);
      } else {
        skipped++;
        cases.push(child(name, `<skipped message="${escape(`held on every state explored, but ${stop}`)}"/>`));
      }
    }
    for (const d of result.discoveries) {
      if (d.kind === 'witness') {
        cases.push(`    <testcase classname="${cls}" name="${escape(d.property)}"/>`);
      } else {
        failures++;
        const msg = `${d.kind} at path ${formatPath(d.path)}${d.message === undefined ? '' : `: ${d.message}`}`;
        cases.push(child(d.property, `<failure message="${escape(msg)}"/>`));
      }
    }
    for (const name of result.unreached) {
      if (exhaustive) {
        failures++;
        cases.push(child(name, '<failure message="witness never reached on an exhaustive run"/>'));
      } else {
        skipped++;
        cases.push(child(name, `<skipped message="${escape(`witness not reached before the stop; ${stop}`)}"/>`));
      }
    }
    return (
      `  <testsuite name="${cls}" tests="${cases.length}" failures="${failures}" skipped="${skipped}" time="${result.stats.seconds.toFixed(3)}">\n` +
      `${cases.join('\n')}\n  </testsuite>`
    );
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites>\n${suites.join('\n')}\n</testsuites>\n`;
}
