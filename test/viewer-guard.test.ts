/**
 * `npm run view` answers no one but its user (lib/eval/viewer-guard.mjs,
 * preloaded into promptfoo's viewer): it listens on loopback only, answers
 * 403 to another Host or Origin (DNS rebinding, a cross-site page), websocket
 * upgrades included, and to every API route of promptfoo's that is not
 * reviewed as read-only in lib/eval/viewer-routes.json; and that review covers
 * exactly the installed promptfoo's route table, so an upgrade that adds,
 * renames or drops a route fails here until it is reviewed.
 *
 * One viewer process (the one `npm run view` starts, through startViewer) on
 * an empty database serves every check.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reviewedRoutes, startViewer, type RunningViewer } from '../lib/eval/viewer.ts';
import { PROJECT_ROOT } from '../lib/foundation/project-root.ts';
import { main as viewMain } from '../scripts/commands/view.ts';
import { runMain } from './helpers/command.ts';
import { tempDir } from './helpers/run.ts';
import { freePort } from './helpers/free-port.ts';

interface Answer {
  status: number;
  body: string;
}

/** One request with exactly these headers (Host included), on a fresh connection. */
function request(port: number, method: string, pathname: string, headers: Record<string, string> = {}, body?: string, address = '127.0.0.1'): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: address, port, method, path: pathname, headers: { Host: `localhost:${port}`, ...headers }, agent: false }, (res) => {
      let text = '';
      res.on('data', (d: Buffer) => (text += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode!, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Raw bytes on a socket, for what http.request will not send (no Host, HTTP/1.0) and for upgrades; resolves with the status line. */
function rawStatus(port: number, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.write(text));
    let got = '';
    socket.on('data', (d: Buffer) => {
      got += d.toString('latin1');
      if (got.includes('\r\n')) {
        resolve(got.slice(0, got.indexOf('\r\n')));
        socket.destroy();
      }
    });
    socket.on('error', reject);
    socket.on('end', () => resolve(got.split('\r\n')[0]!));
  });
}

/** A concrete path for a route pattern (`:id` → a made-up id, `*splat` → some/page). */
function concrete(pattern: string): string {
  return pattern.replace(/\*\w+/g, 'some/page').replace(/:(\w+)/g, (_, name: string) => `made-up-${name}`);
}

/** The addresses something listens on at `port`, from the kernel's own tables (/proc/net/tcp, tcp6). */
function listeningAddresses(port: number): string[] {
  const found: string[] = [];
  for (const [file, v6] of [['/proc/net/tcp', false], ['/proc/net/tcp6', true]] as const) {
    if (!existsSync(file)) continue;
    for (const line of readFileSync(file, 'utf8').split('\n').slice(1)) {
      const [, local, , state] = line.trim().split(/\s+/);
      if (!local || state !== '0A') continue; // 0A: LISTEN
      const [hex, portHex] = local.split(':');
      if (parseInt(portHex!, 16) !== port) continue;
      // Each 32-bit word is in host (little-endian) order.
      const bytes = hex!.match(/../g)!.map((b) => parseInt(b, 16));
      const words = [];
      for (let i = 0; i < bytes.length; i += 4) words.push(...bytes.slice(i, i + 4).reverse());
      if (!v6) found.push(words.join('.'));
      else {
        const groups = [];
        for (let i = 0; i < 16; i += 2) groups.push(((words[i]! << 8) | words[i + 1]!).toString(16));
        found.push(new URL(`http://[${groups.join(':')}]`).hostname.slice(1, -1)); // compressed, e.g. ::1
      }
    }
  }
  return found.sort();
}

function connects(address: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: address, port, timeout: 3000 });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('timeout', () => (socket.destroy(), resolve(false)));
    socket.once('error', () => resolve(false));
  });
}

