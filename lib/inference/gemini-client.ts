/**
 * Asks a Gemini model on Vertex AI one question through @google/genai (the
 * successor of the deprecated @google/generative-ai): a base model by name or
 * a tuned model's endpoint. Authentication is Google's Application Default
 * Credentials (google-auth-library), or a Vertex AI API key when one is given.
 * GOOGLE_VERTEX_BASE_URL moves the client off https://{location}-aiplatform.googleapis.com
 * (an emulator, a proxy). 429 and 5xx answers are retried with backoff; what
 * still fails is thrown as a GeminiCallError whose message says what to do.
 */
import { GoogleGenAI, type GenerateContentParameters, type GenerateContentResponse } from '@google/genai';
import { answeredByEmulator } from '../foundation/emulator-header.ts';
import { explainGeminiError } from '../models/gemini-errors.ts';
import { describeTarget, targetModelName, type GeminiPlace } from './gemini-target.ts';

export interface GenerationSettings {
  /** 0 by default: an evaluation wants the model's most likely answer. */
  temperature: number;
  maxOutputTokens?: number;
  systemInstruction?: string;
  /** Gemini 2.5 thinking budget in tokens (0 turns thinking off where the model allows). */
  thinkingBudget?: number;
}

export interface GeminiConnection {
  /** Base URL instead of Vertex AI's (default: GOOGLE_VERTEX_BASE_URL, else Google's). */
  baseUrl?: string;
  /** A Vertex AI API key (express mode / keys bound to a service account); default ADC. */
  apiKey?: string;
  /** Retries on 429 and 5xx, with exponential backoff from `retryDelaySeconds`. Default 3. */
  retries?: number;
  retryDelaySeconds?: number;
  timeoutMs?: number;
}

export interface GeminiUsage {
  prompt: number;
  completion: number;
  total: number;
  /** Thinking tokens (billed as output), when the model reports them. */
  reasoning?: number;
}

export interface GeminiAnswer {
  text: string;
  usage: GeminiUsage;
  finishReason?: string;
  modelVersion?: string;
  /** The answer came from one of the project's emulators (lib/models/emulation.ts). */
  emulated?: boolean;
}

export class GeminiCallError extends Error {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'GeminiCallError';
  }
}

export const DEFAULT_RETRIES = 3;
const RETRYABLE_STATUS = [408, 429, 500, 502, 503, 504];

/** The generateContent request for one prompt (a single user turn). */
export function generateContentRequest(place: GeminiPlace, prompt: string, settings: GenerationSettings): GenerateContentParameters {
  return {
    model: targetModelName(place.target),
    contents: [{ role: 'user', parts: [{ text: prompt }] }],
    config: {
      temperature: settings.temperature,
      ...(settings.maxOutputTokens !== undefined && { maxOutputTokens: settings.maxOutputTokens }),
      ...(settings.systemInstruction !== undefined && { systemInstruction: settings.systemInstruction }),
      ...(settings.thinkingBudget !== undefined && { thinkingConfig: { thinkingBudget: settings.thinkingBudget } }),
    },
  };
}

function answerOf(response: GenerateContentResponse, target: string): GeminiAnswer {
  const candidate = response.candidates?.[0];
  // Thought parts are the model's reasoning, not its answer.
  const text = candidate?.content?.parts?.filter((p) => typeof p.text === 'string' && !p.thought).map((p) => p.text).join('');
  const finishReason = candidate?.finishReason;
  if (text === undefined || (text === '' && finishReason && finishReason !== 'STOP' && finishReason !== 'MAX_TOKENS')) {
    const blocked = response.promptFeedback?.blockReason;
    throw new GeminiCallError(
      `${target} returned no answer${blocked ? `: the prompt was blocked (${blocked})` : finishReason ? ` (finish reason ${finishReason})` : ''}`,
    );
  }
  const u = response.usageMetadata ?? {};
  const prompt = u.promptTokenCount ?? 0;
  const completion = (u.candidatesTokenCount ?? 0) + (u.thoughtsTokenCount ?? 0);
  return {
    text,
    usage: { prompt, completion, total: u.totalTokenCount ?? prompt + completion, ...(u.thoughtsTokenCount ? { reasoning: u.thoughtsTokenCount } : {}) },
    ...(finishReason && { finishReason }),
    ...(response.modelVersion && { modelVersion: response.modelVersion }),
    ...(answeredByEmulator(response.sdkHttpResponse?.headers) && { emulated: true }),
  };
}

