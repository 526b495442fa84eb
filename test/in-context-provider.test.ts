// The in-context reference: lib/baselines/in-context.ts, and providers/in-context.ts
// as promptfoo loads it, wrapping a base model on the Vertex AI emulator
// (providers/gemini.ts) and on the Together emulator (promptfoo's own
// openai:chat provider pointed at Together's base URL). Answers are graded
// with the project's grading cascade, as the answer-match assertion grades them.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadApiProvider, type ApiProvider } from 'promptfoo';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { StatementRetrieval } from '../lib/baselines/fact-retrieval.ts';
import { factsPreamble, InContextFacts } from '../lib/baselines/in-context.ts';
import { countRetrievalHits } from '../lib/baselines/retrieval-hit-rate.ts';
import { loadDomainFile } from '../lib/domain/load.ts';
import { domainQuestions, renderPrompt, type Question } from '../lib/domain/questions.ts';
import { grade } from '../lib/grading/grade.ts';
import { fromProjectRoot, PROJECT_ROOT } from '../lib/foundation/project-root.ts';
import { startTogetherEmulator, type TogetherEmulator } from '../emulators/together/server.ts';
import { startVertexEmulator, type VertexEmulator } from '../emulators/vertex/server.ts';
import { tempDir } from './helpers/run.ts';

const DOMAIN_FILE = 'suites/domains/fictional-people.yaml';
const { domain } = loadDomainFile(fromProjectRoot(DOMAIN_FILE));
const QUESTIONS = domainQuestions(domain);
const FACTS = domain.facts.map((f) => ({ id: f.id, statement: f.statement }));
const prompt = (q: Question): string => renderPrompt(q.prompt.template, q.question);

/** Accuracy per split of `provider` on `questions`, graded by the cascade. */
async function accuracy(provider: ApiProvider, questions: Question[]): Promise<Record<string, number>> {
  const tally: Record<string, { n: number; correct: number }> = {};
  for (const q of questions) {
    const res = await provider.callApi(prompt(q), { vars: { question: q.question }, prompt: { raw: q.prompt.template, label: q.prompt.name } } as never);
    expect(res.error, q.id).toBeUndefined();
    const { pass } = await grade('cascade', q, String(res.output), { split: q.split });
    const t = (tally[q.split] ??= { n: 0, correct: 0 });
    t.n++;
    if (pass) t.correct++;
  }
  return Object.fromEntries(Object.entries(tally).map(([split, t]) => [split, t.correct / t.n]));
}

/** A sample of every split: the questions about the first `people` people, and the comparisons among them. */
function sample(people: number): Question[] {
  const ids = new Set(domain.facts.slice(0, people * 6).map((f) => f.id));
  return QUESTIONS.filter((q) => q.facts.every((f) => ids.has(f)));
}

describe('InContextFacts', () => {
  it('puts every statement, verbatim and in domain order, before the rendered prompt', () => {
    const facts = new InContextFacts(FACTS);
    const q = QUESTIONS.find((x) => x.split === 'rephrased')!;
    const built = facts.prompt(prompt(q), q.question);
    expect(built.facts).toEqual(FACTS.map((f) => f.id));
    expect(built.text).toBe(`Facts:\n${FACTS.map((f) => `- ${f.statement}`).join('\n')}\n\n${prompt(q)}`);
    expect(built.text.endsWith(prompt(q))).toBe(true);
  });

  it('with k, gives the k statements most relevant to the question, best first', () => {
    // Six statements per person: k = 6 always holds the asked fact, since the name is the rarest overlap.
    const six = new InContextFacts(FACTS, 6);
    for (const q of QUESTIONS.filter((x) => x.facts.length === 1 && x.split !== 'abstain')) {
      const chosen = six.select(q.question);
      expect(chosen).toHaveLength(6);
      expect(chosen.map((f) => f.id), q.question).toContain(q.facts[0]);
    }
    // Where the question shares a word with its statement besides the name, that statement comes first.
    const q = QUESTIONS.find((x) => x.question === 'What is the weight of Pemea Ulrolo in pounds?')!;
    expect(new InContextFacts(FACTS, 1).select(q.question).map((f) => f.id)).toEqual(['pemea-weight']);
    // A comparison names two people: both compared statements are among the top 12.
    const comparison = QUESTIONS.find((x) => x.split === 'comparison')!;
    const top = new InContextFacts(FACTS, 12).select(comparison.question).map((f) => f.id);
    for (const id of comparison.facts) expect(top).toContain(id);
  });

  it('keeps a statement with line breaks on one list line; refuses a bad k', () => {
    expect(factsPreamble([{ id: 'a', statement: 'Line one\n  and two.' }])).toBe('Facts:\n- Line one and two.\n\n');
    expect(() => new InContextFacts(FACTS, 0)).toThrow(/k must be a positive whole number, got 0/);
    expect(() => new InContextFacts(FACTS, 2.5)).toThrow(/k must be a positive whole number/);
  });
});

