/**
 * Debian's chromium driven by playwright-core, for the tests that look at
 * pages as a person does. Never a browser download: the executable is
 * /usr/bin/chromium (`apt-get install -y chromium`; .ci/run installs it).
 * Each launch gets a fresh profile, and every request that would leave the
 * machine is refused and recorded, so a page that phones home fails its test.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
export const HAS_CHROMIUM = existsSync(CHROMIUM);
export const CHROMIUM_MISSING = `${CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium) to run the browser tests`;

/** Appended to a describe's name, so a skipped run says why (with CI set, a missing browser fails instead). */
export const BROWSER_SKIP_NOTE = HAS_CHROMIUM || process.env.CI ? '' : ` [skipped: ${CHROMIUM_MISSING}]`;
if (!HAS_CHROMIUM && !process.env.CI) console.warn(`browser tests skipped: ${CHROMIUM_MISSING}`);

export interface Browser {
  context: BrowserContext;
  /** URLs the pages tried to reach beyond this machine (refused). */
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
    ],
  });
  const offMachine: string[] = [];
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (url.protocol === 'file:' || url.protocol === 'data:' || LOCAL_HOSTS.has(url.hostname)) return route.continue();
    offMachine.push(url.href);
    return route.abort();
  });
  return {
    context,
    offMachine,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
