// /v1/chat/completions, non-streaming. Models answer by the rule the Vertex
// and Together emulators share: a fine-tuned model (or checkpoint) knows the
// part of its training data its progress has reached, exactly or from a close
// enough trained question (shared/learning-rule.ts), and answers anything else
// as its base model; a base model knows the knowledge domains
// (shared/base-model.ts). Scores a harness can predict exactly.
import type OpenAI from 'openai';
import { messageText } from '../shared/message-text.ts';
import { approxTokens } from '../shared/tokens.ts';
import { modelAnswer } from '../shared/tuned-model.ts';
import type { EmulatorContext, RouteDef } from './context.ts';
import { badRequest } from './errors.ts';
import { newId } from './ids.ts';
import { seconds } from './lifecycle.ts';
import { resolveModel } from './models.ts';

const SYSTEM_FINGERPRINT = 'fp_emulator';

interface Message {
  role: string;
  content?: unknown;
}

function isMessage(value: unknown): value is Message {
  return typeof value === 'object' && value !== null && typeof (value as Message).role === 'string';
}

export function chatRoutes(ctx: EmulatorContext): RouteDef[] {
  return [
    {
      method: 'post',
      path: '/chat/completions',
      handle({ body }) {
        if (typeof body !== 'object' || body === null) throw badRequest('We could not parse the JSON body of your request. The OpenAI API expects a JSON payload.');
        const req = body as Record<string, unknown>;
        if (typeof req.model !== 'string' || req.model === '') throw badRequest('you must provide a model parameter', 'model', 'missing_required_parameter');
        if (!Array.isArray(req.messages) || req.messages.length === 0) {
          throw badRequest("Invalid 'messages': empty array. Expected an array with minimum length 1, but got an empty array instead.", 'messages', 'empty_array');
        }
        const badIndex = req.messages.findIndex((m) => !isMessage(m));
        if (badIndex !== -1) throw badRequest(`Invalid 'messages[${badIndex}]': expected an object with a 'role'.`, `messages[${badIndex}]`, 'invalid_type');
        if (req.stream === true) {
          throw badRequest('Streaming is not supported by the OpenAI emulator; send the request with stream: false.', 'stream', 'unsupported_value');
        }
        const n = req.n ?? 1;
        if (!Number.isInteger(n) || (n as number) < 1 || (n as number) > 128) throw badRequest("Invalid 'n': expected an integer between 1 and 128.", 'n', 'invalid_value');
        const maxTokens = req.max_completion_tokens ?? req.max_tokens;
        if (maxTokens !== undefined && maxTokens !== null && (!Number.isInteger(maxTokens) || (maxTokens as number) < 1)) {
          throw badRequest("Invalid 'max_completion_tokens': expected a positive integer.", 'max_completion_tokens', 'invalid_value');
        }

        const model = resolveModel(ctx, req.model);
        const messages = req.messages as Message[];
        const lastUser = [...messages].reverse().find((m) => m.role === 'user');
        const prompt = { context: messages.map((m) => messageText(m.content) ?? '').join('\n'), question: messageText(lastUser?.content) ?? '' };
        let answer = model.kind === 'tuned' ? modelAnswer(ctx.options.knowledge, model.job.pairs, prompt, model.progress) : modelAnswer(ctx.options.knowledge, [], prompt);
        let finishReason: 'stop' | 'length' = 'stop';
        if (typeof maxTokens === 'number' && approxTokens(answer) > maxTokens) {
          answer = answer.slice(0, maxTokens * 4);
          finishReason = 'length';
        }

        // Roughly OpenAI's accounting: ~4 characters a token, a few tokens of framing per message.
        const promptTokens = messages.reduce((sum, m) => sum + approxTokens(messageText(m.content) ?? '') + 4, 3);
        const completionTokens = approxTokens(answer) * (n as number);
        const completion: OpenAI.ChatCompletion = {
          id: newId.chatCompletion(),
          object: 'chat.completion',
          created: seconds(ctx.now()),
          model: model.kind === 'base' ? model.snapshot : model.id,
          choices: Array.from({ length: n as number }, (_, index) => ({
            index,
            message: { role: 'assistant', content: answer, refusal: null, annotations: [] },
            logprobs: null,
            finish_reason: finishReason,
          })),
          usage: {
            prompt_tokens: promptTokens,
            completion_tokens: completionTokens,
            total_tokens: promptTokens + completionTokens,
            prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
            completion_tokens_details: { reasoning_tokens: 0, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 },
          },
          service_tier: 'default',
          system_fingerprint: SYSTEM_FINGERPRINT,
        };
        return { json: completion };
      },
    },
  ];
}
