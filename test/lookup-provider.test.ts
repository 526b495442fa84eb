import { describe, expect, it } from 'vitest';
import { loadApiProvider } from 'promptfoo';
import { LookupIndex, NO_MATCH_ANSWER } from '../lib/baselines/lookup.ts';
import { loadDomainFile } from '../lib/domain/load.ts';
import { domainQuestions } from '../lib/domain/questions.ts';
import { PROJECT_ROOT } from '../lib/foundation/project-root.ts';

const pairs = [
  { question: 'How many pounds does Ada Lune weigh?', answer: '140' },
  { question: 'How many pounds does Bo Quill weigh?', answer: '210' },
  { question: 'In which city does Ada Lune live?', answer: 'Lisbon' },
];

describe('LookupIndex (BM25 over trained questions)', () => {
  const index = new LookupIndex(pairs);

  it('answers a trained question with its trained answer', () => {
    for (const p of pairs) expect(index.answer(p.question).answer).toBe(p.answer);
  });

  it('answers a rephrased question with the most similar trained one', () => {
    const hit = index.answer('Where does Ada Lune live?');
    expect(hit).toMatchObject({ answer: 'Lisbon', how: 'bm25', matched: 'In which city does Ada Lune live?' });
  });

  it('says it does not know when no word matches', () => {
    expect(index.answer('Quantum chromodynamics?')).toMatchObject({ answer: NO_MATCH_ANSWER, how: 'no-match' });
  });

  it('picks among choices for closed questions, deterministically and near evenly', () => {
    const picks = Array.from({ length: 400 }, (_, i) => index.answer(`Is person ${i} over 150 pounds?`, ['Yes', 'No']).answer);
    expect(index.answer('Is person 7 over 150 pounds?', ['Yes', 'No']).answer).toBe(picks[7]);
    const yes = picks.filter((p) => p === 'Yes').length;
    expect(yes).toBeGreaterThan(150);
    expect(yes).toBeLessThan(250);
  });
});

describe('providers/lookup.ts as promptfoo loads it', () => {
  const domainFile = 'suites/domains/fictional-people.yaml';

  it('answers every trained question of a bundled domain correctly, through callApi', async () => {
    const provider = await loadApiProvider('file://providers/lookup.ts', {
      basePath: PROJECT_ROOT,
      options: { label: 'lookup', config: { domainFile } },
    });
    expect(provider.id()).toBe('lookup:fictional-people');
    const trained = domainQuestions(loadDomainFile(`${PROJECT_ROOT}/${domainFile}`).domain).filter((q) => q.trained);
    expect(trained.length).toBe(150);
    for (const q of trained) {
      const res = await provider.callApi(`prompt text ${q.question}`, { vars: { question: q.question }, prompt: { raw: '', label: '' } } as never);
      expect(res.output).toBe(q.answer);
    }
  });

  it('fails clearly without a domain file', async () => {
    await expect(loadApiProvider('file://providers/lookup.ts', { basePath: PROJECT_ROOT, options: { config: {} } })).rejects.toThrow(/config\.domainFile is required/);
  });
});
