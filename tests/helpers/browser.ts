import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startServer, type TestServer } from './server.ts';

/**
 * Content-Security-Policy violations reported by any page of a browser from launchBrowser(): Chromium's
 * console errors ("Refused to …") and the page's securitypolicyviolation events. Every test of a file that
 * imports this module fails when one was seen during it.
 */
const cspViolations: string[] = [];
afterEach(() => {
  const seen = cspViolations.splice(0);
  expect(seen, 'Content-Security-Policy violations in the browser').toEqual([]);
});

async function watchPolicy(ctx: BrowserContext): Promise<void> {
  ctx.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy|securitypolicyviolation/i.test(m.text()))
      cspViolations.push(`${m.page()?.url() ?? ''}: ${m.text()}`);
  });
  await ctx.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(
        `securitypolicyviolation: ${e.effectiveDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber}) sample ${e.sample}`,
      );
    });
  });
}

/** The system Chromium, with the flags this closed-network machine needs; every new context watches the policy. */
export async function launchBrowser(): Promise<Browser> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (...args: Parameters<Browser['newContext']>) => {
    const ctx = await newContext(...args);
    // Playwright's 30 s default for each wait is a speed limit, and a loaded machine exceeds it (a navigation
    // after a photo upload did). Waits are for real conditions; the test timeout (300 s) is the hang detector.
    ctx.setDefaultTimeout(600_000);
    ctx.setDefaultNavigationTimeout(600_000);
    await watchPolicy(ctx);
    return ctx;
  };
  return browser;
}

/** A built server and Chromium for one test file: started before its tests, stopped after them. */
export function useServerAndBrowser(): { readonly server: TestServer; readonly browser: Browser } {
  const app = {} as { server: TestServer; browser: Browser };
  beforeAll(async () => {
    [app.server, app.browser] = await Promise.all([startServer(), launchBrowser()]);
  });
  afterAll(async () => {
    await app.browser?.close();
    await app.server?.stop();
  });
  return app;
}

/** Keep a full-page screenshot in SCREENSHOT_DIR when it is set (for looking at a screen at 360 and 1280 px). */
export async function screenshotIfAsked(page: Page, name: string): Promise<void> {
  const dir = process.env.SCREENSHOT_DIR;
  if (!dir) return;
  fs.mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
}
