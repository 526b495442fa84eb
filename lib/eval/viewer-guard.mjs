/**
 * `npm run view`'s guard, loaded by offline-preload.mjs into promptfoo's
 * viewer process (FTBENCH_VIEWER=1), before promptfoo. promptfoo 0.121.20's
 * viewer listens on every interface and its API runs whatever config it is
 * sent (`exec:` providers run commands), so here:
 *
 * 1. The viewer listens on 127.0.0.1 and ::1 only (FTBENCH_VIEWER_HOST, set
 *    by `--host ADDR`, listens on ADDR instead).
 * 2. A request or websocket upgrade whose Host is not localhost, 127.0.0.1 or
 *    [::1] with the viewer's port (DNS rebinding), or whose Origin is not one
 *    of those, gets 403 before promptfoo or socket.io sees it.
 * 3. The API is read-only: a request reaches promptfoo only when every route
 *    and middleware of promptfoo's own route table (its express app, walked
 *    with express's own matching) that it would reach is listed as served in
 *    viewer-routes.json. Anything else, a route a promptfoo upgrade adds
 *    included, gets 403 before promptfoo parses its body.
 *
 * At start-up it prints promptfoo's route table, each route marked served or
 * refused, on one stdout line (ROUTES_LINE) for lib/eval/viewer.ts. When it
 * cannot find promptfoo's express app or read its routes (a promptfoo or
 * express upgrade), the viewer does not start: it never serves unguarded.
 */
import { readFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';

/** The stdout line that carries the route table to lib/eval/viewer.ts. */
const ROUTES_LINE = 'ftbench-viewer-routes ';

const REVIEWED = JSON.parse(readFileSync(new URL('./viewer-routes.json', import.meta.url), 'utf8'));
const SERVED = new Set(Object.keys(REVIEWED.served));
const WILDCARD_HOSTS = new Set(['0.0.0.0', '::', '0:0:0:0:0:0:0:0']);

/** Stops the viewer before it serves anything: promptfoo's server is not one this guard understands. */
function refuseToStart(why) {
  process.stderr.write(`npm run view: ${why}; the viewer is not started (lib/eval/viewer-guard.mjs).\n`);
  process.exit(1);
}

const isExpressApp = (handler) => typeof handler === 'function' && typeof handler.handle === 'function' && typeof handler.use === 'function' && 'router' in handler;

/** `prefix` + a mounted router's path ('/' adds nothing), as both walks below compose it. */
const mounted = (prefix, path) => (path === '/' ? prefix : `${prefix}${String(path)}`);

/**
 * promptfoo's route table from express's own listing: each route as
 * `METHOD /path` (HEAD goes with GET; `*` is `.all()`), and each plain
 * middleware of its stacks as `USE /path name`.
 */
function routeTable(router, prefix = '') {
  const middleware = router.stack
    .filter((layer) => !layer.route && !Array.isArray(layer.handle?.stack) && !GATES.has(layer.handle))
    .flatMap((layer) => [layer.rawPath].flat().map((path) => `USE ${mounted(prefix, path) || '/'} ${layer.name}`));
  const routes = router.listRoutes().flatMap((r) => {
    if (r.router) return routeTable(r.router, mounted(prefix, r.path));
    const methods = r.methods.includes('GET') ? r.methods.filter((m) => m !== 'HEAD') : r.methods;
    return methods.map((m) => `${m} ${prefix}${String(r.path)}`);
  });
  return [...middleware, ...routes];
}

/** The method keys under which `route` would take a request of `method`. */
function handlingKeys(route, method) {
  const keys = [];
  if (route.methods._all) keys.push('*');
  if (method === 'HEAD' && route.methods.get) keys.push('GET');
  else if (route.methods[method.toLowerCase()]) keys.push(method);
  return keys;
}

/**
 * Every route (`METHOD /path`) and plain middleware (`USE /path name`) of
 * promptfoo's that a request for `path` would reach, walked as express walks
 * its stacks (its layers' own matchers, a mounted router's prefix trimmed);
 * null when a matcher throws (a malformed URL: express runs no route).
 */
function reachedBy(router, path, method, prefix = '') {
  const found = [];
  for (const layer of router.stack) {
    if (GATES.has(layer.handle)) continue;
    let match;
    try {
      match = layer.match(path);
    } catch {
      return null;
    }
    if (!match) continue;
    if (layer.route) {
      for (const key of handlingKeys(layer.route, method)) found.push(`${key} ${prefix}${String(match.pattern)}`);
      continue;
    }
    const at = match.path;
    if (at !== path.slice(0, at.length) || (path[at.length] && path[at.length] !== '/')) continue;
    if (!Array.isArray(layer.handle?.stack)) {
      found.push(`USE ${mounted(prefix, match.pattern) || '/'} ${layer.name}`);
      continue;
    }
    const rest = path.slice(at.length);
    const inner = reachedBy(layer.handle, rest.startsWith('/') ? rest : `/${rest}`, method, mounted(prefix, match.pattern));
    if (inner === null) return null;
    found.push(...inner);
  }
  return found;
}

const refusedOnce = new Set();
function noteRefusal(what) {
  if (refusedOnce.has(what)) return;
  refusedOnce.add(what);
  process.stderr.write(`npm run view: refused ${what}\n`);
}

function forbid(res, error) {
  const body = JSON.stringify({ error });
  res.writeHead(403, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(body), Connection: 'close' });
  res.end(body);
}

