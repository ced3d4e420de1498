import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { argoSubsystem } from '../../model/argo/index.ts';
import { pcidSubsystem } from '../../model/pcid/index.ts';
import { shadowOosSubsystem } from '../../model/shadow-oos/index.ts';
import { vpl011Subsystem } from '../../model/vpl011/index.ts';
import type { Subsystem } from '../../checker/subsystem.ts';
import { repoRoot, runCli, runCliProcess } from '../run-cli.ts';
import { checkVariantToFile } from '../zoo-replay.ts';
import { CHROMIUM, haveChromium, startChromium, type Browser } from './chromium.ts';

/** One zoo counterexample per subsystem, each opened in the viewer. */
const CASES: readonly (readonly [Subsystem, string])[] = [
  [argoSubsystem, 'argo/sendv-full-ring-success'],
  [vpl011Subsystem, 'vpl011/seed-indices-before-lock'],
  [pcidSubsystem, 'pcid/seed-v5'],
  [shadowOosSubsystem, 'shadow-oos/flush-only-if-removed'],
];

/** The `+` lines `replay` prints for the last step of its text trace, and whether that state records a divergence. */
function lastStepOfText(text: string): { readonly added: string[]; readonly divergence: string | undefined } {
  const blocks = text.split(/\n── step \d+: /);
  const last = blocks[blocks.length - 1]!.split('\n');
  const added = last.filter((l) => l.startsWith('   + ')).map((l) => l.slice(5));
  const divergence = added.find((l) => l.startsWith('DIVERGENCE: '));
  return { added, divergence: divergence?.slice('DIVERGENCE: '.length) };
}

/** Appended to each test's title when it is skipped, so that the report says why. */
const SKIP_REASON = haveChromium ? '' : ` (skipped: no Chromium at ${CHROMIUM}; apt-get install chromium)`;

describe('the HTML trace viewer in headless Chromium', () => {
  let browser: Browser;
  const reports = join(repoRoot, 'reports');
  beforeAll(async () => {
    if (!haveChromium) return;
    mkdirSync(reports, { recursive: true });
    browser = await startChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  for (const [subsystem, id] of CASES) {
    it.skipIf(!haveChromium)(`${id}: steps through the counterexample with the keyboard and shows the violation and the divergence${SKIP_REASON}`, async () => {
      const variant = subsystem.variants.find((v) => v.id === id)!;
      const { file, saved } = await checkVariantToFile(subsystem.name, variant);
      const page = join(mkdtempSync(join(tmpdir(), 'xenspec-html-')), 'trace.html');
      const written = runCliProcess('replay', file, '--html', page);
      expect(written.err).toBe('');
      expect(written.code).toBe(1);
      expect(written.out).toContain(`trace written to ${page}`);
      const text = await runCli('replay', file);
      const last = saved.actions.length - 1;

      const { page: tab, errors, requests } = await browser.open(pathToFileURL(page).href);
      const title = (): Promise<string | null> => tab.locator('#step-title').textContent();
      expect(await title()).toBe(`step 0 of ${last}: ${saved.actions[0]}`);
      expect(await tab.locator('#steps li').count()).toBe(last + 1);
      expect(await tab.locator('#conclusion').textContent()).toBe(`reproduced: "${variant.expectedProperty}" is violated after ${last} steps`);

      // Forward with → and j by turns, checking each step's heading and link; back once with k and ←.
      for (let i = 1; i <= last; i++) {
        await tab.keyboard.press(i % 2 === 1 ? 'ArrowRight' : 'j');
        expect(await title()).toBe(`step ${i} of ${last}: ${saved.actions[i]}`);
        expect(new URL(tab.url()).hash).toBe(`#step-${i}`);
        expect(await tab.locator('#steps li.selected').getAttribute('id')).toBe(`step-${i}`);
      }
      await tab.keyboard.press('j');
      expect(await title()).toBe(`step ${last} of ${last}: ${saved.actions[last]}`);
      await tab.keyboard.press('k');
      expect(await title()).toMatch(new RegExp(`^step ${last - 1} of ${last}: `));
      await tab.keyboard.press('ArrowRight');

      // The last step: the violation badge, the lines replay prints as changed, and the divergence when the state records one.
      const selected = tab.locator('#steps li.selected');
      expect(await selected.locator('.badge.bad', { hasText: 'violates:' }).textContent()).toBe(`violates: ${variant.expectedProperty}`);
      const expected = lastStepOfText(text.out);
      expect(await tab.locator('#state span.changed').allTextContents()).toEqual(expected.added);
      if (expected.divergence !== undefined) {
        expect(await tab.locator('#divergence').isVisible()).toBe(true);
        expect(await tab.locator('#divergence strong').textContent()).toMatch(new RegExp(`: ${expected.divergence.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`));
        expect(await selected.locator('.badge', { hasText: 'divergence' }).count()).toBe(1);
      }
      expect(await tab.locator('#refinement').isVisible()).toBe(true);
      expect(await tab.locator('#sides tr').count()).toBeGreaterThan(1);
      expect(await tab.locator('#frames tr').count()).toBeGreaterThan(1);
      await tab.screenshot({ path: join(reports, `trace-viewer-${subsystem.name}.png`) });

      // A link to a step, clicked and opened directly. Both change only the fragment, and the page
      // follows in its hashchange handler, which the browser runs after click() and goto() return:
      // poll for the heading (the CI run of 2026-12-01 read the old one).
      await tab.locator('#step-1 a').click();
      await expect.poll(title).toBe(`step 1 of ${last}: ${saved.actions[1]}`);
      await tab.goto(`${pathToFileURL(page).href}#step-${last}`);
      await expect.poll(title).toBe(`step ${last} of ${last}: ${saved.actions[last]}`);

      expect(errors).toEqual([]);
      expect(requests.every((u) => u.startsWith('file:'))).toBe(true);
      await tab.close();
    });
  }
});
