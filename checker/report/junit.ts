import { formatPath } from '../path.ts';
import { isExhaustive, type CheckResult, type Discovery } from '../result.ts';
import type { Side } from '../subsystem.ts';
import type { ZooRow } from '../zoo.ts';

/** Version of the JUnit report layout (the `xenspec.version` property of each suite). */
export const JUNIT_VERSION = 1;

/**
 * Text as XML 1.0 character data or an attribute value: `& < > "` as
 * entities, and every character XML 1.0 cannot carry at all (C0 controls but
 * tab and newline, DEL and C1 controls, lone surrogates, U+FFFE/U+FFFF) as
 * a visible `\xNN` / `\uNNNN` escape, so the report stays well-formed
 * whatever a model's message holds.
 */
export function escapeXml(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/[\p{Cc}\p{Cs}\uFFFE\uFFFF]/gu, (c) => {
      if (c === '\n' || c === '\t') return c;
      const code = c.charCodeAt(0);
      return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
    });
}

/** An attribute value: as `escapeXml`, with newlines and tabs as character references (attribute values normalise them away). */
function attr(s: string): string {
  return escapeXml(s).replace(/\n/g, '&#10;').replace(/\t/g, '&#9;');
}

/** What `check` wrote for one discovery: its trace and the counterexample file (or why none was written). */
export interface DiscoveryTrace {
  readonly discovery: Discovery;
  /** The label of each state along the path. */
  readonly labels: readonly string[];
  readonly file?: string | undefined;
  readonly notWritten?: string | undefined;
}

/** One check result with what identifies it, for the JUnit and JSON reports. */
export interface LabelledResult {
  /** `subsystem/config [variant] (only side)`: the suite name. */
  readonly label: string;
  readonly subsystem?: string;
  readonly config?: string;
  readonly variant?: string | undefined;
  readonly side?: Side;
  readonly result: CheckResult;
  /** The trace of each violation (counterexample or exception). */
  readonly traces?: readonly DiscoveryTrace[];
}

function properties(entries: Record<string, string | number | undefined>): string {
  const rows = Object.entries(entries)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `      <property name="${attr(k)}" value="${attr(String(v))}"/>`);
  return `    <properties>\n${rows.join('\n')}\n    </properties>`;
}

function traceText(t: DiscoveryTrace | undefined): string {
  if (t === undefined) return '';
  const lines = t.labels.map((label, i) => `${String(i).padStart(3)}  ${label}`);
  lines.push(t.file !== undefined ? `counterexample file: ${t.file}` : `counterexample not written: ${t.notWritten ?? 'unknown'}`);
  return escapeXml(lines.join('\n'));
}

/** The name of the test case that stands for the exploration itself. */
export const EXPLORATION_CASE = 'explored every reachable state within the bounds';

/**
 * JUnit XML (version `JUNIT_VERSION`): a test suite per check, carrying
 * subsystem, config, variant, side, strategy, seed and verdict as
 * properties, and a test case per property, agreeing with the exit code of
 * `xenspec check`. A violation (or an exception) is a `<failure>` whose text
 * is the path's trace and the counterexample file; so is a witness never
 * reached on an exhaustive run. On a run that did not explore everything (a
 * bound, a violation that stopped it, random walks), an invariant that held
 * and a witness not reached are `<skipped>`: neither is decided. One more
 * case, `EXPLORATION_CASE`, passes when the run was exhaustive and is
 * skipped (naming the stop) otherwise, so that an incomplete run always
 * shows as skipped. A reached witness always passes.
 */