describe('providers/in-context.ts around Gemini on the Vertex AI emulator', () => {
  let emu: VertexEmulator;
  const questions = sample(5);

  beforeAll(async () => {
    emu = await startVertexEmulator();
    const keyFile = path.join(tempDir(), 'application_default_credentials.json');
    writeFileSync(keyFile, JSON.stringify(emu.credentials));
    vi.stubEnv('GOOGLE_CLOUD_PROJECT', emu.project);
    vi.stubEnv('GOOGLE_CLOUD_LOCATION', emu.location);
    vi.stubEnv('GOOGLE_VERTEX_BASE_URL', emu.url);
    vi.stubEnv('GOOGLE_APPLICATION_CREDENTIALS', keyFile);
  });
  afterAll(async () => {
    vi.unstubAllEnvs();
    await emu.close();
  });

  const inContext = (k?: number) =>
    loadApiProvider('file://providers/in-context.ts', {
      basePath: PROJECT_ROOT,
      options: {
        label: 'gemini-2.5-flash in-context',
        config: { domainFile: DOMAIN_FILE, ...(k && { k }), provider: { id: 'file://providers/gemini.ts', config: { model: 'gemini-2.5-flash' } } },
      },
    });

  it('answers what the base model cannot: every split near 1.0 with all the facts, against 0 without', async () => {
    const provider = await inContext();
    expect(provider.id()).toBe('in-context:fictional-people:file://providers/gemini.ts');
    expect(provider.label).toBe('gemini-2.5-flash in-context');
    const base = await loadApiProvider('file://providers/gemini.ts', { basePath: PROJECT_ROOT, options: { config: { model: 'gemini-2.5-flash' } } });
    const withFacts = await accuracy(provider, questions);
    const without = await accuracy(base, questions);
    for (const split of ['memorization', 'rephrased', 'derived', 'comparison']) {
      expect(withFacts[split], split).toBe(1);
      // Yes/No questions: an "I don't know" is simply wrong.
      expect(without[split], split).toBe(0);
    }
    // Abstain questions: declining is right with or without the facts.
    expect(withFacts.abstain ?? 1).toBe(1);
  });

  it("returns the inner model's answer and usage, the prompt it really sent, and which facts it gave", async () => {
    const provider = await inContext(2);
    const q = QUESTIONS.find((x) => x.split === 'rephrased')!;
    const res = await provider.callApi(prompt(q), { vars: { question: q.question } } as never);
    expect(res.output).toBe(q.answer);
    expect(res.tokenUsage).toMatchObject({ numRequests: 1 });
    expect(res.metadata?.inContext).toMatchObject({ k: 2, of: 150 });
    expect(res.metadata?.inContext.facts).toHaveLength(2);
    expect(res.metadata?.inContext.facts[0]).toBe(q.facts[0]);
    // Not as the answer's `prompt`: promptfoo's results table would show it in place of the question (test/browser-report.test.ts).
    expect(res.prompt).toBeUndefined();
    expect(res.metadata?.inContextPrompt).toBe(`${factsPreamble(FACTS.filter((f) => res.metadata!.inContext.facts.includes(f.id)).sort((a, b) => res.metadata!.inContext.facts.indexOf(a.id) - res.metadata!.inContext.facts.indexOf(b.id)))}${prompt(q)}`);
  });

  it('with top-k retrieval, a question is answered exactly when retrieval found all its statements', async () => {
    const k1 = new InContextFacts(FACTS, 1);
    const single = questions.filter((q) => q.split === 'memorization' || q.split === 'rephrased');
    const found = single.filter((q) => k1.select(q.question)[0]!.id === q.facts[0]);
    // BM25 misses some: "What is the occupation of X?" shares only the name with "X works as a stonemason."
    expect(found.length).toBeGreaterThan(0);
    expect(found.length).toBeLessThan(single.length);
    const one = await accuracy(await inContext(1), [...single, ...questions.filter((q) => q.split === 'comparison')]);
    const split = (name: string) => found.filter((q) => q.split === name).length / single.filter((q) => q.split === name).length;
    expect(one.memorization).toBe(split('memorization'));
    expect(one.rephrased).toBe(split('rephrased'));
    // One statement cannot hold the two a comparison rests on.
    expect(one.comparison).toBe(0);
  });

  it("offline, the retrieval reference's accuracy is retrieval's hit rate under the emulators' rule (every statement the question needs among the k)", async () => {
    // As the suite builder writes it (lib/suites/tuned-providers.ts): k = 3, the retrieval identity.
    const retrieval = await loadApiProvider('file://providers/in-context.ts', {
      basePath: PROJECT_ROOT,
      options: {
        label: 'gemini-2.5-flash retrieval k=3',
        config: { domainFile: DOMAIN_FILE, k: 3, provider: { id: 'file://providers/gemini.ts', config: { model: 'gemini-2.5-flash' } }, identity: { role: 'retrieval', baseModel: 'gemini-2.5-flash', k: 3 } },
      },
    });
    expect(retrieval.id()).toBe('retrieval-k3:fictional-people:file://providers/gemini.ts');
    const measured = await accuracy(retrieval, QUESTIONS);
    const counted = countRetrievalHits(domain, new StatementRetrieval(FACTS), [3], 'every');
    if (!('splits' in counted)) throw new Error('fictional-people is a knowledge domain');
    const rates = Object.fromEntries(counted.splits.map((s) => [s.split, s.hits[0]! / s.n]));
    expect(Object.keys(measured).sort()).toEqual(['comparison', 'derived', 'memorization', 'rephrased']);
    for (const split of Object.keys(measured)) expect(measured[split], split).toBe(rates[split]);
    // Not trivially: BM25 misses some statements at k = 3, and finds most.
    expect(rates.rephrased).toBeGreaterThan(0.5);
    expect(rates.rephrased).toBeLessThan(1);
    // (A domain with abstain questions differs there: the emulated model declines them with or without the statement.)
    // The hit rate npm start prints (one of the question's facts) bounds it from above; equal on single-fact splits.
    const one = countRetrievalHits(domain, new StatementRetrieval(FACTS), [3]);
    if (!('splits' in one)) throw new Error('fictional-people is a knowledge domain');
    for (const s of one.splits) expect(s.hits[0]! / s.n, s.split).toBeGreaterThanOrEqual(rates[s.split]!);
    expect(one.splits.find((s) => s.split === 'rephrased')!.hits[0]! / 150).toBe(rates.rephrased);
  });

  it('a bad inner provider is each call\'s error; a bad own config fails at load', async () => {
    const broken = await loadApiProvider('file://providers/in-context.ts', {
      basePath: PROJECT_ROOT,
      options: { config: { domainFile: DOMAIN_FILE, provider: { id: 'file://providers/gemini.ts', config: {} } } },
    });
    const res = await broken.callApi('Q?', { vars: { question: 'Q?' } } as never);
    expect(res.error).toMatch(/^providers\/in-context\.ts: could not load the base model provider file:\/\/providers\/gemini\.ts: providers\/gemini\.ts: config\.model .* is required/);
    const load = (config: Record<string, unknown>) => loadApiProvider('file://providers/in-context.ts', { basePath: PROJECT_ROOT, options: { config } });
    await expect(load({ provider: 'openai:chat:gpt-4o-mini' })).rejects.toThrow(/config\.domainFile is required/);
    await expect(load({ domainFile: DOMAIN_FILE })).rejects.toThrow(/config\.provider is required: the base model to ask/);
    await expect(load({ domainFile: DOMAIN_FILE, k: 0, provider: 'openai:chat:gpt-4o-mini' })).rejects.toThrow(/config\.k must be a positive whole number/);
  });
});

