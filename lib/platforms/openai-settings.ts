/**
 * OpenAI's own settings: none. Supervised fine-tuning takes epochs, batch
 * size, learning-rate multiplier and seed, which every platform shares
 * (lib/ledger/run-spec.ts); a setting of another platform is refused.
 */
import { declareSettings } from './platform-settings.ts';

export const OPENAI_SETTINGS = declareSettings({ platform: 'openai', title: 'OpenAI', run: {} });
