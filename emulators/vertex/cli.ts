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
import { runEmulatorCli, runIfMain, stateNote, type EmulatorCli } from '../shared/cli-runner.ts';
import { DEFAULT_LOCATION, DEFAULT_PROJECT } from './options.ts';
import { startVertexEmulator, type VertexEmulatorOptions } from './server.ts';

/** A project, location or bucket name: lower-case letters, digits, '.', '_' and '-'. */
const resourceName = (text: string) => (/^[a-z0-9][a-z0-9._-]*$/.test(text) ? text : undefined);
const NAME_ACCEPTS = "lower-case letters, digits, '.', '_' and '-', starting with a letter or digit";

export const vertexCli: EmulatorCli<VertexEmulatorOptions> = {
  name: 'vertex',
  summary:
    'A loopback Vertex AI + Cloud Storage API (tuningJobs, generateContent on tuned endpoints, uploads). Prints GOOGLE_CLOUD_PROJECT, GOOGLE_CLOUD_LOCATION, GOOGLE_VERTEX_BASE_URL, GOOGLE_APPLICATION_CREDENTIALS (a credentials file in a fresh temporary folder), STORAGE_EMULATOR_HOST and FTBENCH_GCS_URI first.',
  options: {
    project: { type: 'custom', value: 'ID', parse: resourceName, accepts: NAME_ACCEPTS, defaultText: DEFAULT_PROJECT, description: 'the Google Cloud project it serves' },
    location: { type: 'custom', value: 'LOC', parse: resourceName, accepts: NAME_ACCEPTS, defaultText: DEFAULT_LOCATION, description: 'the location printed in GOOGLE_CLOUD_LOCATION' },
    bucket: { type: 'custom', value: 'NAME', parse: resourceName, accepts: NAME_ACCEPTS, defaultText: '<project>-tuning', description: 'the Cloud Storage bucket that exists' },
  },
  toOptions(common, values) {
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
