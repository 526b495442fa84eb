/**
 * The `endpoint` platform's own settings: none. It trains nothing (a model
 * tuned elsewhere is registered with `npm run finetune -- register`), so a
 * training setting of any platform is refused.
 */
import { declareSettings } from './platform-settings.ts';

export const ENDPOINT_SETTINGS = declareSettings({ platform: 'endpoint', title: 'a registered endpoint', run: {} });