describe('npm run view is local and read-only', () => {
  let viewer: RunningViewer;
  let port: number;
  let logged = '';
  const work = tempDir('ftbench-viewer-guard-');
  const pwned = path.join(work, 'PWNED');
  // The request: promptfoo runs an exec: provider's command for it.
  const evalJob = JSON.stringify({ prompts: ['hello'], providers: [`exec:touch ${pwned}`], tests: [{ vars: { a: 'b' } }] });
  const json = { 'Content-Type': 'application/json' };

  beforeAll(async () => {
    port = await freePort();
    const env = { ...process.env, PROMPTFOO_CONFIG_DIR: tempDir('ftbench-viewer-db-'), FTBENCH_REPORTS_DIR: tempDir('ftbench-viewer-reports-') };
    viewer = await startViewer({ port }, env, (line) => (logged += `${line}\n`));
  }, 120_000);

  afterAll(() => viewer?.stop());

  it("lists exactly the installed promptfoo's routes in lib/eval/viewer-routes.json, and serves only those reviewed as read-only", () => {
    const reviewed = reviewedRoutes();
    const installed = viewer.routes.map((r) => r.route).sort();
    const listed = [...Object.keys(reviewed.served), ...Object.keys(reviewed.refused)].sort();
    const notReviewed = installed.filter((r) => !listed.includes(r));
    const gone = listed.filter((r) => !installed.includes(r));
    expect({ notReviewed, gone }, 'promptfoo changed its API: review the difference in lib/eval/viewer-routes.json').toEqual({ notReviewed: [], gone: [] });
    expect(Object.keys(reviewed.served).filter((r) => r in reviewed.refused)).toEqual([]);
    for (const r of viewer.routes) expect(r.served, r.route).toBe(r.route in reviewed.served);
    // What is refused: everything that is not a GET, and the GETs that run a process or send the e-mail away.
    const refusedGets = viewer.routes.filter((r) => !r.served && r.route.startsWith('GET ')).map((r) => r.route);
    expect(refusedGets.sort()).toEqual(['GET /api/model-audit/check-installed', 'GET /api/model-audit/scanners', 'GET /api/user/email/status']);
    expect(viewer.routes.filter((r) => r.served && !/^(GET|USE) /.test(r.route))).toEqual([]);
    expect(viewer.routes.filter((r) => r.served).length).toBeGreaterThan(30);
  });

  it("answers the issue's eval-job POST with 403 on every loopback name, and runs nothing", async () => {
    for (const [address, host] of [['127.0.0.1', `127.0.0.1:${port}`], ['127.0.0.1', `localhost:${port}`], ['::1', `[::1]:${port}`]] as const) {
      const answer = await request(port, 'POST', '/api/eval/job', { ...json, Host: host }, evalJob, address);
      expect(answer.status, `${host}: ${answer.body}`).toBe(403);
      expect(JSON.parse(answer.body).error).toContain('POST /api/eval/job');
    }
    // promptfoo took about 10 s to run the command when it was allowed.
    await new Promise((r) => setTimeout(r, 5000));
    expect(existsSync(pwned)).toBe(false);
    expect(logged).toContain('refused POST /api/eval/job');
  });

  it('answers 403 to every route that runs, changes or deletes anything, before promptfoo reads the request', async () => {
    const refused = viewer.routes.filter((r) => !r.served && !r.route.startsWith('USE '));
    expect(refused.length).toBeGreaterThan(30);
    for (const { route } of refused) {
      const [method, pattern] = route.split(' ') as [string, string];
      // A body promptfoo could not even parse: the 403 comes before its body parser.
      const answer = await request(port, method, concrete(pattern), json, method === 'GET' ? undefined : '{not json');
      expect(answer.status, `${route}: ${answer.body}`).toBe(403);
    }
    // The write routes by name: deleting an eval, all evals, saving a config, testing a provider, a red-team run.
    for (const [method, p, body] of [
      ['DELETE', '/api/eval/eval-abc-2026-01-01T00:00:00', undefined],
      ['DELETE', '/api/eval/', JSON.stringify({ ids: ['eval-abc'] })],
      ['PATCH', '/api/eval/eval-abc', JSON.stringify({ table: {}, config: {} })],
      ['POST', '/api/configs/', JSON.stringify({ name: 'x', type: 'eval', config: {} })],
      ['POST', '/api/providers/test', JSON.stringify({ providerOptions: { id: `exec:touch ${pwned}` } })],
      ['POST', '/api/redteam/run', JSON.stringify({ config: {} })],
      ['POST', '/api/model-audit/scan', JSON.stringify({ paths: ['/'] })],
    ] as const) {
      const answer = await request(port, method, p, json, body);
      expect(answer.status, `${method} ${p}: ${answer.body}`).toBe(403);
    }
  });

  it('refuses the same routes written differently (case, trailing slash, doubled slash, encoding, query, HEAD, OPTIONS)', async () => {
    const cases: [string, string][] = [
      ['POST', '/API/EVAL/JOB'],
      ['POST', '/api/eval/job/'],
      ['POST', '/api//eval/job'],
      ['POST', '/api/eval/%6Aob'],
      ['POST', '/api/eval/job?x=1'],
      ['POST', '/api/eval/job#frag'],
      ['POST', '/api/eval/./job'],
      ['POST', '/api/results/../eval/job'],
      ['PUT', '/api/eval/job'],
      ['OPTIONS', '/api/eval/job'],
      ['POST', '/api/results'],
      ['PUT', '/api/results'],
      ['DELETE', '/api/results/made-up'],
      ['POST', '/some/page'],
      ['POST', '/'],
      ['GET', '/api/eval/%E0%A4%A/table'],
      ['HEAD', '/api/model-audit/scanners'],
      ['GET', '/api/model-audit/scanners/'],
    ];
    for (const [method, p] of cases) {
      const answer = await request(port, method, p, json, method === 'GET' || method === 'HEAD' ? undefined : evalJob);
      expect(answer.status, `${method} ${p}: ${answer.body}`).toBe(403);
    }
    expect(existsSync(pwned)).toBe(false);
  });

  it('keeps serving what the page reads: the page, its files, the eval list, an eval table, socket.io', async () => {
    for (const p of ['/', '/evals', '/eval/made-up-id', '/favicon.ico', '/health', '/api/results', '/api/version', '/api/user/email', '/api/user/cloud-config', '/api/remote-health']) {
      const answer = await request(port, 'GET', p, { Origin: `http://localhost:${port}` });
      expect(answer.status, `${p}: ${answer.body.slice(0, 200)}`).toBe(200);
    }
    expect((await request(port, 'GET', '/')).body).toContain('<div id="root">');
    expect((await request(port, 'HEAD', '/api/results')).status).toBe(200);
    // An eval that is not there is promptfoo's own 404, not the guard's 403.
    expect((await request(port, 'GET', '/api/results/made-up-id')).status).toBe(404);
    const polling = await request(port, 'GET', '/socket.io/?EIO=4&transport=polling');
    expect(polling.status, polling.body).toBe(200);
    expect(polling.body).toContain('"sid"');
    // Every served route answers (its own 200, 400 or 404), none with the guard's 403.
    for (const { route } of viewer.routes.filter((r) => r.served && r.route.startsWith('GET '))) {
      const answer = await request(port, 'GET', concrete(route.slice(4)));
      expect(answer.status, `${route}: ${answer.body.slice(0, 200)}`).not.toBe(403);
    }
  });

  it('answers 403 to a request for another host or from another origin (DNS rebinding, a cross-site page)', async () => {
    const foreign: Record<string, string>[] = [
      // What a DNS-rebinding page sends: its own name and origin, and "same-origin".
      { Host: `attacker.example:${port}`, Origin: `http://attacker.example:${port}`, 'Sec-Fetch-Site': 'same-origin' },
      { Host: `attacker.example:${port}` },
      { Host: 'localhost' },
      { Host: `localhost:${port + 1}` },
      { Host: `localhost.:${port}` },
      { Host: `127.0.0.1.nip.io:${port}` },
      { Host: `127.1:${port}` },
      { Host: `[::ffff:127.0.0.1]:${port}` },
      { Host: `localhost:${port}@attacker.example` },
      { Origin: 'http://attacker.example' },
      { Origin: 'null' },
      { Origin: `https://localhost:${port}` },
      { Origin: `http://localhost:${port}.attacker.example` },
    ];
    for (const headers of foreign) {
      for (const [method, p, body] of [['GET', '/api/results', undefined], ['GET', '/', undefined], ['POST', '/api/eval/job', evalJob]] as const) {
        const answer = await request(port, method, p, { ...json, ...headers }, body);
        expect(answer.status, `${method} ${p} ${JSON.stringify(headers)}`).toBe(403);
      }
    }
    // No Host at all (HTTP/1.0).
    expect(await rawStatus(port, 'GET /api/results HTTP/1.0\r\n\r\n')).toMatch(/^HTTP\/1\.[01] 403/);
    // The same requests with the viewer's own names are answered.
    for (const host of [`localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`, `LOCALHOST:${port}`]) {
      expect((await request(port, 'GET', '/api/results', { Host: host, Origin: `http://${host.toLowerCase()}` })).status, host).toBe(200);
    }
    expect(existsSync(pwned)).toBe(false);
  });

  it('refuses a websocket upgrade for another host or from another origin, and accepts its own', async () => {
    const upgrade = (host: string, origin: string) =>
      rawStatus(
        port,
        `GET /socket.io/?EIO=4&transport=websocket HTTP/1.1\r\nHost: ${host}\r\nOrigin: ${origin}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n`,
      );
    expect(await upgrade(`attacker.example:${port}`, `http://attacker.example:${port}`)).toMatch(/^HTTP\/1\.1 403/);
    expect(await upgrade(`localhost:${port}`, 'http://attacker.example')).toMatch(/^HTTP\/1\.1 403/);
    expect(await upgrade(`localhost:${port}`, `http://localhost:${port}`)).toMatch(/^HTTP\/1\.1 101/);
  });

  it('listens on 127.0.0.1 and ::1 only: the kernel lists no other address, and no other address of this machine connects', async () => {
    if (existsSync('/proc/net/tcp')) expect(listeningAddresses(port)).toEqual(['127.0.0.1', '::1']);
    const others = Object.values(os.networkInterfaces())
      .flat()
      .filter((a) => a && !a.internal && !a.scopeid)
      .map((a) => a!.address);
    for (const address of others) expect(await connects(address, port), address).toBe(false);
    console.log(`viewer on port ${port}: listening on ${listeningAddresses(port).join(', ')}; not reachable on ${others.join(', ') || '(no other address)'}`);
  });

  it('says every refusal once on its output, naming the route', () => {
    expect(logged.match(/refused POST \/api\/eval\/job/g)).toHaveLength(1);
    expect(logged).toContain('refused DELETE /api/eval/:id');
    expect(logged).toContain('refused a request for another host or from another origin');
  });
});

