/**
 * The provider labels that say what a provider is relative to a base model,
 * made and read in one place: the suite builder writes them, the report
 * groups providers by them (tuned vs base vs in-context, per base model).
 *
 *   `<base model> tuned <n> epochs[ <detail>]`   a fine-tuned run; the detail tells runs apart
 *                                                (`, seed 7` with a comma reads too; a model registered
 *                                                without its epochs is `<base model> tuned[ <detail>]`)
 *   `<tuned label> @ epoch <k>`                  one of that run's checkpoints (`@ step <s>` when its
 *                                                epoch is not known)
 *   `<base model> base`                          the untuned base model
 *   `<base model> in-context[ <detail>]`         the base model with the domain's facts in its prompt
 *
 * A base model name has no spaces (`gemini-2.5-flash`, `gpt-4o-mini-2024-07-18`,
 * `meta-llama/Meta-Llama-3.1-8B-Instruct-Reference`), so a label splits at its
 * first role word.
 */

export type ProviderRole = 'tuned' | 'base' | 'in-context';

export interface ProviderLabel {
  baseModel: string;
  role: ProviderRole;
  /** Tuned runs: the number of epochs. */
  epochs?: number;
  /** What else tells this provider apart (a run id, a recipe, `top-5`); '' when none. */
  detail: string;
  /** A checkpoint of the tuned run: the epoch it closes, or its step when the epoch is not known. */
  checkpoint?: { epoch: number } | { step: number };
}

function checkBaseModel(baseModel: string): string {
  const name = baseModel.trim();
  if (name === '' || /\s/.test(name)) throw new Error(`a base model name is one word without spaces, got ${JSON.stringify(baseModel)}`);
  return name;
}

const withDetail = (label: string, detail?: string): string => (detail?.trim() ? `${label} ${detail.trim()}` : label);

/** `gemini-2.5-flash tuned 3 epochs`, `gpt-4o-mini tuned 1 epoch run-7f3a`; null epochs (not known): `my-base tuned`. */
export function tunedLabel(baseModel: string, epochs: number | null, detail?: string): string {
  if (epochs === null) return detail?.trim() ? `${checkBaseModel(baseModel)} tuned, ${detail.trim()}` : `${checkBaseModel(baseModel)} tuned`;
  if (!Number.isInteger(epochs) || epochs < 1) throw new Error(`epochs must be a positive integer, got ${epochs}`);
  return withDetail(`${checkBaseModel(baseModel)} tuned ${epochs} ${epochs === 1 ? 'epoch' : 'epochs'}`, detail);
}

/** `gpt-4o-mini tuned 3 epochs @ epoch 1`, `… @ step 40`: a checkpoint of the run `tuned` labels. */
export function checkpointLabel(tuned: string, at: { epoch: number | null; step: number }): string {
  return at.epoch !== null ? `${tuned} @ epoch ${at.epoch}` : `${tuned} @ step ${at.step}`;
}

/** `gemini-2.5-flash base`. */
export function baseLabel(baseModel: string): string {
  return `${checkBaseModel(baseModel)} base`;
}

/** `gemini-2.5-flash in-context`, or with a detail such as `top-5`. */
export function inContextLabel(baseModel: string, detail?: string): string {
  return withDetail(`${checkBaseModel(baseModel)} in-context`, detail);
}

// Without epochs, a detail must follow a comma: `x tuned three epochs` is not a label of ours.
const TUNED = /^(\S+) tuned(?: (\d+) epochs?(?:,? (.+))?|(?:, (.+))?)$/;
const BASE = /^(\S+) base$/;
const IN_CONTEXT = /^(\S+) in-context(?: (.+))?$/;

/** Reads a label made by the functions above; null for any other label (lookup, a judge, …). */
const CHECKPOINT = / @ (epoch|step) (\d+)$/;

export function parseProviderLabel(label: string): ProviderLabel | null {
  let text = label.trim().replace(/\s+/g, ' ');
  const at = CHECKPOINT.exec(text);
  if (at) text = text.slice(0, at.index);
  let m = TUNED.exec(text);
  if (m) {
    const checkpoint = at ? (at[1] === 'epoch' ? { epoch: Number(at[2]) } : { step: Number(at[2]) }) : undefined;
    return { baseModel: m[1]!, role: 'tuned', ...(m[2] !== undefined && { epochs: Number(m[2]) }), detail: m[3] ?? m[4] ?? '', ...(checkpoint && { checkpoint }) };
  }
  if (at) return null;
  m = BASE.exec(text);
  if (m) return { baseModel: m[1]!, role: 'base', detail: '' };
  m = IN_CONTEXT.exec(text);
  if (m) return { baseModel: m[1]!, role: 'in-context', detail: m[2] ?? '' };
  return null;
}
