/**
 * Fine-tuning refuses a training file with fewer than MIN_EXAMPLES examples
 * (lib/training/validate-training-file.ts), and the study's recipe trains one
 * example per fact. A domain below that can still be evaluated, so building
 * its suite is no error; but a person should learn it when writing the domain,
 * not when a `finetune start` refuses it. `npm run suites` and `npm start`
 * print this one line for such a domain.
 */
import type { LoadedDomain } from '../domain/load.ts';
import { displayPath } from '../foundation/display-path.ts';
import { DEFAULT_RECIPE } from '../training/recipe.ts';
import { buildTrainingFile } from '../training/training-file.ts';
import { MIN_EXAMPLES } from '../training/validate-training-file.ts';

/** The warning for a domain the default recipe cannot fine-tune (too few facts to train), or null. */
export function fineTuningMinimumWarning({ domain, file }: LoadedDomain): string | null {
  if (domain.kind === 'control') return null; // never trained: its facts measure what tuning breaks
  const trained = buildTrainingFile(domain, DEFAULT_RECIPE).examples.length;
  if (trained >= MIN_EXAMPLES) return null;
  const facts = trained === domain.facts.length ? `${trained} fact${trained === 1 ? '' : 's'}` : `${trained} of its ${domain.facts.length} facts with a trained question`;
  return `${displayPath(file)}: domain "${domain.id}" has ${facts}; fine-tuning needs at least ${MIN_EXAMPLES}, so it can be evaluated but not fine-tuned (add facts, or train more examples per fact with --recipe variants)`;
}
