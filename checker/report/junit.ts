import type { CheckResult } from '../result.ts';

function escape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** One labelled check result for JUnit output. */
export interface LabelledResult {
  readonly label: string;
  readonly result: CheckResult;
}

/** JUnit XML: a test suite per check, a test case per property (failures for violations and unreached witnesses). */
export function formatJunit(results: readonly LabelledResult[]): string {
  const suites = results.map(({ label, result }) => {
    const cases: string[] = [];
    let failures = 0;
    for (const name of result.held) cases.push(`    <testcase classname="${escape(label)}" name="${escape(name)}"/>`);
    for (const d of result.discoveries) {
      if (d.kind === 'witness') {
        cases.push(`    <testcase classname="${escape(label)}" name="${escape(d.property)}"/>`);
      } else {
        failures++;
        const msg = `${d.kind} at path ${[d.path.init, ...d.path.actions].join('/')}${d.message === undefined ? '' : `: ${d.message}`}`;
        cases.push(`    <testcase classname="${escape(label)}" name="${escape(d.property)}">\n      <failure message="${escape(msg)}"/>\n    </testcase>`);
      }
    }
    for (const name of result.unreached) {
      failures++;
      cases.push(`    <testcase classname="${escape(label)}" name="${escape(name)}">\n      <failure message="witness never reached"/>\n    </testcase>`);
    }
    return `  <testsuite name="${escape(label)}" tests="${cases.length}" failures="${failures}" time="${result.stats.seconds.toFixed(3)}">\n${cases.join('\n')}\n  </testsuite>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites>\n${suites.join('\n')}\n</testsuites>\n`;
}
