/**
 * Debian's chromium driven by playwright-core, for the tests that look at
 * pages as a person does. Never a browser download: the executable is
 * /usr/bin/chromium (`apt-get install -y chromium`; .ci/run installs it).
 * Each launch gets a fresh profile, and every request that would leave the
 * machine fails (chromium resolves no other host) and is recorded, so a page
 * that phones home fails its test.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Request, type WebSocket } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
export const HAS_CHROMIUM = existsSync(CHROMIUM);
export const CHROMIUM_MISSING = `${CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium) to run the browser tests`;

/** Appended to a describe's name, so a skipped run says why (with CI set, a missing browser fails instead). */
export const BROWSER_SKIP_NOTE = HAS_CHROMIUM || process.env.CI ? '' : ` [skipped: ${CHROMIUM_MISSING}]`;
if (!HAS_CHROMIUM && !process.env.CI) console.warn(`browser tests skipped: ${CHROMIUM_MISSING}`);

export interface Browser {
  context: BrowserContext;
  /** URLs the pages tried to reach beyond this machine (chromium resolved none of them). */
  offMachine: string[];
  close(): Promise<void>;
}

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

export async function launchChromium(viewport = { width: 1280, height: 900 }): Promise<Browser> {
  if (!HAS_CHROMIUM) throw new Error(CHROMIUM_MISSING);
  const profile = mkdtempSync(path.join(os.tmpdir(), 'ftbench-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      `--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1`,
    ],
  });
  // Chromium resolves no host but this machine's, so nothing leaves it; every attempt is still recorded, except one that the
  // page's own Content-Security-Policy stopped before any network (the viewer's, lib/eval/offline-preload.mjs).
  // A request listener, not request interception: routing every request through playwright cost the browser process a fifth of its CPU.
  const attempts = new Map<Request | WebSocket, string>();
  const record = (attempt: Request | WebSocket) => {
    const url = new URL(attempt.url());
    if (!(url.protocol === 'file:' || url.protocol === 'data:' || url.protocol === 'blob:' || LOCAL_HOSTS.has(url.hostname))) attempts.set(attempt, url.href);
  };
  context.on('request', record);
  // A WebSocket is no request to playwright: each page's are recorded as they open.
  context.on('page', (page) => page.on('websocket', record));
  context.on('requestfailed', (request) => {
    // Chromium's failure text for a request its Content-Security-Policy refused is "csp" (net::ERR_BLOCKED_BY_CSP in other builds).
    if (/^csp$|BLOCKED_BY_CSP/.test(request.failure()?.errorText ?? '')) attempts.delete(request);
  });
  return {
    context,
    get offMachine() {
      return [...attempts.values()];
    },
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
