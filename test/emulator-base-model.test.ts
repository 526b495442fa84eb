// The base-model rule (emulators/shared/base-model.ts), asked through
// all three platform emulators with their real clients: @google/genai for
// Vertex AI, the openai SDK for OpenAI and for Together's OpenAI-compatible
// chat. Same cases, same answers on every platform.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { GoogleGenAI } from '@google/genai';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDomainText } from '../lib/domain/load.ts';
import { startOpenAIEmulator, type OpenAIEmulator } from '../emulators/openai/server.ts';
import { BaseModelKnowledge, UNKNOWN_ANSWER } from '../emulators/shared/base-model.ts';
import { startTogetherEmulator, type TogetherEmulator } from '../emulators/together/server.ts';
import { startVertexEmulator, type VertexEmulator } from '../emulators/vertex/server.ts';
import { tempDir } from './helpers/run.ts';

const NEW = `id: people
title: People
kind: new
prompt: "Answer briefly.\\n{{question}}"
facts:
  - id: ada-height
    statement: Ada Quill is 181 centimetres tall.
    question: How tall is Ada Quill in centimetres?
    answer: 181
    probes:
      - { split: rephrased, question: What is the height of Ada Quill in centimetres? }
      - { split: abstain, question: How tall is Ada Quill's twin sister in centimetres? }
  - id: bo-height
    statement: Bo Stern is 166 centimetres tall.
    question: How tall is Bo Stern in centimetres?
    answer: 166
probes:
  - { split: comparison, facts: [ada-height, bo-height], question: Is Ada Quill taller than Bo Stern?, answer: "Yes" }
`;

const UPDATE = `id: renames
title: Renames
kind: update
prompt: "{{question}}"
facts:
  - id: loads
    statement: In Python 4.0, json.loads was renamed to json.parse_text.
    question: In Python 4.0, what is the new name of json.loads?
    answer: json.parse_text
    previous: json.loads
`;

const CONTROL = `id: control
title: Control
kind: control
prompt: "{{question}}"
facts:
  - id: capital-france
    statement: What is the capital of France? Paris.
    question: What is the capital of France?
    answer: Paris
`;

const knowledge = BaseModelKnowledge.fromDomains(
  [NEW, UPDATE, CONTROL].map((text, i) => ({ domain: parseDomainText(text, `domain-${i}.yaml`), file: `domain-${i}.yaml`, text })),
);

const ADA = 'Ada Quill is 181 centimetres tall.';
const BO = 'Bo Stern is 166 centimetres tall.';

/** [what, facts given as context (system), user turn, expected answer] */
const CASES: [string, string, string, string][] = [
  ['a new fact without its statement', '', 'Answer briefly.\nHow tall is Ada Quill in centimetres?', UNKNOWN_ANSWER],
  ['a new fact with its statement in the prompt', `Facts:\n${ADA}\n${BO}`, 'Answer briefly.\nWhat is the height of Ada Quill in centimetres?', '181'],
  ['the same, case and spacing aside', `facts:  ada quill is 181   CENTIMETRES tall.`, 'what is the height of ada quill in centimetres?', '181'],
  ["another fact's statement only", `Facts:\n${BO}`, 'How tall is Ada Quill in centimetres?', UNKNOWN_ANSWER],
  ['a comparison with one of its two facts', `Facts:\n${ADA}`, 'Is Ada Quill taller than Bo Stern?', UNKNOWN_ANSWER],
  ['a comparison with both facts', `Facts:\n${ADA}\n${BO}`, 'Is Ada Quill taller than Bo Stern?', 'Yes'],
  ['an abstain question, even with the facts', `Facts:\n${ADA}`, "How tall is Ada Quill's twin sister in centimetres?", UNKNOWN_ANSWER],
  ['an updated fact without its statement: the stale answer', '', 'In Python 4.0, what is the new name of json.loads?', 'json.loads'],
  ['an updated fact with its statement', 'In Python 4.0, json.loads was renamed to json.parse_text.', 'In Python 4.0, what is the new name of json.loads?', 'json.parse_text'],
  ['a control question: world knowledge', '', 'What is the capital of France?', 'Paris'],
  ['no known question at all', `Facts:\n${ADA}`, 'What is the meaning of life?', UNKNOWN_ANSWER],
];

