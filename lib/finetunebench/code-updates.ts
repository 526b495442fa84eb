/**
 * code-updates (kind update): invented renames of Scikit-Learn functions,
 * methods and classes. Only the upstream generalization file is published:
 * coding_memorization.csv is listed in the upstream tree but missing from
 * the repository, so the study's trained questions are unknown.
 *
 * Every upstream row becomes a fact with one applied probe (the upstream
 * question, `previous` = answer_before). Memorization questions are built
 * by one fixed rule, from the row's own data only, in the form the bundled
 * python-renames domain uses: "In the most updated version of <scope>, what
 * is the new name of `<old>`?" (scope = "Scikit-Learn" or "Scikit-Learn's
 * <Class>", as the upstream question says). Where that question has no
 * single answer (upstream gives one old name in one scope several new
 * names where its question names no class), the fact gets no
 * trained question and is asked through its applied probe only.
 * The statement restates the row: "In the most updated version of <scope>,
 * the <what it is> is named `<new>` (formerly `<old>`)."
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { UserError } from '../foundation/errors.ts';
import { FactIds } from './fact-ids.ts';
import { ID_PREFIX, SOURCE, type FactInput, type ImportedDomain } from './imported-domain.ts';
import { PromptTemplates, templateOf, withPrompt } from './prompt-templates.ts';
import { readCsv } from '../upstream/read-csv.ts';
import { UPSTREAM_FILES } from '../upstream/upstream-files.ts';

const UPSTREAM_QUESTION = /^What is the name of the (.+?) in the most updated version of (.+?)\?\s*$/;

export function importCodeUpdates(dir: string): ImportedDomain {
  const f = UPSTREAM_FILES;
  const gen = readCsv(path.join(dir, f.codingGeneralization.path), f.codingGeneralization.columns);
  const rows = gen.rows.map((r, i) => {
    const m = UPSTREAM_QUESTION.exec(r.prompt!);
    if (!m)
      throw new UserError(`${gen.file}: row ${i + 1} (id ${r.id}): expected a question "What is the name of the … in the most updated version of …?", found ${JSON.stringify(r.prompt)}`);
    return { r, i, subject: m[1]!, scope: m[2]! };
  });
  // One old name in one scope with several new names: a rename question about it has no single answer.
  const newNames = new Map<string, Set<string>>();
  for (const { r, scope } of rows) {
    const key = `${scope}\u0000${r.answer_before}`;
    newNames.set(key, (newNames.get(key) ?? new Set()).add(r.answer!));
  }
  const templates = new PromptTemplates();
  const ids = new FactIds();
  let ambiguous = 0;
  const facts: FactInput[] = rows.map(({ r, i, subject, scope }) => {
    const where = `${gen.file}: row ${i + 1}`;
    // The upstream prompt column is the question itself: its template is "{{question}}".
    const probe = withPrompt({ split: 'applied' as const, question: r.prompt! }, templates.ref(templateOf(r.prompt!, r.prompt!, where), 'applied'));
    const unique = newNames.get(`${scope}\u0000${r.answer_before}`)!.size === 1;
    if (!unique) ambiguous++;
    const fact: FactInput = {
      id: ids.next(`rename-${r.id}`),
      statement: `In the most updated version of ${scope}, the ${subject} is named \`${r.answer}\` (formerly \`${r.answer_before}\`).`,
      ...(unique ? { question: `In the most updated version of ${scope}, what is the new name of \`${r.answer_before}\`?` } : {}),
      answer: r.answer!,
      previous: r.answer_before!,
      probes: [probe],
    };
    return fact;
  });
  const missing = existsSync(path.join(dir, f.codingMemorization.path))
    ? `${f.codingMemorization.path} exists in this checkout but is not read: the published repository lacks it, so its format is unknown.`
    : `${f.codingMemorization.path} is missing from the published FineTuneBench repository (listed in its tree, absent from its files).`;
  const built =
    `Memorization questions are this project's, not the study's: "In the most updated version of <scope>, what is the new name of \`<old>\`?", ` +
    `built for ${facts.length - ambiguous} facts; ${ambiguous} facts share their old name and scope with a different new name, so they have no trained question and are asked only through their applied probe.`;
  return {
    domain: {
      id: `${ID_PREFIX}code-updates`,
      title: 'FineTuneBench: code updates (Scikit-Learn renames)',
      kind: 'update',
      description:
        `${facts.length} invented renames in Scikit-Learn, imported from FineTuneBench's generalization file: applied asks for the new name ` +
        `from a description of what it does; \`previous\` is the old name (an output giving it is stale). ${missing} ${built}`,
      source: SOURCE,
      prompt: templates.default,
      prompts: templates.named,
      facts,
    },
    notes: [`${facts.length} applied probes. ${missing}`, built],
  };
}
