// `npm run emulator -- vertex [--port N] …`: start the Vertex AI + Cloud
// Storage emulator and print, before anything else, the environment that
// points @google/genai, google-auth-library and a Cloud Storage client at it:
//
//   GOOGLE_CLOUD_PROJECT, GOOGLE_CLOUD_LOCATION   read by @google/genai
//   GOOGLE_VERTEX_BASE_URL                        read by @google/genai (Vertex AI base URL)
//   GOOGLE_APPLICATION_CREDENTIALS                an ADC file whose token_url is the emulator
//   STORAGE_EMULATOR_HOST                         Cloud Storage JSON API origin (Google's client convention)
//   FTBENCH_GCS_URI                               a gs:// prefix in a bucket that exists
//
// The credentials file lives in a fresh temporary folder, removed on exit.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CommandIO } from '../../lib/foundation/command-io.ts';
import { runEmulatorCli, runIfMain, stateNote, UsageError, type EmulatorCli } from '../shared/cli-runner.ts';
import { DEFAULT_LOCATION, DEFAULT_PROJECT } from './options.ts';
import { startVertexEmulator, type VertexEmulatorOptions } from './server.ts';

const USAGE = `Usage: emulator vertex [options]

  --project ID              Google Cloud project the emulator serves (default ${DEFAULT_PROJECT})
  --location LOC            location printed in GOOGLE_CLOUD_LOCATION (default ${DEFAULT_LOCATION})
  --bucket NAME             the Cloud Storage bucket that exists (default <project>-tuning)`;

export const vertexCli: EmulatorCli<VertexEmulatorOptions> = {
  name: 'vertex',
  usage: USAGE,
  options: { project: { type: 'string' }, location: { type: 'string' }, bucket: { type: 'string' } },
  toOptions(common, values) {
    for (const name of ['project', 'location', 'bucket'] as const) {
      const value = values[name];
      if (value !== undefined && !/^[a-z0-9][a-z0-9._-]*$/.test(String(value))) throw new UsageError(`invalid --${name} ${JSON.stringify(value)}`);
    }
    return {
      ...common,
      project: values.project as string | undefined,
      location: values.location as string | undefined,
      buckets: values.bucket === undefined ? undefined : [values.bucket as string],
    };
  },
  async start(options, log) {
    const emulator = await startVertexEmulator({ ...options, log });
    const dir = mkdtempSync(path.join(os.tmpdir(), 'ftbench-vertex-emulator-'));
    const credentialsFile = path.join(dir, 'application_default_credentials.json');
    try {
      writeFileSync(credentialsFile, `${JSON.stringify(emulator.credentials, null, 2)}\n`, { mode: 0o600 });
    } catch (error) {
      await emulator.close();
      rmSync(dir, { recursive: true, force: true });
      throw error;
    }
    return {
      exports: [
        ['GOOGLE_CLOUD_PROJECT', emulator.project],
        ['GOOGLE_CLOUD_LOCATION', emulator.location],
        ['GOOGLE_VERTEX_BASE_URL', emulator.url],
        ['GOOGLE_APPLICATION_CREDENTIALS', credentialsFile],
        ['STORAGE_EMULATOR_HOST', emulator.url],
        ['FTBENCH_GCS_URI', `gs://${emulator.bucket}/ftbench`],
      ],
      banner: `Vertex AI + Cloud Storage emulator listening on ${emulator.url} (project ${emulator.project}, number ${emulator.projectNumber})${stateNote(options.state, { objects: emulator.state.objects.size, jobs: emulator.state.jobs.size })}`,
      async close() {
        await emulator.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  },
};

/** `npm run emulator -- vertex …` (see lib/foundation/command-io.ts): serves until io's interrupt (Ctrl-C, or a test's abort). */
export function main(argv: string[], io: CommandIO): Promise<number> {
  return runEmulatorCli(vertexCli, argv, io);
}

runIfMain(import.meta.url, 'vertex', main);
