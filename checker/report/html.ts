import { createHash } from 'node:crypto';
import type { TraceStep } from '../trace-view.ts';
import { VIEWER_CSS, VIEWER_SCRIPT } from './html-client.ts';

/** Version of the data a trace page embeds (`trace.version`). */
export const TRACE_HTML_VERSION = 1;

/** What a trace page shows: the run it comes from, its steps, and what the end of the path shows. */
export interface TraceDocument {
  /** `replay argo/small [argo/…] side=both: counterexample for "…"`. */
  readonly title: string;
  readonly subsystem: string;
  readonly config: string;
  readonly variant: string | null;
  readonly side: string;
  readonly property: string;
  readonly kind: 'counterexample' | 'witness' | 'exception' | 'difference';
  /** The path, `0/3/1/…`. */
  readonly path: string;
  /** What the end of the path shows (`reproduced: "…" is violated after N steps`). */
  readonly conclusion: string;
  readonly steps: readonly TraceStep[];
}

/**
 * JSON that is safe inside a `<script>` element of an HTML page: `<`, `>`
 * and `&` (so no `</script>` or `<!--` can close or change the element) and
 * U+2028/U+2029 are written as `\uXXXX` escapes, which JSON.parse reads back
 * as the same characters.
 */
export function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Text as HTML character data or a double-quoted attribute value. */
export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/**
 * One self-contained HTML page showing a replayed trace: the steps (actor,
 * operation and step, the spec call linearized and the outcomes), the state
 * at the selected step with what changed highlighted, the spec beside
 * `abstract(impl)` with the divergence marked, and each actor's frame.
 * Keyboard: ←/→ or k/j move between steps; each step has a link `#step-N`.
 *
 * Nothing of the trace is ever parsed as HTML: the data travels as JSON in a
 * `<script type="application/json">` element (`scriptSafeJson`) and the
 * page's own script writes it with `textContent`. A Content-Security-Policy
 * lets only that one script run (by its hash) and loads nothing from
 * anywhere: no network, no external fonts.
 */
export function renderTraceHtml(doc: TraceDocument): string {
  const scriptHash = createHash('sha256').update(VIEWER_SCRIPT).digest('base64');
  const csp = `default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-${scriptHash}'; img-src data:; base-uri 'none'; form-action 'none'`;
  const data = { version: TRACE_HTML_VERSION, ...doc };
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(doc.title)}</title>
<style>${VIEWER_CSS}</style>
</head>
<body>
<header>
<h1 id="title"></h1>
<p id="meta"></p>
<p id="conclusion"></p>
<p class="help">Keys: <kbd>←</kbd>/<kbd>→</kbd> or <kbd>k</kbd>/<kbd>j</kbd> previous/next step, <kbd>Home</kbd>/<kbd>End</kbd> first/last.</p>
</header>
<main>
<nav aria-label="steps"><ol id="steps"></ol></nav>
<section id="detail" aria-live="polite">
<h2 id="step-title"></h2>
<p id="step-explanation"></p>
<div id="refinement" class="panel"><h3>spec vs abstract(impl)</h3><p id="refinement-note"></p><table id="sides"></table><div id="divergence"></div></div>
<div id="frames-panel" class="panel"><h3>in-flight operations</h3><table id="frames"></table></div>
<div class="panel"><h3>state <span class="legend"><span class="changed">changed since the previous step</span></span></h3><pre id="state"></pre><details id="removed-box"><summary>lines of the previous state no longer present</summary><pre id="removed"></pre></details></div>
</section>
</main>
<script type="application/json" id="trace-data">${scriptSafeJson(data)}</script>
<script>${VIEWER_SCRIPT}</script>
</body>
</html>
`;
}
