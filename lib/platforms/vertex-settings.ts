/**
 * Gemini tuning on Vertex AI: its own settings, beside the common
 * hyperparameters. `adapterSize` is the LoRA adapter size of the tuning
 * job's hyperParameters (Vertex AI's TuningJob: supervisedTuningSpec.
 * hyperParameters.adapterSize, ADAPTER_SIZE_ONE … THIRTY_TWO); which sizes a
 * base model takes is in lib/models/prices.json, checked by the plugin.
 * `gcsUri` is where training files are uploaded: how Vertex AI is reached,
 * not part of a run.
 */
import { z } from 'zod';
import { declareSettings, type RunOptionsOf } from './platform-settings.ts';

/** The LoRA adapter sizes Vertex AI names (Gemini takes 1 to 16; 32 is for open models). */
export const ADAPTER_SIZES = [1, 2, 4, 8, 16, 32] as const;

export const GCS_URI_ENV = 'FTBENCH_GCS_URI';

export const VERTEX_SETTINGS = declareSettings({
  platform: 'vertex',
  title: 'Vertex AI',
  run: {
    adapterSize: {
      schema: z.literal(ADAPTER_SIZES),
      name: 'adapter size',
      flag: 'adapter-size',
      value: 'N',
      description: 'the LoRA adapter size',
      defaultText: "Vertex AI's",
      nameWord: (size: number) => `a${size}`,
      labelWord: (size: number) => `adapter ${size}`,
    },
  },
  connection: {
    gcsUri: {
      schema: z.string().regex(/\S/),
      flag: 'gcs-uri',
      value: 'gs://BUCKET/FOLDER',
      description: 'where training files are uploaded',
      accepts: 'a Cloud Storage place, gs://BUCKET or gs://BUCKET/FOLDER',
      defaultText: `$${GCS_URI_ENV}`,
    },
  },
});

export type VertexRunOptions = RunOptionsOf<typeof VERTEX_SETTINGS>;
