// The Vertex AI emulator's knobs and their defaults, in one place (the ones
// every emulator has are in shared/emulator-options.ts).
import { createHash } from 'node:crypto';
import { resolveCommonOptions, type CommonEmulatorOptions } from '../shared/emulator-options.ts';

export interface VertexEmulatorOptions extends CommonEmulatorOptions {
  /** The Google Cloud project the caller may use (default `ftbench-emulator`); any other project gets 403. */
  project?: string;
  /** Its project number, used in the resource names the API returns (default: derived from `project`). */
  projectNumber?: string;
  /** Location the CLI points the project at (default `us-central1`); every location is served. */
  location?: string;
  /** Cloud Storage buckets that exist (default [`<project>-tuning`]). */
  buckets?: string[];
  /** Buckets that exist but the caller may not write or read: 403. */
  deniedBuckets?: string[];
  /** Permissions refused on the emulator's own project, e.g. `aiplatform.tuningJobs.create` (403 PERMISSION_DENIED). */
  deniedPermissions?: string[];
  /** This access token or API key is refused with 401 UNAUTHENTICATED (any other non-empty one is accepted). */
  rejectCredential?: string;
  /** Minimum examples in a training file. Default 1. */
  minExamples?: number;
  /** Jobs end JOB_STATE_FAILED mid-training: all of them (true) or those whose tunedModelDisplayName matches. */
  failJobs?: boolean | RegExp;
  /** Publisher models served by generateContent. */
  knownModels?: string[];
  /** Publisher models that can be tuned (supervised). */
  tunableModels?: string[];
}

export const DEFAULT_PROJECT = 'ftbench-emulator';
export const DEFAULT_LOCATION = 'us-central1';

export const DEFAULT_TUNABLE_MODELS: readonly string[] = [
  'gemini-2.5-flash',
  'gemini-2.5-flash-lite',
  'gemini-2.5-pro',
  'gemini-2.0-flash-001',
  'gemini-2.0-flash-lite-001',
];

export const DEFAULT_KNOWN_MODELS: readonly string[] = [...DEFAULT_TUNABLE_MODELS, 'gemini-2.0-flash', 'gemini-2.0-flash-lite'];

/** A stable 12-digit number for a project id, like the numbers Google assigns. */
export function projectNumberOf(project: string): string {
  const digits = BigInt(`0x${createHash('sha256').update(project).digest('hex').slice(0, 15)}`) % 900_000_000_000n;
  return String(digits + 100_000_000_000n);
}

export type ResolvedVertexOptions = Required<Omit<VertexEmulatorOptions, 'faults' | 'rejectCredential' | 'log' | 'onResponse' | 'trainingSteps' | 'state'>> &
  Pick<VertexEmulatorOptions, 'faults' | 'rejectCredential' | 'log' | 'onResponse' | 'trainingSteps' | 'state'>;

export function resolveVertexOptions(options: VertexEmulatorOptions): ResolvedVertexOptions {
  const project = options.project ?? DEFAULT_PROJECT;
  return {
    ...options,
    ...resolveCommonOptions(options),
    project,
    projectNumber: options.projectNumber ?? projectNumberOf(project),
    location: options.location ?? DEFAULT_LOCATION,
    buckets: options.buckets ?? [`${project}-tuning`],
    deniedBuckets: options.deniedBuckets ?? [],
    deniedPermissions: options.deniedPermissions ?? [],
    minExamples: options.minExamples ?? 1,
    failJobs: options.failJobs ?? false,
    knownModels: options.knownModels ?? [...DEFAULT_KNOWN_MODELS],
    tunableModels: options.tunableModels ?? [...DEFAULT_TUNABLE_MODELS],
  };
}
