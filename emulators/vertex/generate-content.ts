// `:generateContent` on publisher models (`…/publishers/google/models/{m}`)
// and on the endpoints of tuned models (`…/endpoints/{id}`), non-streaming.
// Base models answer by the shared base-model rule; a tuned endpoint answers
// its training data first (shared/tuned-model.ts).
import type { ModelPrompt } from '../shared/base-model.ts';
import type { ApiDialect, Route } from '../shared/route.ts';
import { approxTokens } from '../shared/tokens.ts';
import { modelAnswer, type TrainingPair } from '../shared/tuned-model.ts';
import type { VertexContext } from './context.ts';
import { invalidArgument, notFound, publisherModelNotFound } from './errors.ts';
import { locationPattern, numericId } from './resource-names.ts';
import { jobState } from './tuning-lifecycle.ts';

type Body = Record<string, unknown>;

function isRecord(value: unknown): value is Body {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function contentText(content: unknown): string {
  if (!isRecord(content) || !Array.isArray(content.parts)) return '';
  return content.parts.map((p: unknown) => (isRecord(p) && typeof p.text === 'string' ? p.text : '')).join('');
}

interface ParsedRequest {
  prompt: ModelPrompt;
  promptTokens: number;
  maxOutputTokens?: number;
  candidateCount: number;
}

function parseRequest(body: unknown): ParsedRequest {
  if (!isRecord(body)) throw invalidArgument('Invalid JSON payload received. Expected an object (GenerateContentRequest).');
  const { contents, systemInstruction, generationConfig } = body;
  if (!Array.isArray(contents) || contents.length === 0) {
    throw invalidArgument('Unable to submit request because it has an empty contents field. Add at least one content with parts.', 'contents');
  }
  for (const [i, content] of contents.entries()) {
    if (!isRecord(content) || !Array.isArray(content.parts) || content.parts.length === 0) {
      throw invalidArgument(`Unable to submit request because contents[${i}] has no parts. Add at least one part.`, `contents[${i}].parts`);
    }
    if (content.role !== undefined && content.role !== 'user' && content.role !== 'model') {
      throw invalidArgument(`Please use a valid role: user, model. (contents[${i}].role is ${JSON.stringify(content.role)})`, `contents[${i}].role`);
    }
  }
  const turns = contents.map((c) => ({ role: (c as Body).role ?? 'user', text: contentText(c) }));
  const system = isRecord(systemInstruction) ? contentText(systemInstruction) : typeof systemInstruction === 'string' ? systemInstruction : '';
  const lastUser = [...turns].reverse().find((t) => t.role === 'user');
  const config = isRecord(generationConfig) ? generationConfig : {};
  const maxOutputTokens = config.maxOutputTokens;
  if (maxOutputTokens !== undefined && (!Number.isInteger(maxOutputTokens) || (maxOutputTokens as number) < 1)) {
    throw invalidArgument('max_output_tokens must be a positive integer.', 'generation_config.max_output_tokens');
  }
  const candidateCount = config.candidateCount ?? 1;
  if (!Number.isInteger(candidateCount) || (candidateCount as number) < 1 || (candidateCount as number) > 8) {
    throw invalidArgument('candidate_count must be an integer between 1 and 8.', 'generation_config.candidate_count');
  }
  const context = [system, ...turns.map((t) => t.text)].filter((t) => t !== '').join('\n');
  return {
    prompt: { context, question: lastUser?.text ?? '' },
    promptTokens: approxTokens(context),
    maxOutputTokens: maxOutputTokens as number | undefined,
    candidateCount: candidateCount as number,
  };
}

function respond(ctx: VertexContext, request: ParsedRequest, answer: string, modelVersion: string): Record<string, unknown> {
  let text = answer;
  let finishReason = 'STOP';
  if (request.maxOutputTokens !== undefined && approxTokens(text) > request.maxOutputTokens) {
    text = text.slice(0, request.maxOutputTokens * 4);
    finishReason = 'MAX_TOKENS';
  }
  const outputTokens = approxTokens(text) * request.candidateCount;
  return {
    candidates: Array.from({ length: request.candidateCount }, (_, index) => ({
      content: { role: 'model', parts: [{ text }] },
      finishReason,
      avgLogprobs: -0.05,
      index,
    })),
    usageMetadata: {
      promptTokenCount: request.promptTokens,
      candidatesTokenCount: outputTokens,
      totalTokenCount: request.promptTokens + outputTokens,
      trafficType: 'ON_DEMAND',
      promptTokensDetails: [{ modality: 'TEXT', tokenCount: request.promptTokens }],
      candidatesTokensDetails: [{ modality: 'TEXT', tokenCount: outputTokens }],
    },
    modelVersion,
    createTime: new Date(ctx.now()).toISOString(),
    responseId: numericId().slice(0, 16),
  };
}

export function generateContentRoutes(ctx: VertexContext, dialect: ApiDialect): Route[] {
  const answer = (pairs: readonly TrainingPair[], request: ParsedRequest, progress = 1): string => modelAnswer(ctx.options.knowledge, pairs, request.prompt, progress);
  return [
    {
      method: 'POST',
      pattern: locationPattern('/publishers/google/models/(?<model>[^/:]+):generateContent'),
      name: '/{version}/projects/{project}/locations/{location}/publishers/google/models/{model}:generateContent',
      dialect,
      permission: 'aiplatform.endpoints.predict',
      handle({ params, json }) {
        const { project, location, model } = params as Record<string, string>;
        if (!ctx.options.knownModels.includes(model)) throw publisherModelNotFound(`projects/${project}/locations/${location}/publishers/google/models/${model}`);
        const request = parseRequest(json());
        return { json: respond(ctx, request, answer([], request), model) };
      },
    },
    {
      method: 'POST',
      pattern: locationPattern('/endpoints/(?<endpoint>[^/:]+):generateContent'),
      name: '/{version}/projects/{project}/locations/{location}/endpoints/{endpoint}:generateContent',
      dialect,
      permission: 'aiplatform.endpoints.predict',
      handle({ params, json }) {
        const { location, endpoint } = params as Record<string, string>;
        // The tuned model's endpoint, or one of its checkpoints' (what a checkpoint knows: shared/learning-rule.ts).
        const job = [...ctx.state.jobs.values()].find((j) => j.location === location && j.checkpoints.some((c) => c.endpointId === endpoint));
        const checkpoint = job?.checkpoints.find((c) => c.endpointId === endpoint);
        // The endpoints exist once their tuning job has succeeded.
        if (!job || !checkpoint || jobState(job, ctx.now(), ctx.options.stepMs) !== 'JOB_STATE_SUCCEEDED') {
          throw notFound(`Endpoint projects/${ctx.options.projectNumber}/locations/${location}/endpoints/${endpoint} not found.`);
        }
        const request = parseRequest(json());
        const base = job.baseModel?.replace(/^publishers\/google\/models\//, '') ?? job.tunedModelDisplayName;
        return { json: respond(ctx, request, answer(job.pairs, request, Math.min(1, checkpoint.step / job.totalSteps)), base) };
      },
    },
  ];
}
