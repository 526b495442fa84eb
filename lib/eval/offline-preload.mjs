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
 * 2. With FTBENCH_VIEWER=1 (`npm run view` only), every HTML page the
 *    viewer serves carries a Content-Security-Policy that lets the page load
 *    scripts and connect only to the viewer itself: its bundled PostHog
 *    analytics, built in regardless of PROMPTFOO_DISABLE_TELEMETRY, cannot
 *    load or send anything. And the page gets viewer-table.css in a <style>
 *    before </head>, so the results table fits the window. And the viewer
 *    is local and read-only (viewer-guard.mjs).
 */
import { readFileSync } from 'node:fs';
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

if (process.env.FTBENCH_VIEWER === '1') {
  await import('./viewer-guard.mjs');
  const POLICY = [
    "default-src 'self'",
    "script-src 'self' 'unsafe-inline' 'unsafe-eval' blob:",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "worker-src 'self' blob:",
  ].join('; ');
  const STYLE = `<style id="ftbench-viewer-table">\n${readFileSync(new URL('./viewer-table.css', import.meta.url), 'utf8')}</style>`;
  /** The body of a page being held to add the stylesheet to (set when its headers go out). */
  const PAGE = Symbol('ftbench viewer page');
  const isHtml = (type) => String(type ?? '').includes('text/html');

  // A browser asking for a page gets it whole and uncompressed (the viewer
  // compresses and answers 304 to a copy it may have cached without the
  // stylesheet), so the stylesheet can be added to it; the page is 2 kB.
  const emit = http.Server.prototype.emit;
  http.Server.prototype.emit = function emitWithWholePages(event, req, ...rest) {
    if (event === 'request' && req.method === 'GET' && isHtml(req.headers.accept)) {
      for (const h of ['accept-encoding', 'if-none-match', 'if-modified-since']) delete req.headers[h];
    }
    return emit.call(this, event, req, ...rest);
  };

  const { writeHead, write, end } = http.ServerResponse.prototype;
  http.ServerResponse.prototype.writeHead = function writeHeadWithPolicy(...args) {
    const given = args.find((a) => a && typeof a === 'object' && !Array.isArray(a));
    const givenType = given ? Object.entries(given).find(([k]) => k.toLowerCase() === 'content-type')?.[1] : undefined;
    if ((isHtml(this.getHeader('content-type')) || isHtml(givenType)) && !this.headersSent) {
      this.setHeader('Content-Security-Policy', POLICY);
      // The page grows by the stylesheet: no length, and no validators of the file as promptfoo has it.
      if (!given && !this.getHeader('content-encoding')) {
        for (const h of ['content-length', 'etag', 'last-modified']) this.removeHeader(h);
        this[PAGE] = [];
      }
    }
    return writeHead.apply(this, args);
  };
  // Headers go out on the first write; for a page, before its body is held.
  const startPage = (res) => {
    if (!res.headersSent && isHtml(res.getHeader('content-type'))) res._implicitHeader();
    return res[PAGE];
  };
  const bytes = (chunk, encoding) => (typeof chunk === 'string' ? Buffer.from(chunk, typeof encoding === 'string' ? encoding : 'utf8') : Buffer.from(chunk));
  http.ServerResponse.prototype.write = function writeHeldPage(chunk, encoding, callback) {
    const page = startPage(this);
    if (!page) return write.call(this, chunk, encoding, callback);
    page.push(bytes(chunk, encoding));
    const done = typeof encoding === 'function' ? encoding : callback;
    if (done) process.nextTick(done);
    return true;
  };
  http.ServerResponse.prototype.end = function endHeldPage(chunk, encoding, callback) {
    if (typeof chunk === 'function') [chunk, encoding, callback] = [undefined, undefined, chunk];
    if (typeof encoding === 'function') [encoding, callback] = [undefined, encoding];
    const page = startPage(this);
    if (!page) return end.call(this, chunk, encoding, callback);
    if (chunk != null) page.push(bytes(chunk, encoding));
    this[PAGE] = null;
    const html = Buffer.concat(page).toString('utf8');
    return end.call(this, html.includes('</head>') ? html.replace('</head>', () => `${STYLE}\n</head>`) : html, 'utf8', callback);
  };
}
