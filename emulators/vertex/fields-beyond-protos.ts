// Fields Vertex AI's REST API sends that the TuningJob of the published
// protos (@google-cloud/aiplatform's protos.json) does not have yet; the
// official @google/genai SDK's TuningJob types them, as given here. The
// emulator's tuning jobs are checked against the protos with these added
// (emulators/shared/proto-json-validator.ts refuses one the protos gain).
import type { Schema } from '../shared/proto-json-validator.ts';

const TUNING_JOB_STATES = [
  'TUNING_JOB_STATE_UNSPECIFIED',
  'TUNING_JOB_STATE_WAITING_FOR_QUOTA',
  'TUNING_JOB_STATE_PROCESSING_DATASET',
  'TUNING_JOB_STATE_WAITING_FOR_CAPACITY',
  'TUNING_JOB_STATE_TUNING',
  'TUNING_JOB_STATE_POST_PROCESSING',
];
const INT64 = { type: 'string', pattern: '^[0-9]+$' };

const BEYOND: Record<string, Schema> = {
  tuningJobState: { type: 'string', enum: TUNING_JOB_STATES },
  tuningJobMetadata: { type: 'object', additionalProperties: false, properties: { completedEpochCount: INT64, completedStepCount: INT64 } },
};

export const TUNING_JOB_FIELDS_BEYOND_PROTOS: Record<string, Record<string, Schema>> = {
  'google.cloud.aiplatform.v1.TuningJob': BEYOND,
  'google.cloud.aiplatform.v1beta1.TuningJob': BEYOND,
};
