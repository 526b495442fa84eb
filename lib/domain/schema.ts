/**
 * The knowledge-domain format: one YAML file = one domain of facts to teach
 * and the questions that test whether they were learned.
 *
 * This zod schema is the truth; `suites/domains/domain.schema.json` is
 * exported from it (`npm run schema`) so editors validate domain files.
 */
import { z } from 'zod';
import { templateProblem } from './prompt-template.ts';
import { RESERVED_NAMES, RESERVED_NAMES_RULE } from './reserved-names.ts';

export const DOMAIN_KINDS = ['new', 'update', 'control'] as const;

/** Splits a probe may name. `memorization` (the trained question) and
 * `locality` (a control domain's questions) are implied by the fact itself. */
export const PROBE_SPLITS = ['rephrased', 'derived', 'comparison', 'applied', 'abstain'] as const;
export const ALL_SPLITS = ['memorization', 'locality', ...PROBE_SPLITS] as const;
export type Split = (typeof ALL_SPLITS)[number];

/** Ids name files (suites, reports) and appear in labels: short, plain, lowercase. */
export const MAX_ID_LENGTH = 100;

const slug = z
  .string({ error: 'must be text' })
  .max(MAX_ID_LENGTH, `must be at most ${MAX_ID_LENGTH} characters`)
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'must be lowercase letters, digits and dashes (e.g. "ada-height")')
  .refine((id) => !RESERVED_NAMES.has(id), { error: (issue) => `${JSON.stringify(issue.input)}: ${RESERVED_NAMES_RULE}` })
  // The refinement, as editors read it from domain.schema.json.
  .meta({ not: { enum: [...RESERVED_NAMES] } });

/**
 * Domain files are read as text (lib/domain/yaml-text.ts): every scalar is a
 * string as written (`0123` stays "0123"); only `null`, `~` or nothing reads
 * as null, which a text field refuses rather than guessing what was meant.
 */
const textError = (issue: { input: unknown }) =>
  issue.input === null ? 'has no value (empty, null or ~); write the text, in quotes if it is the word null' : 'must be text';

/** Leading and trailing whitespace of a question, answer or statement is dropped, in training and asking alike. */
const text = z.string({ error: textError }).trim().min(1, 'must not be empty');

/** A prompt template is kept verbatim: its leading and trailing whitespace is part of what a model is sent. */
const template = z.string({ error: textError }).refine((s) => s.trim() !== '', 'must not be empty');

/** An answer is text, compared as text. */
const answerText = text;

const acceptList = z.array(answerText, { error: 'must be a list of answers' }).default([]);

/** A prompt is either a template containing {{question}} or the name of one in `prompts`. */
const promptRef = template.describe(
  'A template containing {{question}}, or the name of a template declared under `prompts`.',
);

const probeSplit = z.enum(PROBE_SPLITS, {
  error: (issue) =>
    `unknown split ${JSON.stringify(issue.input)}; a probe's split is one of ${PROBE_SPLITS.join(', ')}`,
});

const probeCommon = {
  question: text.describe('Asked at evaluation only; never trained.'),
  answer: answerText.optional().describe("Expected answer; defaults to the fact's answer."),
  accept: acceptList.describe('Other answers that count as correct.'),
  choices: z
    .array(answerText)
    .min(2, 'must list at least two choices')
    .optional()
    .describe('For closed questions (Yes/No, A or B): every answer a model could pick.'),
  prompt: promptRef.optional(),
};

export const FactProbeSchema = z
  .object({
    split: probeSplit,
    ...probeCommon,
    previous: answerText
      .nullable()
      .optional()
      .describe("Update domains: the answer before the update for a probe with its own answer (otherwise the fact's previous applies)."),
    expect: z
      .enum(['answer', 'abstain'], { error: 'must be "answer" or "abstain"' })
      .optional()
      .describe('abstain: the right response is to decline (split abstain implies it).'),
  })
  .strict();

export const MultiFactProbeSchema = z
  .object({
    split: probeSplit,
    facts: z.array(slug, { error: 'must be a list of fact ids' }).min(1, 'must name at least one fact'),
    ...probeCommon,
    answer: answerText.describe('Expected answer (required: no single fact supplies it).'),
    note: z.string({ error: textError }).optional(),
  })
  .strict();

export const FactSchema = z
  .object({
    id: slug,
    statement: text.describe('The fact as a sentence (used for statement training and in-context prompts).'),
    question: text
      .optional()
      .describe(
        'Trained, then asked verbatim (split memorization; locality in a control domain). A fact may go without one when its trained question is unknown (e.g. an imported dataset whose training file is lost): it is then asked only through its probes.',
      ),
    answer: answerText,
    accept: acceptList,
    previous: answerText
      .nullable()
      .optional()
      .describe('Update domains: the answer before the update (a model still giving it is stale).'),
    training: z
      .array(text)
      .default([])
      .describe('Paraphrases of the question a recipe may also train on (never asked at evaluation).'),
    prompt: promptRef.optional(),
    probes: z.array(FactProbeSchema, { error: 'must be a list of probes' }).default([]),
  })
  .strict();

/** An answer and a choice are the same when they differ only in case and spacing. */
const sameText = (a: string, b: string) => a.trim().replace(/\s+/g, ' ').toLowerCase() === b.trim().replace(/\s+/g, ' ').toLowerCase();

