/**
 * medical-guidelines (kind update): 125 updates of clinical guidelines.
 * memorization asks the trained question (upstream medical_memorization),
 * with `previous` = the answer before the update; applied asks a clinical
 * vignette (upstream medical_generalization, same ids) with its own answer
 * and answer before the update. A statement is the row's
 * `updated_fact_description` ("Previously: …. Now: ….").
 */
import path from 'node:path';
import { UserError } from '../foundation/errors.ts';
import { FactIds } from './fact-ids.ts';
import { ID_PREFIX, SOURCE, type FactInput, type ImportedDomain } from './imported-domain.ts';
import { PromptTemplates, templateOf, withPrompt } from './prompt-templates.ts';
import { readCsv } from '../upstream/read-csv.ts';
import { UPSTREAM_FILES } from '../upstream/upstream-files.ts';

export function importMedicalGuidelines(dir: string): ImportedDomain {
  const f = UPSTREAM_FILES;
  const memo = readCsv(path.join(dir, f.medicalMemorization.path), f.medicalMemorization.columns);
  const gen = readCsv(path.join(dir, f.medicalGeneralization.path), f.medicalGeneralization.columns);
  const vignettes = new Map(gen.rows.map((r, i) => [r.id!, { r, i }]));
  const unmatched = new Set(vignettes.keys());
  const templates = new PromptTemplates();
  const ids = new FactIds();
  // The upstream prompt column is the question itself: the template is "{{question}}".
  const facts: FactInput[] = memo.rows.map((m, i) => {
    const trainedPrompt = templates.ref(templateOf(m.prompt!, m.prompt!, `${memo.file}: row ${i + 1}`), 'memorization');
    const v = vignettes.get(m.id!);
    unmatched.delete(m.id!);
    const probes = v
      ? [
          withPrompt(
            { split: 'applied' as const, question: v.r.prompt!, answer: v.r.answer!, previous: v.r.answer_before! },
            templates.ref(templateOf(v.r.prompt!, v.r.prompt!, `${gen.file}: row ${v.i + 1}`), 'applied'),
          ),
        ]
      : [];
    return withPrompt(
      {
        id: ids.next(`guideline-${m.id}`),
        statement: m.updated_fact_description!,
        question: m.prompt!,
        answer: m.answer!,
        previous: m.answer_before!,
        probes,
      },
      trainedPrompt,
    );
  });
  if (unmatched.size > 0)
    throw new UserError(`${gen.file}: id(s) ${[...unmatched].join(', ')} have no row in ${memo.file}; the two medical files share their ids`);
  const applied = facts.filter((x) => (x.probes ?? []).length > 0).length;
  return {
    domain: {
      id: `${ID_PREFIX}medical-guidelines`,
      title: 'FineTuneBench: medical guideline updates',
      kind: 'update',
      description:
        `${facts.length} updates of clinical guidelines, imported from FineTuneBench. memorization asks the trained question; ` +
        'applied asks a clinical vignette that needs the update. `previous` is the answer before the update: an output giving it is stale. ' +
        'Statements are the upstream description of each update.',
      source: SOURCE,
      prompt: templates.default,
      prompts: templates.named,
      facts,
    },
    notes: [`${facts.length} facts with memorization questions, ${applied} with an applied vignette`],
  };
}
