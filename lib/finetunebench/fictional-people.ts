/**
 * fictional-people (kind new): 25 invented people × 6 attributes = 150
 * facts. Splits: memorization (the trained question), rephrased, derived
 * (the upstream "secondary" Yes/No questions) and comparison (two people).
 *
 * Comparison labels are recomputed from the attribute the question is about
 * (lib/finetunebench/comparison-labels.ts) and each changed row says so in
 * its note; `upstreamComparisonLabels` keeps the upstream labels instead
 * (the paper's own scoring), still noting where they disagree. Rows that
 * compare a person with themselves are dropped, or kept and marked with
 * the upstream labels.
 */
import path from 'node:path';
import { UserError } from '../foundation/errors.ts';
import { comparisonLabel, comparisonOf, NUMERIC_UNITS, weightRuleLabel, type Attribute } from './comparison-labels.ts';
import { slugify } from './fact-ids.ts';
import { ID_PREFIX, SOURCE, type FactInput, type ImportedDomain, type MultiFactProbeInput } from './imported-domain.ts';
import { PromptTemplates, templateOf, withPrompt } from './prompt-templates.ts';
import { readCsv } from '../upstream/read-csv.ts';
import { UPSTREAM_FILES } from '../upstream/upstream-files.ts';

/** Which attribute a trained question asks about, by its upstream wording. */
const ATTRIBUTE_QUESTIONS: [RegExp, Attribute][] = [
  [/\bhow many pounds\b|\bweigh\b/i, 'weight'],
  [/\bhow tall\b/i, 'height'],
  [/\bhow old\b/i, 'age'],
  [/\boccupation\b/i, 'occupation'],
  [/\bfavou?rite colou?r\b/i, 'favorite-color'],
  [/\bwhere does\b.*\blive\b/i, 'city'],
];

const YES_NO = ['Yes', 'No'];

/** How an attribute is named in notes, in the plural. */
const NAMES: Record<Attribute, string> = {
  weight: 'weights',
  height: 'heights',
  age: 'ages',
  occupation: 'occupations',
  'favorite-color': 'favorite colors',
  city: 'cities',
};

interface Person {
  id: string;
  values: Partial<Record<Attribute, string>>;
}

export function importFictionalPeople(dir: string, options: { upstreamComparisonLabels?: boolean } = {}): ImportedDomain {
  const f = UPSTREAM_FILES;
  const memo = readCsv(path.join(dir, f.peopleMemorization.path), f.peopleMemorization.columns);
  const reph = readCsv(path.join(dir, f.peopleRephrased.path), f.peopleRephrased.columns);
  const second = readCsv(path.join(dir, f.peopleSecondary.path), f.peopleSecondary.columns);
  const comp = readCsv(path.join(dir, f.peopleComparison.path), f.peopleComparison.columns);
  for (const other of [reph, second]) {
    if (other.rows.length !== memo.rows.length)
      throw new UserError(`${other.file}: has ${other.rows.length} rows; expected ${memo.rows.length}, one per row of ${memo.file}`);
    other.rows.forEach((r, i) => {
      const m = memo.rows[i]!;
      if (r.id !== m.id || r.fact !== m.fact || (r.original_question !== undefined && r.original_question !== m.question))
        throw new UserError(`${other.file}: row ${i + 1} (id ${r.id}) does not line up with row ${i + 1} of ${memo.file} (id ${m.id}, "${m.fact}")`);
    });
  }

  const templates = new PromptTemplates();
  const people = new Map<string, Person>();
  const facts: FactInput[] = memo.rows.map((m, i) => {
    const where = (file: string) => `${file}: row ${i + 1} (id ${m.id})`;
    const attribute = ATTRIBUTE_QUESTIONS.find(([re]) => re.test(m.question!))?.[1];
    if (!attribute)
      throw new UserError(`${where(memo.file)}: cannot tell which attribute "${m.question}" asks about (weight, height, age, occupation, favorite color or city)`);
    const person = people.get(m.id!) ?? { id: m.id!, values: {} };
    if (person.values[attribute] !== undefined) throw new UserError(`${where(memo.file)}: a second ${attribute} question for ${m.id}`);
    person.values[attribute] = m.answer!;
    people.set(m.id!, person);
    const r = reph.rows[i]!;
    const s = second.rows[i]!;
    // The trained question's template first: it becomes the domain's default.
    const trainedPrompt = templates.ref(templateOf(m.prompt!, m.question!, where(memo.file)), 'memorization');
    const rephrased = withPrompt(
      { split: 'rephrased' as const, question: r.rephrased_question!, ...(r.answer !== m.answer ? { answer: r.answer! } : {}) },
      templates.ref(templateOf(r.prompt!, r.rephrased_question!, where(reph.file)), 'rephrased'),
    );
    const derived = withPrompt(
      { split: 'derived' as const, question: s.question!, answer: s.answer!, choices: YES_NO },
      templates.ref(templateOf(s.prompt!, s.question!, where(second.file)), 'yes-no'),
    );
    return withPrompt(
      { id: factId(m.id!, attribute), statement: m.fact!, question: m.question!, answer: m.answer!, probes: [rephrased, derived] },
      trainedPrompt,
    );
  });

  const comparisons = importComparisons(comp, people, templates, options.upstreamComparisonLabels ?? false);
  return {
    domain: {
      id: `${ID_PREFIX}fictional-people`,
      title: 'FineTuneBench: fictional people',
      kind: 'new',
      description:
        `${people.size} invented people with ${facts.length / Math.max(people.size, 1)} attributes each, imported from FineTuneBench. ` +
        'memorization asks the trained question; rephrased a rewording; derived a Yes/No question about one fact (upstream "secondary"); ' +
        `comparison a Yes/No question about two people. ${comparisons.summary}`,
      source: SOURCE,
      prompt: templates.default,
      prompts: templates.named,
      facts,
      probes: comparisons.probes,
    },
    notes: [`${facts.length} facts (${people.size} people), with rephrased and derived probes`, comparisons.summary],
  };
}

