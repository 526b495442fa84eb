/**
 * Data some tests read from outside the repository, never copied into it: its
 * path comes from an environment variable (`.ci/run` points each at
 * ../shared/…). Unset, the tests that need it skip (test/global-setup.ts says
 * so in one line naming the variable); unset while CI is set, or set to a
 * path that is not there, they fail: CI always runs them.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';

export interface OutsideData {
  variable: string;
  /** What it is, for messages. */
  what: string;
  /** A path under it that must exist (e.g. datasets/ of a checkout). */
  mustHave: string;
}

export const FINETUNEBENCH: OutsideData = {
  variable: 'FINETUNEBENCH_DIR',
  what: 'a FineTuneBench checkout (github.com/kevinwu23/StanfordFineTuneBench)',
  mustHave: 'datasets',
};

export const OPENAI_OPENAPI: OutsideData = {
  variable: 'OPENAI_OPENAPI_SPEC',
  what: "OpenAI's OpenAPI description (openapi.yml from github.com/openai/openai-openapi)",
  mustHave: '',
};

export const TOGETHER_OPENAPI: OutsideData = {
  variable: 'TOGETHER_OPENAPI_SPEC',
  what: "Together AI's OpenAPI description (openapi.yaml from github.com/togethercomputer/openapi)",
  mustHave: '',
};

export const OUTSIDE_DATA: readonly OutsideData[] = [FINETUNEBENCH, OPENAI_OPENAPI, TOGETHER_OPENAPI];

/**
 * The data's path, or undefined when its variable is unset (the tests skip).
 * Throws, failing the test file, when CI is set and the variable is not, or
 * when the path it names is missing.
 */
export function outsideDataPath(data: OutsideData, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const value = env[data.variable];
  if (!value) {
    if (env.CI) throw new Error(`${data.variable} is not set, and CI is: set it to ${data.what} (.ci/run points it at ../shared)`);
    return undefined;
  }
  const resolved = path.resolve(value);
  const needed = path.join(resolved, data.mustHave);
  if (!existsSync(needed)) throw new Error(`${data.variable}=${value}: ${needed} does not exist; expected ${data.what}`);
  return resolved;
}

/** The one line said when the data's variable is unset. */
export function skipLine(data: OutsideData): string {
  return `skipping the tests that need ${data.what}: set ${data.variable} to run them`;
}

/** Appended to a describe's name, so a skipped block says why. */
export function skipNote(data: OutsideData, available: string | undefined): string {
  return available ? '' : ` [skipped: ${data.variable} is not set]`;
}
