/**
 * Loaded with `node --import` into every promptfoo process the project
 * starts (lib/eval/promptfoo-env.ts), before promptfoo itself. Plain
 * JavaScript: it runs before any TypeScript loader.
 *
 * 1. promptfoo 0.121.20 still posts a "telemetry disabled" event to
 *    r.promptfoo.app once per process when PROMPTFOO_DISABLE_TELEMETRY is set
 *    (upstream issue promptfoo/promptfoo#9968); its analytics host is
 *    a.promptfoo.app. Requests to those two hosts through fetch are answered
 *    here with an empty 204 and never leave the machine.
 * 2. With FTBENCH_VIEWER_CSP=1 (`npm run view` only), every HTML page the
 *    viewer serves carries a Content-Security-Policy that lets the page load
 *    scripts and connect only to the viewer itself: its bundled PostHog
 *    analytics, built in regardless of PROMPTFOO_DISABLE_TELEMETRY, cannot
 *    load or send anything.
 */
import http from 'node:http';

const TELEMETRY_HOSTS = new Set(['r.promptfoo.app', 'a.promptfoo.app']);

const originalFetch = globalThis.fetch;
if (typeof originalFetch === 'function') {
  globalThis.fetch = function fetchWithoutTelemetry(input, init) {
    let host = '';
    try {
      host = new URL(typeof input === 'string' || input instanceof URL ? String(input) : input.url).hostname;
    } catch {
      // not a URL fetch understands: let fetch say so
    }
    if (TELEMETRY_HOSTS.has(host)) return Promise.resolve(new Response(null, { status: 204 }));
    return originalFetch.call(this, input, init);
  };
}

if (process.env.FTBENCH_VIEWER_CSP === '1') {
  const POLICY = [
    "default-src 'self'",
    "script-src 'self' 'unsafe-inline' 'unsafe-eval' blob:",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "worker-src 'self' blob:",
  ].join('; ');
  const writeHead = http.ServerResponse.prototype.writeHead;
  http.ServerResponse.prototype.writeHead = function writeHeadWithPolicy(...args) {
    const type = String(this.getHeader('content-type') ?? '');
    const given = args.find((a) => a && typeof a === 'object' && !Array.isArray(a));
    const givenType = given ? String(Object.entries(given).find(([k]) => k.toLowerCase() === 'content-type')?.[1] ?? '') : '';
    if ((type.includes('text/html') || givenType.includes('text/html')) && !this.headersSent) this.setHeader('Content-Security-Policy', POLICY);
    return writeHead.apply(this, args);
  };
}
