/**
 * How providers/gemini.ts turns `config: { run }` into what to query: the
 * run's tuned endpoint, read from the fine-tuning ledger (runs/, or
 * $FTBENCH_RUNS_DIR, or config.runsDir), with the system instruction its
 * recipe trained with. Only a succeeded Vertex AI run answers here.
 */
import { UserError } from '../foundation/errors.ts';
import { findCheckpoint } from '../ledger/checkpoints.ts';
import { runIdentity } from '../ledger/provider-identity.ts';
import { succeededRun } from '../ledger/succeeded-run.ts';
import { trainingCostOf } from '../models/training-cost.ts';
import { VertexPlatform } from '../platforms/vertex.ts';
import type { ResolveRun } from './gemini-target.ts';

export function ledgerGeminiRuns(runsDir?: string, env: NodeJS.ProcessEnv = process.env): ResolveRun {
  return (ref, checkpointRef) => {
    const record = succeededRun(ref, runsDir, env);
    // Only Vertex AI serves Gemini endpoints; its plugin's SDK is the one this provider uses anyway.
    const platform = record.spec.platform === 'vertex' ? new VertexPlatform(env) : null;
    if (!platform)
      throw new UserError(`run ${record.name} was tuned on ${record.spec.platform}, not Vertex AI: ask it with providers/openai.ts (config: { run: ${record.name} })`);
    const checkpoint = checkpointRef === undefined ? undefined : findCheckpoint(record, checkpointRef);
    if (checkpointRef !== undefined && !checkpoint)
      throw new UserError(`run ${record.name} has no checkpoint ${JSON.stringify(checkpointRef)} in the ledger; it has ${record.checkpoints.map((c) => c.id).join(', ') || 'none'}`);
    const endpoint = checkpoint ? platform.checkpointEndpoint(record, checkpoint) : platform.tunedEndpoint(record);
    if (!endpoint) throw new UserError(`${record.spec.platform} does not serve checkpoint ${checkpointRef} of run ${record.name} (no endpoint: was the job created with exportLastCheckpointOnly?)`);
    if (endpoint.api !== 'vertex')
      throw new UserError(`run ${record.name} was tuned on ${record.spec.platform}, not Vertex AI: ask it with providers/openai.ts (config: { run: ${record.name} })`);
    const trainingCost = trainingCostOf(record);
    const extra = { ...(record.spec.recipe.system && { systemInstruction: record.spec.recipe.system }), run: runIdentity(record, checkpoint), ...(trainingCost && { trainingCost }) };
    return endpoint.endpoint !== undefined ? { kind: 'endpoint', endpoint: endpoint.endpoint, ...extra } : { kind: 'model', model: endpoint.model, ...extra };
  };
}
