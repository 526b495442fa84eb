import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDomains } from '../lib/domain/load.ts';
import { domainQuestions } from '../lib/domain/questions.ts';
import { renderDomainYaml } from '../lib/generators/domain-yaml.ts';
import { generateFictionalPeople } from '../lib/generators/fictional-people.ts';
import { generateGeneralKnowledgeControl } from '../lib/generators/general-knowledge-control.ts';
import { generatePythonRenames } from '../lib/generators/python-renames.ts';
import { DOMAINS_DIR } from '../lib/suites/write-suites.ts';
import { copyBundledDomains } from './helpers/bundled-domains.ts';

const byId = new Map(loadDomains(copyBundledDomains()).map((l) => [l.domain.id, l.domain]));
const splitCounts = (id: string) => {
  const counts: Record<string, number> = {};
  for (const q of domainQuestions(byId.get(id)!)) counts[q.split] = (counts[q.split] ?? 0) + 1;
  return counts;
};

describe('bundled domains', () => {
  it('are exactly what their seeded generators write (run `npm run domains:generate` when this fails)', () => {
    for (const domain of [generateFictionalPeople(), generatePythonRenames(), generateGeneralKnowledgeControl()]) {
      const committed = readFileSync(path.join(DOMAINS_DIR, `${domain.id}.yaml`), 'utf8');
      expect(committed).toBe(renderDomainYaml(domain, 'npm run domains:generate (scripts/generate-domains.ts)'));
    }
  });

  it('fictional-people: 25 people × 6 attributes, four splits', () => {
    const d = byId.get('fictional-people')!;
    expect(d.kind).toBe('new');
    expect(d.facts).toHaveLength(150);
    const people = new Set(d.facts.map((f) => f.id.replace(/-[a-z]+$/, '')));
    expect(people.size).toBe(25);
    expect(Object.keys(splitCounts('fictional-people')).sort()).toEqual(['comparison', 'derived', 'memorization', 'rephrased']);
    const rephrasings = new Set(d.facts.filter((f) => f.id.endsWith('-weight')).map((f) => f.probes[0]!.question.replace(/[A-Z][a-z]+ [A-Z][a-z]+/, 'X')));
    expect(rephrasings.size).toBeGreaterThan(1); // several templates
  });

  it('fictional-people: comparison labels follow the attribute the question names, never a person against themselves', () => {
    const d = byId.get('fictional-people')!;
    const value = (factId: string) => Number(/(\d+)/.exec(d.facts.find((f) => f.id === factId)!.statement)![1]);
    const attrs = new Set<string>();
    for (const p of d.probes) {
      const [a, b] = p.facts as [string, string];
      expect(a.replace(/-[a-z]+$/, '')).not.toBe(b.replace(/-[a-z]+$/, ''));
      const attr = a.split('-').pop()!;
      attrs.add(attr);
      expect(b.endsWith(`-${attr}`)).toBe(true);
      const word = { weight: 'weigh more', height: 'taller', age: 'older' }[attr]!;
      expect(p.question).toContain(word);
      expect(p.answer).toBe(value(a) > value(b) ? 'Yes' : 'No');
    }
    expect([...attrs].sort()).toEqual(['age', 'height', 'weight']);
  });

  it('fictional-people: derived Yes/No labels agree with the fact', () => {
    const d = byId.get('fictional-people')!;
    for (const f of d.facts.filter((f) => /-(weight|height|age)$/.test(f.id))) {
      const derived = f.probes.find((p) => p.split === 'derived')!;
      const threshold = Number(/than (\d+)/.exec(derived.question)![1]);
      expect(derived.answer).toBe(Number(f.answer) > threshold ? 'Yes' : 'No');
    }
    const yes = d.facts.flatMap((f) => f.probes).filter((p) => p.split === 'derived' && p.answer === 'Yes').length;
    expect(yes).toBeGreaterThan(50);
    expect(yes).toBeLessThan(100);
  });

  it('python-renames: an update domain with the old name as previous answer', () => {
    const d = byId.get('python-renames')!;
    expect(d.kind).toBe('update');
    for (const f of d.facts) {
      expect(f.previous).toBeTruthy();
      expect(f.statement).toContain(f.previous!);
      for (const p of f.probes) expect(p.question).not.toContain(f.previous!); // applied probes never name the old function
    }
    expect(Object.keys(splitCounts('python-renames')).sort()).toEqual(['applied', 'memorization']);
  });

  it('general-knowledge-control: about 50 locality questions, never trained', () => {
    const d = byId.get('general-knowledge-control')!;
    expect(d.kind).toBe('control');
    expect(d.id).toContain('control');
    expect(splitCounts('general-knowledge-control')).toEqual({ locality: 50 });
    expect(domainQuestions(d).some((q) => q.trained)).toBe(false);
  });
});
