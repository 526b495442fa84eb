// A loopback emulator of the Vertex AI routes a Gemini tuning plugin uses —
// tuningJobs (create, get, list, cancel), generateContent on publisher models
// and on tuned endpoints — plus the Cloud Storage JSON API upload and read the
// training data goes through, and an OAuth token endpoint so the real
// @google/genai SDK authenticates through google-auth-library as in
// production. One origin serves all three:
//
//   Vertex AI      {origin}/v1beta1/projects/…   (GOOGLE_VERTEX_BASE_URL = origin)
//   Cloud Storage  {origin}/upload/storage/v1/…, {origin}/storage/v1/…   (STORAGE_EMULATOR_HOST = origin)
//   OAuth          {origin}/token   (token_url of `credentials`)
import type { FaultOptions } from '../shared/faults.ts';
import { startLoopbackServer } from '../shared/loopback-server.ts';
import type { VertexContext } from './context.ts';
import { emulatorCredentials, tokenRoute } from './credentials.ts';
import { vertexDialect } from './dialect.ts';
import { generateContentRoutes } from './generate-content.ts';
import { resolveVertexOptions, type VertexEmulatorOptions } from './options.ts';
import { vertexState } from './saved-state.ts';
import { VertexEmulatorState } from './state.ts';
import { openStateFolder } from '../shared/state-folder.ts';
import { storageDialect } from './storage-dialect.ts';
import { storageRoutes } from './storage.ts';
import { tuningJobRoutes } from './tuning-jobs.ts';

export type { VertexEmulatorOptions } from './options.ts';
export type { VertexEmulatorState, TuningJobRecord, StoredObject } from './state.ts';
export { UNKNOWN_ANSWER } from '../shared/base-model.ts';

export interface VertexEmulator {
  /** http://127.0.0.1:PORT — the base URL for @google/genai (`httpOptions.baseUrl`) and for Cloud Storage. */
  url: string;
  port: number;
  project: string;
  projectNumber: string;
  location: string;
  /** The first bucket that exists, for training data. */
  bucket: string;
  /** An `external_account_authorized_user` ADC object whose token_url is this emulator (for `googleAuthOptions.credentials`). */
  credentials: Record<string, string>;
  state: VertexEmulatorState;
  setFaults(faults: FaultOptions | undefined): void;
  close(): Promise<void>;
}

export async function startVertexEmulator(options: VertexEmulatorOptions = {}): Promise<VertexEmulator> {
  const opts = resolveVertexOptions(options);
  const state = new VertexEmulatorState();
  // Filled from the state folder, if one is given; a corrupt or foreign state file (or another project's) stops the start here.
  const memory = opts.state === undefined ? undefined : openStateFolder(opts.state, vertexState(opts), state, opts.log);
  const ctx: VertexContext = { state, options: opts, now: opts.now };
  const vertex = vertexDialect(opts);
  const storage = storageDialect(opts);
  let origin = '';
  const server = await startLoopbackServer({
    beforeAnswer: memory?.saveIfChanged,
    port: opts.port,
    routes: [
      tokenRoute(vertex, state.issuedTokens),
      ...storageRoutes(ctx, storage, () => origin),
      ...tuningJobRoutes(ctx, vertex),
      ...generateContentRoutes(ctx, vertex),
    ],
    fallbackDialect: (path) => (/^\/(upload\/|download\/)?storage\//.test(path) ? storage : vertex),
    traffic: state,
    faults: opts.faults,
    latencyMs: opts.latencyMs,
    headers: () => ({ 'x-goog-request-id': Math.random().toString(16).slice(2) }),
    log: opts.log,
    onResponse: opts.onResponse,
  }).catch((error: unknown) => {
    memory?.close();
    throw error;
  });
  origin = server.origin;
  return {
    url: server.origin,
    port: server.port,
    project: opts.project,
    projectNumber: opts.projectNumber,
    location: opts.location,
    bucket: opts.buckets[0] ?? '',
    credentials: emulatorCredentials(server.origin),
    state,
    setFaults: server.setFaults,
    async close() {
      await server.close();
      memory?.close();
    },
  };
}
