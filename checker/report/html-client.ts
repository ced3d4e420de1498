/*
 * The trace page's own style and script (see `renderTraceHtml`). The script
 * reads the trace from the JSON element `trace-data` and writes it into the
 * page with `textContent` only: no markup is ever built from the trace.
 * Plain ES2020 for any current browser; tested in headless Chromium
 * (test/engine/html-viewer.test.ts).
 */

/** The page's style: system fonts only (nothing is loaded). */
export const VIEWER_CSS = `
:root { color-scheme: light; --bg: #fbfbfa; --fg: #1d1d1f; --muted: #666; --line: #ddd; --sel: #e6efff; --add: #e3f6e3; --addfg: #125c12;
  --bad: #b00020; --badbg: #fde8ea; --warn: #8a5a00; --warnbg: #fff4d6; }
* { box-sizing: border-box; }
html, body { height: 100%; }
body { margin: 0; font: 14px/1.4 system-ui, sans-serif; color: var(--fg); background: var(--bg); display: flex; flex-direction: column; }
header { padding: 10px 16px; border-bottom: 1px solid var(--line); }
h1 { font-size: 16px; margin: 0 0 4px; }
h2 { font-size: 15px; margin: 0 0 6px; }
h3 { font-size: 13px; margin: 0 0 6px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); }
#meta, .help { color: var(--muted); margin: 2px 0; font-size: 12px; }
#conclusion { margin: 4px 0; font-weight: 600; }
#conclusion.failing { color: var(--bad); }
#conclusion.passing { color: var(--addfg); }
main { flex: 1; min-height: 0; display: grid; grid-template-columns: minmax(260px, 36%) 1fr; }
nav { overflow: auto; border-right: 1px solid var(--line); }
ol { list-style: none; margin: 0; padding: 0; }
nav a { display: block; padding: 6px 10px; border-bottom: 1px solid var(--line); color: inherit; text-decoration: none; }
nav a:hover { background: #f0f0f0; }
nav li.selected a { background: var(--sel); box-shadow: inset 3px 0 #3060d0; }
.num { color: var(--muted); font-variant-numeric: tabular-nums; margin-right: 6px; }
.actor { display: inline-block; padding: 0 6px; border-radius: 8px; background: #e8e8ef; font-size: 12px; margin-right: 6px; }
.op { font-weight: 600; }
.lbl, .expl { display: block; font-size: 12px; color: var(--muted); }
.expl { color: #234; font-family: ui-monospace, monospace; }
.badge { display: inline-block; margin-left: 6px; padding: 0 6px; border-radius: 8px; font-size: 11px; font-weight: 600; }
.badge.bad { background: var(--badbg); color: var(--bad); }
.badge.good { background: var(--add); color: var(--addfg); }
#detail { overflow: auto; padding: 12px 16px; }
.panel { border: 1px solid var(--line); border-radius: 6px; padding: 8px 10px; margin: 10px 0; background: #fff; }
pre, table { font: 12px/1.35 ui-monospace, SFMono-Regular, Menlo, monospace; }
pre { margin: 0; white-space: pre-wrap; word-break: break-word; }
pre span { display: block; }
.changed { background: var(--add); color: var(--addfg); }
.legend .changed { padding: 0 4px; font-size: 11px; text-transform: none; letter-spacing: 0; }
#removed span { text-decoration: line-through; color: var(--muted); }
table { border-collapse: collapse; width: 100%; }
td, th { border-top: 1px solid #eee; padding: 1px 6px; vertical-align: top; text-align: left; white-space: pre-wrap; word-break: break-word; }
th { color: var(--muted); font-weight: 600; }
tr.differs td { background: var(--badbg); }
#frames td:first-child, #frames th:first-child { white-space: nowrap; }
td.mark { width: 1.5em; color: var(--bad); font-weight: 700; }
#divergence.shown { margin-top: 8px; padding: 6px 8px; border-left: 4px solid var(--bad); background: var(--badbg); }
#divergence strong { color: var(--bad); }
#refinement-note.window { color: var(--warn); background: var(--warnbg); padding: 2px 6px; }
.idle { color: var(--muted); }
kbd { border: 1px solid #bbb; border-radius: 3px; padding: 0 4px; font-size: 11px; background: #fff; }
`;

