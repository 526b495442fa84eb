/**
 * Together AI's own settings, beside the common hyperparameters (Together's
 * POST /fine-tunes, as its OpenAPI description gives it). `trainingType`:
 * LoRA (Together's default) or full fine-tuning (`training_type`); every run
 * on Together carries it in its key, `lora` when not asked for, as it has
 * since the first Together run. `warmupRatio` (`warmup_ratio`): the share of
 * the steps at the start over which the learning rate rises linearly to its
 * value (Together's default 0); absent from the key unless asked for.
 */
import { z } from 'zod';
import { declareSettings, type RunOptionsOf } from './platform-settings.ts';

export const TRAINING_TYPES = ['lora', 'full'] as const;

export const TOGETHER_SETTINGS = declareSettings({
  platform: 'together',
  title: 'Together AI',
  run: {
    trainingType: {
      schema: z.enum(TRAINING_TYPES),
      name: 'training',
      flag: 'training-type',
      value: 'TYPE',
      description: 'LoRA or full fine-tuning',
      default: 'lora',
      nameWord: (type: string) => (type === 'full' ? 'full' : ''),
      labelWord: (type: string) => (type === 'full' ? 'full' : ''),
    },
    warmupRatio: {
      schema: z.number().min(0).max(1),
      name: 'warmup ratio',
      flag: 'warmup-ratio',
      value: 'X',
      description: 'share of the steps over which the learning rate warms up linearly',
      defaultText: "Together AI's, 0",
      nameWord: (ratio: number) => `warmup${ratio}`,
    },
  },
});

export type TogetherRunOptions = RunOptionsOf<typeof TOGETHER_SETTINGS>;
