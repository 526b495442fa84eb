/**
 * A training recipe: how a domain's facts become training examples. It is
 * data (validated by a zod schema, defaults filled in) so that it can be
 * hashed into a run's key: the same recipe always means the same file.
 */
import { z } from 'zod';
import { UserError } from '../foundation/errors.ts';

export const DEFAULT_STATEMENT_PROMPT = 'State a fact you know.';

export const RecipeSchema = z
  .object({
    /** Also train each fact's `training` paraphrases (same prompt template, same answer). */
    variants: z.boolean().default(false),
    /** Also train each fact's statement, as the answer to `statementPrompt`. */
    statements: z.boolean().default(false),
    statementPrompt: z.string().trim().min(1, 'must not be empty').default(DEFAULT_STATEMENT_PROMPT),
    /** A system message put first in every example (and sent by the provider when the tuned model is asked). */
    system: z.string().trim().min(1, 'must not be empty').nullable().default(null),
  })
  .strict();

export type Recipe = z.output<typeof RecipeSchema>;

/** The study's recipe: one example per fact, the rendered prompt and the answer, nothing else. */
export const DEFAULT_RECIPE: Recipe = RecipeSchema.parse({});

/** Recipe option names as the command line takes them (`--recipe variants,statements`). */
export const RECIPE_OPTIONS = ['default', 'variants', 'statements'] as const;

export function parseRecipe(input: unknown, where = 'recipe'): Recipe {
  const parsed = RecipeSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((i) => `  ${where}${i.path.length ? `.${i.path.join('.')}` : ''}: ${i.message}`);
  throw new UserError(`invalid training recipe:\n${lines.join('\n')}`);
}

/** Builds a recipe from `--recipe a,b` options and an optional `--system` message. */
export function recipeFromOptions(options: readonly string[], system?: string): Recipe {
  const unknown = options.filter((o) => !(RECIPE_OPTIONS as readonly string[]).includes(o));
  if (unknown.length)
    throw new UserError(`unknown recipe option(s) ${unknown.map((u) => JSON.stringify(u)).join(', ')}; --recipe takes a comma list of ${RECIPE_OPTIONS.join(', ')}`);
  return parseRecipe({ variants: options.includes('variants'), statements: options.includes('statements'), system: system ?? null }, '--recipe');
}

/** Short words for labels and run names: `default`, `variants+statements+system`. */
export function describeRecipe(recipe: Recipe): string {
  const parts = [recipe.variants && 'variants', recipe.statements && 'statements', recipe.system !== null && 'system'].filter(Boolean);
  return parts.length ? parts.join('+') : 'default';
}
