/**
 * The labels people read for the providers the suite builder writes (the
 * viewer's column headers, the report's rows). Display text only: nothing
 * reads a label back; what a provider is travels as its identity
 * (lib/ledger/provider-identity.ts).
 *
 *   `<base model> tuned <n> epochs[, <detail>]`   a fine-tuned run; the detail tells runs apart
 *                                                 (a model registered without its epochs is `<base model> tuned[, <detail>]`)
 *   `<tuned label> @ epoch <k>`                   one of that run's checkpoints (`@ step <s>` when its epoch is not known)
 *   `<base model> base`                           the untuned base model
 *   `<base model> in-context[ <detail>]`          the base model with the domain's facts in its prompt
 *   `<base model> retrieval k=<k>`                the base model with the k statements retrieved for the question
 *   `<tuned label> + retrieval k=<k>`             a tuned run's model with the same
 */

function checkBaseModel(baseModel: string): string {
  const name = baseModel.trim();
  if (name === '') throw new Error(`a label needs a base model name, got ${JSON.stringify(baseModel)}`);
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

/** `gpt-4o-mini retrieval k=3`: the base model given the k statements retrieval finds for the question. */
export function retrievalLabel(baseModel: string, k: number): string {
  return `${checkBaseModel(baseModel)} retrieval ${retrievalK(k)}`;
}

/** `gpt-4o-mini tuned 3 epochs + retrieval k=3`: the model `label` names, given the same. */
export function withRetrievalLabel(label: string, k: number): string {
  return `${label} + retrieval ${retrievalK(k)}`;
}

function retrievalK(k: number): string {
  if (!Number.isInteger(k) || k < 1) throw new Error(`k must be a positive integer, got ${k}`);
  return `k=${k}`;
}