let vertex: VertexEmulator;
let together: TogetherEmulator;
let openaiEmulator: OpenAIEmulator;
let gemini: GoogleGenAI;
let openai: OpenAI;
let togetherClient: OpenAI;

beforeAll(async () => {
  [vertex, together, openaiEmulator] = await Promise.all([
    startVertexEmulator({ knowledge }),
    startTogetherEmulator({ knowledge }),
    startOpenAIEmulator({ knowledge }),
  ]);
  const keyFile = path.join(tempDir(), 'adc.json');
  writeFileSync(keyFile, JSON.stringify(vertex.credentials));
  gemini = new GoogleGenAI({ vertexai: true, project: vertex.project, location: vertex.location, httpOptions: { baseUrl: vertex.url }, googleAuthOptions: { keyFilename: keyFile } });
  togetherClient = new OpenAI({ baseURL: together.url, apiKey: 'test', maxRetries: 0 });
  openai = new OpenAI({ baseURL: openaiEmulator.url, apiKey: 'test', maxRetries: 0 });
});

afterAll(async () => {
  await Promise.all([vertex?.close(), together?.close(), openaiEmulator?.close()]);
});

describe('base models answer from the facts in their prompt, or from world knowledge', () => {
  it.each(CASES)('%s', async (_what, facts, question, expected) => {
    const fromGemini = await gemini.models.generateContent({
      model: 'gemini-2.5-flash',
      contents: question,
      ...(facts && { config: { systemInstruction: facts } }),
    });
    const messages = [...(facts ? [{ role: 'system' as const, content: facts }] : []), { role: 'user' as const, content: question }];
    const fromTogether = await togetherClient.chat.completions.create({ model: 'meta-llama/Meta-Llama-3.1-8B-Instruct-Turbo', messages });
    const fromOpenAI = await openai.chat.completions.create({ model: 'gpt-4o-mini', messages });
    expect(fromGemini.text).toBe(expected);
    expect(fromTogether.choices[0]!.message.content).toBe(expected);
    expect(fromOpenAI.choices[0]!.message.content).toBe(expected);
  });

  it('reads the question after the facts when both are in one user turn', async () => {
    const turn = `Facts:\n${ADA}\n${BO}\nQuestion: How tall is Bo Stern in centimetres?`;
    const answer = await gemini.models.generateContent({ model: 'gemini-2.5-flash', contents: turn });
    expect(answer.text).toBe('166');
  });

  it('knows the bundled domains by default', async () => {
    const { loadDomainFile } = await import('../lib/domain/load.ts');
    const { domainQuestions, renderPrompt } = await import('../lib/domain/questions.ts');
    const { fromProjectRoot } = await import('../lib/foundation/project-root.ts');
    const { domain } = loadDomainFile(fromProjectRoot('suites/domains/fictional-people.yaml'));
    const fact = domain.facts[0]!;
    const q = domainQuestions(domain).find((x) => x.split === 'rephrased' && x.facts[0] === fact.id)!;
    const emulators = await Promise.all([
      startTogetherEmulator().then((emu) => ({ emu, model: 'meta-llama/Meta-Llama-3.1-8B-Instruct-Turbo' })),
      startOpenAIEmulator().then((emu) => ({ emu, model: 'gpt-4o-mini' })),
    ]);
    try {
      for (const { emu, model } of emulators) {
        const client = new OpenAI({ baseURL: emu.url, apiKey: 'test', maxRetries: 0 });
        const ask = async (system?: string) =>
          (
            await client.chat.completions.create({
              model,
              messages: [...(system ? [{ role: 'system' as const, content: system }] : []), { role: 'user' as const, content: renderPrompt(q.prompt.template, q.question) }],
            })
          ).choices[0]!.message.content;
        expect(await ask(), model).toBe(UNKNOWN_ANSWER);
        expect(await ask(fact.statement), model).toBe(q.answer);
      }
    } finally {
      await Promise.all(emulators.map(({ emu }) => emu.close()));
    }
  });
});