export function formatJunit(results: readonly LabelledResult[]): string {
  let all = 0;
  let allFailures = 0;
  let allSkipped = 0;
  let allTime = 0;
  const suites = results.map(({ label, subsystem, config, variant, side, result, traces }) => {
    const cls = attr(label);
    const cases: string[] = [];
    let failures = 0;
    let skipped = 0;
    const exhaustive = isExhaustive(result.stoppedBy);
    const stop = `not decided: the run stopped (${result.stoppedBy.join(', ')}) before exploring every state`;
    const child = (name: string, element: string): string => `    <testcase classname="${cls}" name="${attr(name)}">\n      ${element}\n    </testcase>`;
    const pass = (name: string): string => `    <testcase classname="${cls}" name="${attr(name)}"/>`;
    if (exhaustive) cases.push(pass(EXPLORATION_CASE));
    else {
      skipped++;
      cases.push(child(EXPLORATION_CASE, `<skipped message="${attr(`the run stopped (${result.stoppedBy.join(', ')}) before exploring every state`)}"/>`));
    }
    for (const name of result.held) {
      if (exhaustive) cases.push(pass(name));
      else {
        skipped++;
        cases.push(child(name, `<skipped message="${attr(`held on every state explored, but ${stop}`)}"/>`));
      }
    }
    for (const d of result.discoveries) {
      if (d.kind === 'witness') {
        cases.push(pass(d.property));
      } else {
        failures++;
        const msg = `${d.kind} at path ${formatPath(d.path)}${d.message === undefined ? '' : `: ${d.message}`}`;
        const trace = traceText(traces?.find((t) => t.discovery === d));
        cases.push(child(d.property, `<failure type="${d.kind}" message="${attr(msg)}">${trace}</failure>`));
      }
    }
    for (const name of result.unreached) {
      if (exhaustive) {
        failures++;
        cases.push(child(name, '<failure type="unreached" message="witness never reached on an exhaustive run"/>'));
      } else {
        skipped++;
        cases.push(child(name, `<skipped message="${attr(`witness not reached before the stop; ${stop}`)}"/>`));
      }
    }
    all += cases.length;
    allFailures += failures;
    allSkipped += skipped;
    allTime += result.stats.seconds;
    const props = properties({
      'xenspec.version': JUNIT_VERSION,
      subsystem,
      config,
      variant: variant ?? (subsystem === undefined ? undefined : 'none'),
      side,
      strategy: result.strategy,
      seed: result.seed,
      verdict: result.verdict,
    });
    return (
      `  <testsuite name="${cls}" tests="${cases.length}" failures="${failures}" errors="0" skipped="${skipped}" time="${result.stats.seconds.toFixed(3)}">\n` +
      `${props}\n${cases.join('\n')}\n  </testsuite>`
    );
  });
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="xenspec check" tests="${all}" failures="${allFailures}" errors="0" skipped="${allSkipped}" time="${allTime.toFixed(3)}">\n` +
    `${suites.join('\n')}\n</testsuites>\n`
  );
}

/**
 * The zoo as JUnit XML: one suite per subsystem, a test case per variant
 * (a `<failure>` when it escaped) and per control row (a `<failure>` when
 * the unmodified impl is not clean).
 */
export function formatZooJunit(rows: readonly ZooRow[]): string {
  const bySubsystem = new Map<string, ZooRow[]>();
  for (const r of rows) bySubsystem.set(r.subsystem, [...(bySubsystem.get(r.subsystem) ?? []), r]);
  let all = 0;
  let allFailures = 0;
  const suites = [...bySubsystem].map(([subsystem, rs]) => {
    let failures = 0;
    const cases = rs.map((r) => {
      const name = r.variant ?? `unmodified impl on ${r.config}`;
      const head = `    <testcase classname="${attr(`${subsystem} zoo`)}" name="${attr(name)}" time="${r.seconds.toFixed(3)}"`;
      if (r.caught) return `${head}/>`;
      failures++;
      const why =
        r.variant === undefined
          ? `the unmodified impl is not clean on ${r.config}: ${r.foundProperty !== undefined ? `violates "${r.foundProperty}"` : `witnesses never reached: ${r.unreached.join('; ')}`}`
          : `escaped: expected "${r.expectedProperty ?? ''}" to be violated, found ${r.foundProperty === undefined ? 'no violation' : `"${r.foundProperty}"`}`;
      return `${head}>\n      <failure type="${r.variant === undefined ? 'dirty' : 'escaped'}" message="${attr(why)}"/>\n    </testcase>`;
    });
    all += cases.length;
    allFailures += failures;
    const time = rs.reduce((t, r) => t + r.seconds, 0);
    return (
      `  <testsuite name="${attr(`${subsystem} zoo`)}" tests="${cases.length}" failures="${failures}" errors="0" skipped="0" time="${time.toFixed(3)}">\n` +
      `${properties({ 'xenspec.version': JUNIT_VERSION, subsystem })}\n${cases.join('\n')}\n  </testsuite>`
    );
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="xenspec zoo" tests="${all}" failures="${allFailures}" errors="0" skipped="0">\n${suites.join('\n')}\n</testsuites>\n`;
}
