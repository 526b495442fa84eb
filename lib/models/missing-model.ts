/**
 * What to say when an endpoint answers 404 for a run's tuned model (or one of
 * its checkpoints): the run, the base URL asked, and the causes most likely
 * first. When an emulator answered, the likeliest is that it was restarted
 * without the state folder it kept the run's model in; then that the base
 * URL is not the server that trained the run (another emulator, or the real
 * API for a run trained on an emulator, or the reverse); then that the model
 * was retired. A retirement whose date has passed comes first.
 */
import { findBaseModel } from './prices.ts';

/** Platforms that have an emulator (npm run emulator -- <platform>) and train the runs they serve. */
const EMULATED_PLATFORMS = ['openai', 'vertex', 'together'];

export interface MissingRunModel {
  /** The run's name, and the checkpoint asked if it was one. */
  run: string;
  checkpoint?: string;
  /** The platform that trained it (names the emulator to restart) and its base model (its retirement date). */
  platform: string;
  baseModel: string;
  /** The model id or endpoint that was asked. */
  model: string;
  /** Where it was asked. */
  baseUrl: string;
  /** The variable the base URL came from, when one did. */
  baseUrlEnv?: string;
  /** True when one of the project's emulators answered the 404 (or, where the answer cannot tell, the base URL is on this machine). */
  emulator: boolean;
  /** YYYY-MM-DD: decides whether a retirement date has passed. */
  today: string;
}

/** True for a base URL on this machine (where the emulators listen). */
export function isLoopbackUrl(url: string): boolean {
  try {
    return ['127.0.0.1', 'localhost', '[::1]'].includes(new URL(url).hostname);
  } catch {
    return false;
  }
}

/** `run x` or `checkpoint c of run x`. */
export function whatWasAsked(m: Pick<MissingRunModel, 'run' | 'checkpoint'>): string {
  return m.checkpoint ? `checkpoint ${m.checkpoint} of run ${m.run}` : `run ${m.run}`;
}

/** `Most likely first: (1) …; (2) …; (3) ….`: one clause per cause. */
export function missingRunModelCauses(m: MissingRunModel): string {
  const what = whatWasAsked(m);
  const where = m.baseUrlEnv ? `${m.baseUrlEnv}=${m.baseUrl}` : m.baseUrl;
  const info = findBaseModel(m.platform, m.baseModel);
  const retired = info?.retires !== undefined && info.retires <= m.today;
  const emulated = EMULATED_PLATFORMS.includes(m.platform);
  const restarted = `the emulator at ${m.baseUrl} was restarted without its state: an emulator forgets the models it tuned unless it is started again with the folder it kept them in (${emulated ? `npm run emulator -- ${m.platform} --state DIR` : '--state DIR'}, the same DIR as before); with that folder the run's model answers again${emulated ? ', without it start the run again with --force' : ''}`;
  // A registered run (platform endpoint) records its own base URL: the server there is the run's.
  const otherServer = emulated
    ? `${where} is not the server that trained ${what}: an emulator on another port or with another state folder, or the real API for a run trained on an emulator (or the reverse); point ${m.baseUrlEnv ?? 'the base URL'} at the server the run was trained on`
    : `the server registered for ${what} (${m.baseUrl}) no longer serves ${m.model} under that name: check the models it serves, and register the run again if the name or the server changed`;
  const retirement = info?.retires
    ? `${info.snapshot} and the models tuned from it ${retired ? 'retired' : 'retire'} on ${info.retires}${retired ? '' : ' (or the account cannot see the model)'}`
    : `the model was retired or deleted${info?.retirementNote ? ` (${info.snapshot}: ${info.retirementNote})` : ''}, or the account cannot see it`;
  const causes = retired ? [retirement, ...(m.emulator ? [restarted] : []), otherServer] : [...(m.emulator ? [restarted] : []), otherServer, retirement];
  return `Most likely first: ${causes.map((c, i) => `(${i + 1}) ${c}`).join('; ')}.`;
}
