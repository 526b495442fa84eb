// Where Together AI's published OpenAPI description contradicts itself and
// the service; the emulator is checked against the description with these
// removed (emulators/shared/openapi-validator.ts refuses one that no longer applies).
import type { SpecCorrection } from '../shared/openapi-validator.ts';

export const TOGETHER_SPEC_CORRECTIONS: readonly SpecCorrection[] = [
  {
    at: '/components/schemas/FinetuneResponse/properties/id',
    remove: ['format'],
    why: "A job id is `ft-` and a UUID, not a bare UUID: the description's own example (`ft-01234567890123456789`), its code samples (`ft-id`) and Together's clients (\"a string that starts with ft-\").",
  },
  {
    at: '/components/schemas/TrainingMethodSFT/properties/train_on_inputs',
    remove: ['type'],
    why: '`type: boolean` beside `oneOf: [boolean, "auto"]` refuses "auto", the default the same schema declares; the together-ai SDK (generated from the description) types it `boolean | \'auto\'`.',
  },
];