export class GeminiClient {
  private readonly ai: GoogleGenAI;
  readonly retries: number;
  /** Where the calls go; part of a cache key, so an emulator's answers never pass for Google's. */
  readonly baseUrl: string;
  /** The variable the base URL came from, when one did. */
  private readonly baseUrlEnv: string | undefined;

  constructor(
    readonly place: GeminiPlace,
    connection: GeminiConnection = {},
    env: NodeJS.ProcessEnv = process.env,
  ) {
    this.retries = connection.retries ?? DEFAULT_RETRIES;
    if (!Number.isInteger(this.retries) || this.retries < 0) throw new Error(`retries must be a whole number ≥ 0, got ${connection.retries}`);
    const baseUrl = connection.baseUrl ?? env.GOOGLE_VERTEX_BASE_URL;
    this.baseUrlEnv = connection.baseUrl === undefined && env.GOOGLE_VERTEX_BASE_URL ? 'GOOGLE_VERTEX_BASE_URL' : undefined;
    this.baseUrl = baseUrl ?? `https://${place.location === 'global' ? '' : `${place.location}-`}aiplatform.googleapis.com`;
    this.ai = new GoogleGenAI({
      vertexai: true,
      project: place.project,
      location: place.location,
      ...(connection.apiKey && { apiKey: connection.apiKey }),
      // The suite's env may name the credentials file; google-auth-library alone reads only process.env.
      ...(!connection.apiKey && env.GOOGLE_APPLICATION_CREDENTIALS && { googleAuthOptions: { keyFilename: env.GOOGLE_APPLICATION_CREDENTIALS } }),
      httpOptions: {
        ...(baseUrl && { baseUrl }),
        ...(connection.timeoutMs && { timeout: connection.timeoutMs }),
        ...(this.retries > 0 && {
          retryOptions: { attempts: this.retries + 1, initialDelay: connection.retryDelaySeconds ?? 1, httpStatusCodes: RETRYABLE_STATUS },
        }),
      },
    });
  }

  /** The run asked, for a 404's message. */
  private runContext(): { run?: { name: string; checkpoint?: string; platform: string; baseModel: string; baseUrlSetBy?: string } } {
    const run = this.place.run;
    if (!run) return {};
    return {
      run: {
        name: run.run.name,
        platform: run.run.platform,
        baseModel: run.baseModel,
        ...(run.checkpoint && { checkpoint: run.checkpoint.id }),
        ...(this.baseUrlEnv && { baseUrlSetBy: this.baseUrlEnv }),
      },
    };
  }

  get target(): string {
    return describeTarget(this.place.target);
  }

  /** One answer; throws GeminiCallError with an explained message. */
  async generate(prompt: string, settings: GenerationSettings): Promise<GeminiAnswer> {
    let response: GenerateContentResponse;
    try {
      response = await this.ai.models.generateContent(generateContentRequest(this.place, prompt, settings));
    } catch (error) {
      const status = (error as { status?: unknown }).status;
      throw new GeminiCallError(
        explainGeminiError(error, { target: this.target, project: this.place.project, location: this.place.location, retries: this.retries, baseUrl: this.baseUrl, ...this.runContext() }),
        typeof status === 'number' ? status : undefined,
      );
    }
    return answerOf(response, this.target);
  }
}