describe('npm run view options', () => {
  it('refuses a --host that is not an IP address, and a bad --port, before starting anything', async () => {
    for (const host of ['example.com', 'localhost ', '', '0.0.0.0:80', '[::1]']) {
      const r = await runMain(viewMain, ['--host', host]);
      expect(r.code, host).toBe(1);
      expect(r.stderr).toMatch(/^error: --host "[^"]*": expected an IP address/);
    }
    const r = await runMain(viewMain, ['--port', '0']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error: --port/);
  });

  it('documents --host as the opt-out in its usage', async () => {
    const r = await runMain(viewMain, ['--help']);
    expect(r.stdout).toMatch(/--host ADDR/);
    expect(r.stdout).toMatch(/127\.0\.0\.1 and ::1 only/);
  });
});

/** A node process with the guard preloaded, running `script` (an express app standing in for a promptfoo upgrade). */
function guardedProcess(script: string): { child: ChildProcess; output: () => string; port: Promise<number>; exit: Promise<number | null> } {
  const child = spawn(process.execPath, ['--import', GUARD, '--input-type=module', '-e', script], { cwd: PROJECT_ROOT, env: { ...process.env, FTBENCH_VIEWER_HOST: '' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let text = '';
  child.stdout!.on('data', (d: Buffer) => (text += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (text += d.toString()));
  const exit = new Promise<number | null>((resolve) => child.on('close', resolve));
  const port = new Promise<number>((resolve, reject) => {
    child.stdout!.on('data', () => {
      const m = /listening on (\d+)/.exec(text);
      if (m) resolve(Number(m[1]));
    });
    void exit.then((code) => reject(new Error(`exited ${code}: ${text}`)));
  });
  port.catch(() => undefined); // a process expected to refuse never listens
  return { child, output: () => text, port, exit };
}

const GUARD = new URL('../lib/eval/viewer-guard.mjs', import.meta.url).href;

describe("the viewer's guard on a promptfoo it has not reviewed", () => {
  it('refuses a route or middleware a promptfoo upgrade adds until viewer-routes.json reviews it, and says so in its route table', async () => {
    // promptfoo's shape (express app, http.createServer(app), listen(port, callback)) with routes no review lists.
    const app = guardedProcess(`
      import express from 'express';
      import http from 'node:http';
      const app = express();
      app.get('/health', (req, res) => res.json({ ok: true }));
      app.post('/api/eval/job', (req, res) => res.json({ ran: true }));
      app.get('/api/upgrade/read', (req, res) => res.json({ read: true }));
      app.post('/api/upgrade/write', (req, res) => res.json({ wrote: true }));
      app.use('/api/upgrade/hook', (req, res) => res.json({ hooked: true }));
      app.get('/*splat', (req, res) => res.send('page'));
      const server = http.createServer(app);
      server.listen(0, () => console.log('listening on ' + server.address().port));
    `);
    try {
      const port = await app.port;
      const line = /ftbench-viewer-routes (\{.*\})/.exec(app.output())!;
      const routes = (JSON.parse(line[1]!) as { routes: { route: string; served: boolean }[] }).routes;
      expect(routes).toEqual([
        { route: 'USE /api/upgrade/hook <anonymous>', served: false },
        { route: 'GET /health', served: true },
        { route: 'POST /api/eval/job', served: false },
        { route: 'GET /api/upgrade/read', served: false },
        { route: 'POST /api/upgrade/write', served: false },
        { route: 'GET /*splat', served: true },
      ]);
      const status = async (method: string, p: string) => (await request(port, method, p)).status;
      expect(await status('GET', '/health')).toBe(200);
      expect(await status('GET', '/some/page')).toBe(200);
      expect(await status('POST', '/api/eval/job')).toBe(403);
      // Refused although the page's catch-all route would take it too.
      expect(await status('GET', '/api/upgrade/read')).toBe(403);
      expect(await status('POST', '/api/upgrade/write')).toBe(403);
      expect(await status('GET', '/api/upgrade/hook')).toBe(403);
      expect(await status('GET', '/api/upgrade/hook/deeper')).toBe(403);
      expect(app.output()).toContain('refused GET /api/upgrade/read');
      if (existsSync('/proc/net/tcp')) expect(listeningAddresses(port)).toEqual(['127.0.0.1', '::1']);
    } finally {
      app.child.kill();
    }
  });

  it('does not start a server it cannot review: not an express app, or listening in another way', async () => {
    const plain = guardedProcess(`import http from 'node:http'; http.createServer((req, res) => res.end('hi')).listen(0, () => console.log('listening on 0'));`);
    expect(await plain.exit).toBe(1);
    expect(plain.output()).toMatch(/not the express app this guard reviews.*; the viewer is not started/);
    expect(plain.output()).not.toMatch(/listening on/);
    const elsewhere = guardedProcess(`
      import express from 'express';
      import http from 'node:http';
      const server = http.createServer(express());
      server.listen({ port: 0, host: '0.0.0.0' }, () => console.log('listening on ' + server.address().port));
    `);
    expect(await elsewhere.exit).toBe(1);
    expect(elsewhere.output()).toMatch(/listens in a way this guard does not know/);
  });
});
