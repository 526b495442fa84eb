/**
 * A platform's dated notice about fine-tuning on it, which `finetune plan`
 * and `start` print while it is in force. It is made from the dates in
 * lib/models/prices.json, the same data the dates of docs/fine-tuning.md come from (a test
 * keeps them equal): for OpenAI, organisations that never fine-tuned cannot
 * start jobs since `training.closedForNewOrganizations`, no organisation can
 * after `training.closedForAll`, and models already tuned answer until their
 * base model `retires`. In force from the first closing date until the last
 * of the platform's base models retires (after that, `plan` says the model
 * retired). Chosen by the date it is given, so a test can move the clock.
 */
import { priceFile } from './prices.ts';

/** How the notice names a platform. */
const PLATFORM_NAMES: Record<string, string> = { openai: 'OpenAI', vertex: 'Vertex AI', together: 'Together AI' };

/** `a, b on 2027-01-14; c retired on 2026-10-23`: the platform's base models by retirement date. */
function retirements(models: Record<string, { retires?: string }>, today: string): string {
  const byDate = new Map<string, string[]>();
  for (const [snapshot, entry] of Object.entries(models)) if (entry.retires) byDate.set(entry.retires, [...(byDate.get(entry.retires) ?? []), snapshot]);
  return [...byDate]
    .sort(([a], [b]) => (a < b ? 1 : -1))
    .map(([date, snapshots]) => `${snapshots.join(', ')} ${date <= today ? 'retired' : 'retire'} on ${date}`)
    .join('; ');
}

/** The notice in force on `today` (YYYY-MM-DD) for `platform`, or undefined. */
export function platformNotice(platform: string, today: string): string | undefined {
  const entry = priceFile().platforms[platform];
  const closedNew = entry?.training?.closedForNewOrganizations;
  const closedAll = entry?.training?.closedForAll;
  const from = closedNew ?? closedAll;
  if (!entry || !from || today < from) return undefined;
  const lastRetirement = Object.values(entry.models)
    .map((m) => m.retires)
    .filter((d): d is string => d !== undefined)
    .sort()
    .at(-1);
  if (lastRetirement && today >= lastRetirement) return undefined;
  const name = PLATFORM_NAMES[platform] ?? platform;
  const starting =
    closedAll && today > closedAll
      ? `no organisation can start a new fine-tuning job on ${name} after ${closedAll} (start fails with 403 training_not_available)`
      : `${name} is winding down self-serve fine-tuning: organisations that never fine-tuned cannot start jobs since ${from}${closedAll ? `, and no organisation can start a new job after ${closedAll}` : ''} (job creation then fails with 403 training_not_available)`;
  const retiring = retirements(entry.models, today);
  return `${name} notice (lib/models/prices.json): ${starting}. Models already tuned answer until their base model retires${retiring ? `: ${retiring}` : ''}.`;
}
