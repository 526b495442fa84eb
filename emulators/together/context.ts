// What the Together AI emulator's route handlers share.
import type { ApiDialect } from '../shared/route.ts';
import type { ResolvedTogetherOptions } from './options.ts';
import type { TogetherEmulatorState } from './state.ts';

export interface TogetherContext {
  readonly state: TogetherEmulatorState;
  readonly options: ResolvedTogetherOptions;
  readonly dialect: ApiDialect;
  now(): number;
}

export const seconds = (ms: number): number => Math.floor(ms / 1000);
export const iso = (ms: number): string => new Date(ms).toISOString();
