/**
 * latest-news (kind new): questions about AP news of September 2024.
 * Memorization asks the trained question; rephrased asks a rewording;
 * abstain asks the same question moved to 2025, whose upstream answer is
 * "None" (the model cannot know it). By default only the 50 rows the study
 * analysed (`used_in_analysis`); `all` takes every row. The article text is
 * not copied: a fact's statement is the row's `fact` sentence.
 */
import path from 'node:path';
import { UserError } from '../foundation/errors.ts';
import { FactIds } from './fact-ids.ts';
import { ID_PREFIX, isTrue, SOURCE, type FactInput, type FactProbeInput, type ImportedDomain } from './imported-domain.ts';
import { PromptTemplates, templateOf, withPrompt } from './prompt-templates.ts';
import { readCsv } from '../upstream/read-csv.ts';
import { UPSTREAM_FILES } from '../upstream/upstream-files.ts';

export function importLatestNews(dir: string, options: { all?: boolean } = {}): ImportedDomain {
  const f = UPSTREAM_FILES;
  const memo = readCsv(path.join(dir, f.newsMemorization.path), f.newsMemorization.columns);
  const reph = readCsv(path.join(dir, f.newsRephrased.path), f.newsRephrased.columns);
  const date = readCsv(path.join(dir, f.newsDateChanged.path), f.newsDateChanged.columns);
  for (const other of [reph, date]) {
    if (other.rows.length !== memo.rows.length)
      throw new UserError(`${other.file}: has ${other.rows.length} rows; expected ${memo.rows.length}, one per row of ${memo.file}`);
    other.rows.forEach((r, i) => {
      const m = memo.rows[i]!;
      if (r.id !== m.id || r.original_question !== m.question)
        throw new UserError(`${other.file}: row ${i + 1} (id ${r.id}) does not line up with row ${i + 1} of ${memo.file} (id ${m.id}); the three latest_news files must list the same questions in the same order`);
    });
  }

  const templates = new PromptTemplates();
  const ids = new FactIds();
  const facts: FactInput[] = [];
  const unchangedDates: string[] = [];
  memo.rows.forEach((m, i) => {
    if (!options.all && !isTrue(m.used_in_analysis!)) return;
    const r = reph.rows[i]!;
    const d = date.rows[i]!;
    const where = (file: string) => `${file}: row ${i + 1} (id ${m.id})`;
    // The trained question's template first: it becomes the domain's default.
    const fact: FactInput = withPrompt(
      { id: ids.next(m.id!), statement: m.fact!, question: m.question!, answer: m.answer! },
      templates.ref(templateOf(m.prompt!, m.question!, where(memo.file)), 'memorization'),
    );
    const probes: FactProbeInput[] = [
      withPrompt(
        { split: 'rephrased', question: r.rephrased_question! },
        templates.ref(templateOf(r.prompt!, r.rephrased_question!, where(reph.file)), 'rephrased'),
      ),
    ];
    if (d.date_changed_question!.trim() === m.question!.trim()) unchangedDates.push(m.id!);
    else if (d.answer!.trim() !== 'None')
      throw new UserError(`${where(date.file)}: answer is ${JSON.stringify(d.answer)}; a date-changed question expects "None"`);
    else
      probes.push(
        withPrompt(
          { split: 'abstain', question: d.date_changed_question! },
          templates.ref(templateOf(d.prompt!, d.date_changed_question!, where(date.file)), 'date-changed'),
        ),
      );
    facts.push({ ...fact, probes });
  });

  const scope = `${facts.length} of ${memo.rows.length} rows: ${options.all ? 'all of them (--all)' : 'those the study analysed, used_in_analysis = True'}`;
  const notes = [`${facts.length} facts (${scope}); the article text is not copied`];
  if (unchangedDates.length)
    notes.push(`${unchangedDates.length} date-changed question(s) equal the trained question (no date was changed), so no abstain probe: ${unchangedDates.join(', ')}`);
  return {
    domain: {
      id: `${ID_PREFIX}latest-news`,
      title: 'FineTuneBench: latest news',
      kind: 'new',
      description:
        `Questions about Associated Press news of September 2024, imported from FineTuneBench (${scope}). ` +
        'memorization asks the trained question; rephrased a rewording of it; abstain the same question moved to 2025, ' +
        'whose expected answer is None (a model cannot know it). Statements are the article sentence holding the answer; ' +
        'the articles themselves are not copied.' +
        (unchangedDates.length ? ` ${notes[1]}.` : ''),
      source: SOURCE,
      prompt: templates.default,
      prompts: templates.named,
      facts,
    },
    notes,
  };
}
