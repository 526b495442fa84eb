/**
 * The config of the Gemini provider (providers/gemini.ts), checked: unknown
 * keys and wrong types are errors naming the field, so a typo in a suite does
 * not silently query the wrong thing.
 */
import { z } from 'zod';
import type { GeminiConnection, GenerationSettings } from './gemini-client.ts';
import { resolveGeminiPlace, type GeminiPlace, type ResolveRun } from './gemini-target.ts';

const GeminiConfigSchema = z.strictObject({
  model: z.string().optional(),
  endpoint: z.string().optional(),
  run: z.string().optional(),
  /** With `run`: one of its checkpoints (an id from the ledger, or its endpoint) instead of its tuned model. */
  checkpoint: z.string().optional(),
  /** The ledger `run` is looked up in (default runs/, or $FTBENCH_RUNS_DIR). */
  runsDir: z.string().optional(),
  project: z.string().optional(),
  location: z.string().optional(),
  temperature: z.number().min(0).max(2).default(0),
  maxOutputTokens: z.int().positive().optional(),
  systemInstruction: z.string().optional(),
  thinkingBudget: z.int().min(-1).optional(),
  /** Name of the environment variable holding a Vertex AI API key; the key itself never goes in a file. */
  apiKeyEnvar: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'an environment variable name').optional(),
  baseUrl: z.url().optional(),
  retries: z.int().min(0).max(10).optional(),
  retryDelaySeconds: z.number().positive().optional(),
  timeoutMs: z.int().positive().optional(),
});

export type GeminiProviderConfig = z.input<typeof GeminiConfigSchema>;

export interface GeminiSetup {
  place: GeminiPlace;
  connection: GeminiConnection;
  settings: GenerationSettings;
}

export function parseGeminiConfig(raw: unknown, env: NodeJS.ProcessEnv = process.env, resolveRun?: ResolveRun): GeminiSetup {
  const parsed = GeminiConfigSchema.safeParse(raw ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`config.${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  const c = parsed.data;
  const place = resolveGeminiPlace(c, env, resolveRun);
  let apiKey: string | undefined;
  if (c.apiKeyEnvar !== undefined) {
    apiKey = env[c.apiKeyEnvar];
    if (!apiKey) throw new Error(`config.apiKeyEnvar: the environment variable ${c.apiKeyEnvar} is not set`);
  }
  return {
    place,
    connection: { baseUrl: c.baseUrl, apiKey, retries: c.retries, retryDelaySeconds: c.retryDelaySeconds, timeoutMs: c.timeoutMs },
    settings: {
      temperature: c.temperature,
      maxOutputTokens: c.maxOutputTokens,
      // A tuned run is asked with the system instruction it was trained with, unless the suite says otherwise.
      systemInstruction: c.systemInstruction ?? place.systemInstruction,
      thinkingBudget: c.thinkingBudget,
    },
  };
}
