// /v1/chat/completions (OpenAI-compatible, non-streaming). Base models answer
// by the shared base-model rule; a fine-tune's output model (or checkpoint)
// answers from its training data first, as far as its progress has reached
// (shared/tuned-model.ts, shared/learning-rule.ts).
import { randomBytes, randomInt } from 'node:crypto';
import { messageText } from '../shared/message-text.ts';
import type { Route } from '../shared/route.ts';
import { approxTokens } from '../shared/tokens.ts';
import { modelAnswer } from '../shared/tuned-model.ts';
import { seconds, type TogetherContext } from './context.ts';
import { badRequest } from './errors.ts';
import { resolveModel } from './models.ts';

interface Message {
  role: string;
  content?: unknown;
}

/** Text of a message's content ('' when it has none). */
const contentText = (content: unknown): string => messageText(content) ?? '';

export function chatRoutes(ctx: TogetherContext): Route[] {
  return [
    {
      method: 'POST',
      pattern: /^\/v1\/chat\/completions$/,
      name: '/v1/chat/completions',
      dialect: ctx.dialect,
      handle(req) {
        const body = req.json();
        if (typeof body !== 'object' || body === null) throw badRequest('Request body must be a JSON object.');
        const request = body as Record<string, unknown>;
        if (typeof request.model !== 'string' || request.model === '') throw badRequest("Missing required parameter 'model'.", 'model');
        const messages = request.messages;
        if (!Array.isArray(messages) || messages.length === 0) throw badRequest("'messages' must be a non-empty array.", 'messages');
        const bad = messages.findIndex((m) => typeof m !== 'object' || m === null || typeof (m as Message).role !== 'string');
        if (bad !== -1) throw badRequest(`Invalid 'messages[${bad}]': expected an object with a 'role'.`, `messages[${bad}]`);
        if (request.stream === true) throw badRequest('Streaming is not supported by the Together emulator; send stream: false.', 'stream');
        const n = request.n ?? 1;
        if (!Number.isInteger(n) || (n as number) < 1 || (n as number) > 128) throw badRequest("Invalid 'n': expected an integer between 1 and 128.", 'n');
        const maxTokens = request.max_tokens;
        if (maxTokens !== undefined && maxTokens !== null && (!Number.isInteger(maxTokens) || (maxTokens as number) < 1)) {
          throw badRequest("Invalid 'max_tokens': expected a positive integer.", 'max_tokens');
        }

        const model = resolveModel(ctx, request.model);
        const turns = messages as Message[];
        const lastUser = [...turns].reverse().find((m) => m.role === 'user');
        const prompt = { context: turns.map((m) => contentText(m.content)).join('\n'), question: contentText(lastUser?.content) };
        let answer = model.kind === 'tuned' ? modelAnswer(ctx.options.knowledge, model.job.pairs, prompt, model.progress) : modelAnswer(ctx.options.knowledge, [], prompt);
        let finishReason = 'stop';
        if (typeof maxTokens === 'number' && approxTokens(answer) > maxTokens) {
          answer = answer.slice(0, maxTokens * 4);
          finishReason = 'length';
        }
        const promptTokens = turns.reduce((sum, m) => sum + approxTokens(contentText(m.content)) + 4, 3);
        const completionTokens = approxTokens(answer) * (n as number);
        return {
          json: {
            id: randomBytes(8).toString('hex'),
            object: 'chat.completion',
            created: seconds(ctx.now()),
            model: model.id,
            prompt: [],
            choices: Array.from({ length: n as number }, (_, index) => ({
              index,
              message: { role: 'assistant', content: answer, tool_calls: [] },
              finish_reason: finishReason,
              seed: randomInt(0, 2 ** 47),
              logprobs: null,
            })),
            usage: { prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens, cached_tokens: 0 },
          },
        };
      },
    },
  ];
}