describe('providers/in-context.ts around a Together base model (openai:chat with Together\'s base URL)', () => {
  let emu: TogetherEmulator;
  const MODEL = 'meta-llama/Meta-Llama-3.1-8B-Instruct-Reference';
  const questions = sample(3);

  beforeAll(async () => {
    emu = await startTogetherEmulator();
    vi.stubEnv('TOGETHER_API_KEY', 'emulator-key');
  });
  afterAll(async () => {
    vi.unstubAllEnvs();
    await emu.close();
  });

  it('scores ~1.0 on memorization and rephrased where the base model scores 0', async () => {
    const together = { id: `openai:chat:${MODEL}`, config: { apiBaseUrl: emu.url, apiKeyEnvar: 'TOGETHER_API_KEY', temperature: 0 } };
    const provider = await loadApiProvider('file://providers/in-context.ts', {
      basePath: PROJECT_ROOT,
      options: { label: `${MODEL} in-context`, config: { domainFile: DOMAIN_FILE, k: 6, provider: together } },
    });
    const base = await loadApiProvider(together.id, { options: { config: together.config } });
    const withFacts = await accuracy(provider, questions);
    const without = await accuracy(base, questions);
    expect(withFacts.memorization).toBe(1);
    expect(withFacts.rephrased).toBe(1);
    expect(without.memorization).toBe(0);
    expect(without.rephrased).toBe(0);
    expect(emu.state.requestCount(/chat\/completions/)).toBe(2 * questions.length);
  });
});
