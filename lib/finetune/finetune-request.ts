/**
 * What a person asked `npm run finetune` to do, once the command line is
 * read and checked (scripts/commands/finetune-args.ts): the subcommand, the
 * runs it is about and how to behave. FinetuneSession (finetune-session.ts)
 * carries it out.
 */
import type { Recipe } from '../training/recipe.ts';
import type { RunMatrix } from './run-matrix.ts';

export const FINETUNE_COMMANDS = ['plan', 'start', 'status', 'wait', 'list', 'cancel', 'register'] as const;
export type FinetuneCommand = (typeof FINETUNE_COMMANDS)[number];

/** A model tuned elsewhere, served OpenAI-style, to record as a run. */
export interface RegisterRequest {
  name: string;
  baseUrl: string;
  model: string;
  domain: string;
  baseModel?: string;
  apiKeyEnv: string | null;
  epochs: number | null;
}

export interface FinetuneRequest {
  command: FinetuneCommand;
  /** The runs named by their settings (plan, start, and any command given them). */
  matrix: RunMatrix | null;
  register: RegisterRequest | null;
  recipe: Recipe;
  /** Runs named by name or key (--run). */
  runs: string[];
  /** status, wait, list, cancel with --platform alone: only these platforms' runs. */
  platformFilter: string[] | null;
  /** Do not ask before paying or cancelling. */
  yes: boolean;
  /** start: a new job even for a run that has one (asked for, and said to cost again). */
  force: boolean;
  /** start: then wait for the jobs. */
  wait: boolean;
  intervalMs: number;
  /** Each platform's connection settings as given (`{ vertex: { gcsUri } }`): how it is reached, not part of a run. */
  connection: Readonly<Record<string, Readonly<Record<string, string>>>>;
  retries?: number;
  /** The ledger folder, resolved. */
  runsDir: string;
  /** Where domain ids are found, resolved. */
  domainsDir: string;
}
