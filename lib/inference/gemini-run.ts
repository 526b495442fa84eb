/**
 * How providers/gemini.ts turns `config: { run }` into what to query: the
 * run's tuned endpoint, read from the fine-tuning ledger (runs/, or
 * $FTBENCH_RUNS_DIR, or config.runsDir), with the system instruction its
 * recipe trained with. Only a succeeded Vertex AI run answers here.
 */
import { UserError } from '../errors.ts';
import { succeededRun } from '../ledger/succeeded-run.ts';
import { VertexPlatform } from '../platforms/vertex.ts';
import type { ResolveRun } from './gemini-target.ts';

export function ledgerGeminiRuns(runsDir?: string, env: NodeJS.ProcessEnv = process.env): ResolveRun {
  return (ref) => {
    const record = succeededRun(ref, runsDir, env);
    // Only Vertex AI serves Gemini endpoints; its plugin's SDK is the one this provider uses anyway.
    const endpoint = record.spec.platform === 'vertex' ? new VertexPlatform(env).tunedEndpoint(record) : null;
    if (endpoint?.api !== 'vertex')
      throw new UserError(`run ${record.name} was tuned on ${record.spec.platform}, not Vertex AI: ask it with providers/openai.ts (config: { run: ${record.name} })`);
    const system = record.spec.recipe.system ? { systemInstruction: record.spec.recipe.system } : {};
    return endpoint.endpoint !== undefined ? { kind: 'endpoint', endpoint: endpoint.endpoint, ...system } : { kind: 'model', model: endpoint.model, ...system };
  };
}