/**
 * The API gate, first in the app's stack, so a refused request is answered
 * before any body parser or handler. A request passes when everything of
 * promptfoo's it would reach is reviewed as served, and it reaches a route;
 * or, for a GET or HEAD, only middleware (the page's static files).
 */
const GATES = new WeakSet();
function routeGate(req, res, next) {
  const reached = reachedBy(this.router, req.path, req.method);
  const routed = reached !== null && reached.some((r) => !r.startsWith('USE '));
  const unserved =
    reached === null ? ['(a malformed path)'] : !routed && req.method !== 'GET' && req.method !== 'HEAD' ? [`${req.method} (no route of promptfoo's)`] : reached.filter((r) => !SERVED.has(r));
  if (unserved.length === 0) return next();
  noteRefusal(`${unserved.join(', ')}: not reviewed as read-only in lib/eval/viewer-routes.json`);
  forbid(res, `npm run view is read-only: ${unserved.join(', ')} is not served (lib/eval/viewer-routes.json)`);
}

function installRouteGate(app) {
  const gate = routeGate.bind(app);
  GATES.add(gate);
  app.use(gate);
  const stack = app.router.stack;
  stack.unshift(stack.pop());
}

/** Host header values (and http:// origins) the viewer answers, for the port it listens on. */
function acceptedHosts(port, host) {
  const names = ['localhost', '127.0.0.1', '[::1]'];
  const literal = (address) => (net.isIPv6(address) ? `[${address.toLowerCase()}]` : address);
  if (host && WILDCARD_HOSTS.has(host)) {
    for (const addresses of Object.values(os.networkInterfaces())) for (const a of addresses ?? []) if (!a.internal && !a.scopeid) names.push(literal(a.address));
  } else if (host) names.push(literal(host));
  return new Set(names.flatMap((name) => (port === 80 ? [`${name}:80`, name] : [`${name}:${port}`])));
}

/** 403 to a request or upgrade for another host or from another origin, before promptfoo or socket.io. */
function guardHosts(server, hostsOf) {
  const allowed = (req, accepted) => {
    const host = String(req.headers.host ?? '').toLowerCase();
    const origin = req.headers.origin;
    return accepted.has(host) && (origin === undefined || (origin.toLowerCase().startsWith('http://') && accepted.has(origin.slice('http://'.length).toLowerCase())));
  };
  const emit = server.emit;
  server.emit = function emitForThisMachine(event, req, second, ...rest) {
    const accepted = event === 'request' || event === 'upgrade' ? hostsOf() : null;
    if (accepted && !allowed(req, accepted)) {
      const why = `npm run view answers only requests for ${[...accepted].join(', ')} from those origins`;
      noteRefusal(`a request for another host or from another origin (DNS rebinding or a cross-site page)`);
      if (event === 'request') forbid(second, why);
      else {
        const body = JSON.stringify({ error: why });
        second.end(`HTTP/1.1 403 Forbidden\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
      }
      return true;
    }
    return emit.call(this, event, req, second, ...rest);
  };
}

/** A second listener on ::1 that hands its connections to `server` (one server cannot listen on two addresses). */
function alsoOnIPv6Loopback(server, port, ready) {
  const sockets = new Set();
  const v6 = net.createServer((socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    server.emit('connection', socket);
  });
  v6.once('error', (error) => {
    // A machine without IPv6 loopback serves on 127.0.0.1 alone; a taken port is another server answering "localhost".
    if (error.code === 'EADDRNOTAVAIL' || error.code === 'EAFNOSUPPORT') return ready();
    refuseToStart(`port ${port} is taken on ::1 (${error.code}), so "localhost" could reach another server`);
  });
  v6.listen({ port, host: '::1', ipv6Only: true }, ready);
  server.once('close', () => {
    v6.close();
    for (const socket of sockets) socket.destroy();
  });
}

const guarded = new WeakMap();

const createServer = http.createServer;
http.createServer = function createGuardedServer(...args) {
  const server = createServer.apply(this, args);
  const app = args.find((a) => typeof a === 'function');
  if (isExpressApp(app)) {
    if (typeof app.router?.listRoutes !== 'function') refuseToStart("express's router cannot list promptfoo's routes (router 2.3 or later is needed)");
    installRouteGate(app);
    guarded.set(server, app);
  }
  return server;
};

const listen = http.Server.prototype.listen;
http.Server.prototype.listen = function listenOnLoopback(...args) {
  const app = guarded.get(this);
  if (!app) refuseToStart('an HTTP server that is not the express app this guard reviews is starting in promptfoo view');
  // promptfoo 0.121.20 calls listen(port, callback); any other call is a promptfoo this guard was not written for.
  const [port, callback, ...extra] = args;
  if (!Number.isInteger(Number(port)) || typeof callback !== 'function' || extra.length) refuseToStart('promptfoo view listens in a way this guard does not know');
  const host = process.env.FTBENCH_VIEWER_HOST || '';
  const served = routeTable(app.router).map((route) => ({ route, served: SERVED.has(route) }));
  let accepted = new Set();
  guardHosts(this, () => accepted);
  const onListening = () => {
    const actual = this.address().port;
    accepted = acceptedHosts(actual, host);
    process.stdout.write(`${ROUTES_LINE}${JSON.stringify({ routes: served })}\n`);
    if (host) return callback();
    alsoOnIPv6Loopback(this, actual, callback);
  };
  return listen.call(this, Number(port), host || '127.0.0.1', onListening);
};
