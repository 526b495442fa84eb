/**
 * Which recordings a replay provider answers from, as its promptfoo config
 * names them:
 *
 *   { finetunebench: <checkout dir>, model: <model name> }   the study's responses
 *   { results: <promptfoo results .json>, provider?: <label> } an earlier eval
 *
 * Paths are absolute or relative to the project root.
 */
import { UserError } from '../foundation/errors.ts';
import { fromProjectRoot } from '../foundation/project-root.ts';
import { loadFinetunebenchRecordings } from './finetunebench-responses.ts';
import { loadPromptfooRecordings } from './promptfoo-recordings.ts';
import type { Recordings } from './recordings.ts';

export interface ReplayConfig {
  finetunebench?: string;
  model?: string;
  results?: string;
  provider?: string;
}

export interface ReplaySource {
  /** Names the replayed model: the upstream model name, or the results file's provider. */
  name: string;
  recordings: Recordings;
}

const USAGE =
  'set config.finetunebench (a FineTuneBench checkout) and config.model (one of its models), or config.results (a promptfoo results file) and optionally config.provider';

export function openReplaySource(config: ReplayConfig = {}): ReplaySource {
  if (config.finetunebench && config.results) throw new UserError(`replay: config names both finetunebench and results; ${USAGE}`);
  if (config.finetunebench) {
    const loaded = loadFinetunebenchRecordings(fromProjectRoot(config.finetunebench));
    const models = [...loaded.models.keys()];
    if (!config.model) throw new UserError(`replay: config.model is required with config.finetunebench; the checkout has ${models.join(', ')}`);
    const recordings = loaded.models.get(config.model);
    if (!recordings) throw new UserError(`replay: no responses of model "${config.model}" in ${loaded.dir}; it has ${models.join(', ')}`);
    return { name: config.model, recordings };
  }
  if (config.results) {
    const recordings = loadPromptfooRecordings(fromProjectRoot(config.results), config.provider);
    return { name: config.provider ?? 'recorded', recordings };
  }
  throw new UserError(`replay: no recordings configured; ${USAGE}`);
}
