import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

/** Debian's Chromium (`apt-get install chromium`; `.ci/run` installs it). Playwright drives it; no browser is downloaded. */
export const CHROMIUM = '/usr/bin/chromium';

/** Whether the browser tests can run here. */
export const haveChromium = existsSync(CHROMIUM);

/** A headless Chromium with a fresh profile, and its pages' errors. */
export interface Browser {
  readonly context: BrowserContext;
  /** Opens `url` in a new page; every console error and uncaught exception of the page is collected in `errors`. */
  open(url: string): Promise<{ readonly page: Page; readonly errors: string[]; readonly requests: string[] }>;
  close(): Promise<void>;
}

/**
 * Starts Chromium as this machine needs it: no sandbox (tests run as root in
 * CI), no GPU, and no background networking of its own (the network is
 * closed), with an empty user-data-dir removed on close.
 */
export async function startChromium(): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), 'xenspec-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1400, height: 900 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  return {
    context,
    async open(url) {
      const page = await context.newPage();
      const errors: string[] = [];
      const requests: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(m.text());
      });
      page.on('pageerror', (e) => errors.push(e.message));
      page.on('request', (r) => requests.push(r.url()));
      await page.goto(url);
      return { page, errors, requests };
    },
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