/** The page's script: builds the step list, shows one step at a time, follows `#step-N` and the keyboard. */
export const VIEWER_SCRIPT = `
'use strict';
(function () {
  var data = JSON.parse(document.getElementById('trace-data').textContent);
  var steps = data.steps;
  var last = steps.length - 1;
  var current = -1;
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function byId(id) { return document.getElementById(id); }
  function clear(e) { while (e.firstChild) e.removeChild(e.firstChild); }
  function endBadge() {
    if (data.kind === 'witness') return el('span', 'badge good', 'witness reached');
    if (data.kind === 'exception') return el('span', 'badge bad', 'exception: see the conclusion');
    return el('span', 'badge bad', 'violates: ' + data.property);
  }

  byId('title').textContent = data.title;
  byId('meta').textContent = 'subsystem ' + data.subsystem + ' · config ' + data.config + ' · variant ' + (data.variant === null ? 'none (unmodified impl)' : data.variant) +
    ' · side ' + data.side + ' · path ' + data.path;
  var conclusion = byId('conclusion');
  conclusion.textContent = data.conclusion;
  conclusion.className = data.kind === 'witness' ? 'passing' : 'failing';

  var list = byId('steps');
  steps.forEach(function (s, i) {
    var li = el('li');
    li.id = 'step-' + i;
    var a = el('a');
    a.href = '#step-' + i;
    a.appendChild(el('span', 'num', String(i)));
    if (s.view) {
      a.appendChild(el('span', 'actor', s.view.actor));
      a.appendChild(el('span', 'op', s.view.operation + (s.view.step ? ' · ' + s.view.step : '')));
      a.appendChild(el('span', 'lbl', s.label));
    } else {
      a.appendChild(el('span', 'op', s.label));
    }
    if (s.refinement && s.refinement.divergence) a.appendChild(el('span', 'badge bad', 'divergence'));
    if (i === last) a.appendChild(endBadge());
    if (s.explanation) a.appendChild(el('span', 'expl', s.explanation));
    li.appendChild(a);
    list.appendChild(li);
  });

  function showState(s) {
    var added = {};
    s.diff.forEach(function (d) { if (d.op === '+') added[d.index] = true; });
    var pre = byId('state');
    clear(pre);
    s.lines.forEach(function (line, k) { pre.appendChild(el('span', added[k] && s.index > 0 ? 'changed' : '', line)); });
    var removed = s.diff.filter(function (d) { return d.op === '-'; });
    var box = byId('removed-box');
    box.hidden = removed.length === 0;
    var rp = byId('removed');
    clear(rp);
    removed.forEach(function (d) { rp.appendChild(el('span', '', d.line)); });
  }

  function showRefinement(r) {
    var panel = byId('refinement');
    panel.hidden = !r;
    if (!r) return;
    var note = byId('refinement-note');
    var notes = [];
    if (r.specs.length > 1) notes.push(r.specs.length + ' spec states remain possible; the first is shown.');
    if (r.inWindow) notes.push('An operation is inside its linearization window: the two sides are not compared in this state.');
    note.textContent = notes.join(' ');
    note.className = r.inWindow ? 'window' : '';
    note.hidden = notes.length === 0;
    var table = byId('sides');
    clear(table);
    var head = el('tr');
    head.appendChild(el('th', 'mark', ''));
    head.appendChild(el('th', '', 'spec'));
    head.appendChild(el('th', '', 'abstract(impl)'));
    table.appendChild(head);
    var left = r.specs[0].split('\\n');
    var right = r.abstract.split('\\n');
    for (var k = 0; k < Math.max(left.length, right.length); k++) {
      var a = left[k] === undefined ? '' : left[k];
      var b = right[k] === undefined ? '' : right[k];
      var row = el('tr', a === b ? '' : 'differs');
      row.appendChild(el('td', 'mark', a === b ? '' : '≠'));
      row.appendChild(el('td', '', a));
      row.appendChild(el('td', '', b));
      table.appendChild(row);
    }
    var div = byId('divergence');
    clear(div);
    div.className = r.divergence ? 'shown' : '';
    if (r.divergence) {
      div.appendChild(el('strong', '', 'DIVERGENCE (' + r.divergence.kind + '): ' + r.divergence.summary));
      div.appendChild(el('pre', '', r.divergence.detail));
    }
  }

  function showFrames(frames) {
    var panel = byId('frames-panel');
    panel.hidden = !frames;
    if (!frames) return;
    var table = byId('frames');
    clear(table);
    var head = el('tr');
    ['actor', 'operation', 'next step', 'locals'].forEach(function (h) { head.appendChild(el('th', '', h)); });
    table.appendChild(head);
    frames.forEach(function (f) {
      var row = el('tr', f.operation ? '' : 'idle');
      row.appendChild(el('td', '', f.actor));
      row.appendChild(el('td', '', f.operation || 'idle'));
      row.appendChild(el('td', '', f.next || ''));
      row.appendChild(el('td', '', f.locals || ''));
      table.appendChild(row);
    });
  }

  function select(i) {
    if (i < 0 || i > last || i === current) return;
    if (current >= 0) byId('step-' + current).classList.remove('selected');
    current = i;
    var item = byId('step-' + i);
    item.classList.add('selected');
    item.scrollIntoView({ block: 'nearest' });
    var s = steps[i];
    byId('step-title').textContent = 'step ' + i + ' of ' + last + ': ' + s.label;
    var ex = byId('step-explanation');
    ex.textContent = s.explanation || '';
    ex.hidden = !s.explanation;
    showState(s);
    showRefinement(s.refinement);
    showFrames(s.frames);
    if (location.hash !== '#step-' + i) history.replaceState(null, '', '#step-' + i);
  }

  function fromHash() {
    var m = /^#step-(\\d+)$/.exec(location.hash);
    return m ? Number(m[1]) : -1;
  }
  window.addEventListener('hashchange', function () { select(fromHash()); });
  document.addEventListener('keydown', function (e) {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    var to = -1;
    if (e.key === 'ArrowRight' || e.key === 'j') to = current + 1;
    else if (e.key === 'ArrowLeft' || e.key === 'k') to = current - 1;
    else if (e.key === 'Home') to = 0;
    else if (e.key === 'End') to = last;
    else return;
    e.preventDefault();
    select(Math.max(0, Math.min(last, to)));
  });
  var start = fromHash();
  select(start >= 0 && start <= last ? start : 0);
})();
`;