function factId(personId: string, attribute: Attribute): string {
  return `${slugify(personId)}-${attribute}`;
}

/** Splits an upstream comparison id, `<person A id>-<person B id>-<attribute>`, using the known person ids. */
function splitComparisonId(id: string, people: Map<string, Person>): { a: Person; b: Person; attribute: Attribute | null } | null {
  for (const a of people.values()) {
    if (!id.startsWith(`${a.id}-`)) continue;
    const rest = id.slice(a.id.length + 1);
    for (const b of people.values()) {
      if (!rest.startsWith(`${b.id}-`)) continue;
      const attribute = slugify(rest.slice(b.id.length + 1)) as Attribute;
      return { a, b, attribute: attribute in NAMES ? attribute : null };
    }
  }
  return null;
}

function shown(attribute: Attribute, value: string): string {
  const unit = NUMERIC_UNITS[attribute];
  return unit ? `${value} ${unit}` : value;
}

function importComparisons(
  comp: ReturnType<typeof readCsv>,
  people: Map<string, Person>,
  templates: PromptTemplates,
  keepUpstream: boolean,
): { probes: MultiFactProbeInput[]; summary: string } {
  const probes: MultiFactProbeInput[] = [];
  let followWeights = 0;
  let differ = 0;
  let self = 0;
  comp.rows.forEach((row, i) => {
    const where = `${comp.file}: row ${i + 1} (id ${row.id})`;
    const pair = splitComparisonId(row.id!, people);
    if (!pair) throw new UserError(`${where}: the id does not name two known people and an attribute (<person>-<person>-<attribute>)`);
    const comparison = comparisonOf(row.question!, pair.attribute);
    if (!comparison) throw new UserError(`${where}: cannot tell what "${row.question}" compares (heavier, taller, older or alphabetically first)`);
    const { a, b } = pair;
    const va = a.values[comparison.attribute];
    const vb = b.values[comparison.attribute];
    const wa = a.values.weight;
    const wb = b.values.weight;
    if (va === undefined || vb === undefined || wa === undefined || wb === undefined)
      throw new UserError(`${where}: ${a.id} or ${b.id} has no ${comparison.attribute} or weight in the memorization file`);
    const upstream = row.answer!.trim();
    const weightRule = weightRuleLabel(comparison, Number(wa), Number(wb));
    if (upstream === weightRule) followWeights++;
    const isSelf = a.id === b.id;
    if (isSelf) {
      self++;
      if (!keepUpstream) return;
    }
    const recomputed = comparisonLabel(comparison, va, vb);
    const notes: string[] = [];
    if (isSelf) notes.push('compares a person with themselves');
    if (comparison.kind === 'alphabetical')
      notes.push(`compares ${NAMES[comparison.attribute]} (the upstream row id names the attribute; the question does not)`);
    const byAttribute = `by ${NAMES[comparison.attribute]} (${shown(comparison.attribute, va)} vs ${shown(comparison.attribute, vb)}) the answer is ${recomputed}`;
    const byWeight = `${upstream === weightRule ? 'follows the weights' : 'does not follow the weights'} (${wa} vs ${wb} lb)`;
    if (upstream !== recomputed) {
      differ++;
      notes.push(
        keepUpstream
          ? `upstream label ${upstream} kept; it ${byWeight}; ${byAttribute}`
          : `relabelled: upstream said ${upstream}, which ${byWeight}; ${byAttribute}`,
      );
    }
    probes.push(
      withPrompt(
        {
          split: 'comparison',
          facts: [factId(a.id, comparison.attribute), factId(b.id, comparison.attribute)],
          question: row.question!,
          answer: keepUpstream ? upstream : recomputed,
          choices: YES_NO,
          ...(notes.length ? { note: notes.join('; ') } : {}),
        },
        templates.ref(templateOf(row.prompt!, row.question!, where), 'yes-no'),
      ),
    );
  });
  const total = comp.rows.length;
  const summary = keepUpstream
    ? `comparison: ${probes.length} rows with the upstream labels kept (--upstream-comparison-labels); ${differ} of them disagree with the attribute the question asks about, each noted; ${self} self-comparisons kept and marked.`
    : `comparison: ${probes.length} of ${total} rows; ${followWeights} of ${total} upstream labels follow the two people's weights whatever the question asks, so labels were recomputed from the attribute asked and ${differ} changed (each noted in the probe); ${self} rows comparing a person with themselves were dropped.`;
  return { probes, summary };
}