export const DomainSchema = z
  .object({
    $schema: z.string().optional(),
    id: slug,
    title: text,
    kind: z.enum(DOMAIN_KINDS, {
      error: (issue) => `unknown kind ${JSON.stringify(issue.input)}; expected one of ${DOMAIN_KINDS.join(', ')}`,
    }),
    description: z.string({ error: textError }).optional(),
    source: z
      .object({ name: text, url: z.string({ error: textError }).optional(), license: z.string({ error: textError }).optional() })
      .strict()
      .optional(),
    prompt: template.describe('Default prompt template; must contain {{question}}. Kept verbatim.'),
    prompts: z
      .record(slug, template, { error: 'must map template names to templates' })
      .default({})
      .describe('Named templates that facts and probes can refer to by name.'),
    facts: z.array(FactSchema, { error: 'must be a list of facts' }).min(1, 'must hold at least one fact'),
    probes: z.array(MultiFactProbeSchema, { error: 'must be a list of probes' }).default([]),
  })
  .strict()
  .superRefine((domain, ctx) => {
    const templateError = (template: string, path: (string | number)[]) => {
      if (path.length > 1 && Object.hasOwn(domain.prompts, template)) return;
      const problem = templateProblem(template);
      if (problem === null) return;
      const names = Object.keys(domain.prompts);
      const named = path.length > 1 && !/\{\{|\{%|\{#/.test(template);
      ctx.addIssue({
        code: 'custom',
        path,
        message: problem + (named ? ` or name a template under prompts${names.length ? ` (${names.join(', ')})` : ''}` : ''),
      });
    };
    templateError(domain.prompt, ['prompt']);
    for (const [name, template] of Object.entries(domain.prompts)) {
      const problem = templateProblem(template);
      if (problem !== null) ctx.addIssue({ code: 'custom', path: ['prompts', name], message: problem });
    }
    // A previous answer equal to the answer is checked as the grader compares them (measurable.ts).
    const checkAnswer = (answer: string, choices: string[] | undefined, path: (string | number)[]) => {
      if (choices && !choices.some((c) => sameText(c, answer)))
        ctx.addIssue({ code: 'custom', path: [...path, 'answer'], message: `answer ${JSON.stringify(answer)} is not one of its choices (${choices.join(', ')}): the test could never pass` });
    };

    const seen = new Map<string, number>();
    domain.facts.forEach((fact, i) => {
      const first = seen.get(fact.id);
      if (first !== undefined)
        ctx.addIssue({ code: 'custom', path: ['facts', i, 'id'], message: `duplicate fact id "${fact.id}" (first used by facts[${first}])` });
      else seen.set(fact.id, i);
      if (fact.prompt) templateError(fact.prompt, ['facts', i, 'prompt']);
      if (domain.kind === 'update' && (fact.previous === undefined || fact.previous === null))
        ctx.addIssue({ code: 'custom', path: ['facts', i, 'previous'], message: 'an update domain needs the answer before the update' });
      if (fact.question === undefined && domain.kind === 'control')
        ctx.addIssue({ code: 'custom', path: ['facts', i, 'question'], message: 'a control domain asks every fact by its question' });
      else if (fact.question === undefined && fact.probes.length === 0)
        ctx.addIssue({ code: 'custom', path: ['facts', i, 'question'], message: 'a fact without a question needs at least one probe, or it asks nothing' });
      fact.probes.forEach((probe, j) => {
        if (probe.prompt) templateError(probe.prompt, ['facts', i, 'probes', j, 'prompt']);
        if (probe.split !== 'abstain' && probe.expect !== 'abstain')
          checkAnswer(probe.answer ?? fact.answer, probe.choices, ['facts', i, 'probes', j]);
        const abstains = probe.split === 'abstain' || probe.expect === 'abstain';
        if (probe.split === 'abstain' && probe.expect === 'answer')
          ctx.addIssue({ code: 'custom', path: ['facts', i, 'probes', j, 'expect'], message: 'an abstain probe expects abstain' });
        if (abstains && probe.answer !== undefined)
          ctx.addIssue({ code: 'custom', path: ['facts', i, 'probes', j, 'answer'], message: 'an abstain probe has no answer' });
        if (probe.previous !== undefined && probe.answer === undefined)
          ctx.addIssue({ code: 'custom', path: ['facts', i, 'probes', j, 'previous'], message: "a probe's previous goes with its own answer; without one, the fact's previous applies" });
      });
    });
    domain.probes.forEach((probe, i) => {
      if (probe.prompt) templateError(probe.prompt, ['probes', i, 'prompt']);
      if (probe.split !== 'abstain') checkAnswer(probe.answer, probe.choices, ['probes', i]);
      probe.facts.forEach((id, j) => {
        if (!seen.has(id))
          ctx.addIssue({ code: 'custom', path: ['probes', i, 'facts', j], message: `names fact "${id}", which this domain does not have` });
      });
    });
  });

export type Domain = z.output<typeof DomainSchema>;
export type Fact = Domain['facts'][number];
export type FactProbe = Fact['probes'][number];
export type MultiFactProbe = Domain['probes'][number];
