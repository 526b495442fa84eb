// What the Vertex AI emulator's route handlers share.
import type { ResolvedVertexOptions } from './options.ts';
import type { VertexEmulatorState } from './state.ts';

export interface VertexContext {
  readonly state: VertexEmulatorState;
  readonly options: ResolvedVertexOptions;
  now(): number;
}
