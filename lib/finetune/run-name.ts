/**
 * A run's readable name: `fictional-people.gpt-4o-mini.e3`, plus what
 * differs from the defaults; a platform's own settings add the words their
 * declaration gives (`a4` for Vertex AI's adapter size 4, `full` for
 * Together AI's full fine-tuning), in the order it declares them.
 */
import { DEFAULT_SEED, type RunSpec } from '../ledger/run-spec.ts';
import { settingNameWord } from '../platforms/platform-settings.ts';
import { orderSettingKeys, platformSettings } from '../platforms/registry.ts';
import { describeRecipe } from '../training/recipe.ts';

export function runName(spec: RunSpec): string {
  const h = spec.hyperparameters;
  const parts = [spec.domain.id, spec.baseModel];
  if (h.epochs !== null) parts.push(`e${h.epochs}`);
  if (h.batchSize !== 'auto') parts.push(`bs${h.batchSize}`);
  if (h.learningRateMultiplier !== 'auto') parts.push(`lr${h.learningRateMultiplier}`);
  const options = spec.platformOptions ?? {};
  // In the order the platform declares its settings; one no declaration knows (a hand-edited record) after them.
  for (const key of orderSettingKeys(Object.keys(options))) {
    const setting = platformSettings(spec.platform)?.run[key];
    const word = setting ? settingNameWord(key, setting, options[key]!) : `${key}${options[key]}`;
    if (word) parts.push(word);
  }
  if (spec.seed !== DEFAULT_SEED) parts.push(`seed${spec.seed}`);
  const recipe = describeRecipe(spec.recipe);
  if (recipe !== 'default') parts.push(recipe);
  if (spec.augmentation) parts.push(`aug-${spec.augmentation.sha256.slice(0, 6)}`);
  if (spec.platform !== 'openai') parts.unshift(spec.platform);
  return parts.join('.');
}
