import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderTraceHtml, scriptSafeJson, type TraceDocument } from '../../checker/report/html.ts';
import { CHROMIUM, haveChromium, startChromium, type Browser } from './chromium.ts';

/** Strings that would run or inject something if the page let them through as markup or script. */
const HOSTILE = [
  '</script><script>window.pwned = "script"</script>',
  '<img src=x onerror="window.pwned = \'img\'">',
  '<!-- <script>',
  'line\u2028separator\u2029paragraph',
  '"quoted" & \'single\' <b>bold</b>',
  '${`template`}',
];

function hostileDocument(): TraceDocument {
  const steps = HOSTILE.map((h, i) => ({
    index: i,
    label: i === 0 ? `init #0 ${h}` : `step ${h}`,
    lines: [`state ${i}`, h],
    diff: i === 0 ? [] : [{ op: '+' as const, line: h, index: 1 }],
    explanation: `explains ${h}`,
    view: { actor: `actor ${h}`, operation: `op ${h}`, step: `pc ${h}` },
    frames: [{ actor: h, operation: h, next: h, locals: h }],
    refinement: { specs: [`spec ${h}`], abstract: `abstract ${h}`, inWindow: false, divergence: { kind: 'state' as const, summary: h, detail: h } },
  }));
  return {
    title: `title ${HOSTILE[0]}`,
    subsystem: 'counter',
    config: 'default',
    variant: null,
    side: 'both',
    property: HOSTILE[1]!,
    kind: 'counterexample',
    path: '0/0',
    conclusion: HOSTILE[2]!,
    steps,
  };
}

describe('trace data embedded in the page', () => {
  it('is JSON that neither closes its script element nor carries a raw U+2028, and parses back to the same value', () => {
    const value = { s: HOSTILE.join(' ') };
    const json = scriptSafeJson(value);
    expect(json).not.toMatch(/[<>&\u2028\u2029]/);
    expect(JSON.parse(json)).toEqual(value);
  });

  it('gives the page only its own two script elements, no image and no address, whatever the trace holds', () => {
    const html = renderTraceHtml(hostileDocument());
    expect(html.match(/<script/g)).toHaveLength(2);
    expect(html.match(/<\/script>/g)).toHaveLength(2);
    expect(html).not.toContain('<img');
    expect(html).not.toMatch(/https?:\/\//);
  });
});

const SKIP_REASON = haveChromium ? '' : ` (skipped: no Chromium at ${CHROMIUM}; apt-get install chromium)`;

describe('a trace page holding markup and script in its strings', () => {
  let browser: Browser;
  beforeAll(async () => {
    if (haveChromium) browser = await startChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it.skipIf(!haveChromium)(`shows every string as text in Chromium and runs none of it${SKIP_REASON}`, async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'xenspec-html-')), 'hostile.html');
    writeFileSync(file, renderTraceHtml(hostileDocument()));
    const { page, errors, requests } = await browser.open(pathToFileURL(file).href);
    expect(await page.evaluate(() => (globalThis as { pwned?: string }).pwned)).toBeUndefined();
    expect(await page.locator('img').count()).toBe(0);
    expect(await page.locator('b').count()).toBe(0);
    expect(await page.locator('script').count()).toBe(2);
    expect(await page.title()).toBe(`title ${HOSTILE[0]}`);
    expect(await page.locator('#conclusion').textContent()).toBe(HOSTILE[2]);
    for (let i = 0; i < HOSTILE.length; i++) {
      expect(await page.locator(`#step-${i} .actor`).textContent()).toBe(`actor ${HOSTILE[i]}`);
      if (i > 0) {
        await page.keyboard.press('ArrowRight');
        expect(await page.locator('#state span.changed').allTextContents()).toEqual([HOSTILE[i]]);
        expect(await page.locator('#divergence pre').textContent()).toBe(HOSTILE[i]);
        expect(await page.locator('#frames td').first().textContent()).toBe(HOSTILE[i]);
      }
    }
    expect(errors).toEqual([]);
    expect(requests).toEqual([pathToFileURL(file).href]);
  });
});
