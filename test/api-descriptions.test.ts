// The checks the emulators are held to: Together AI's OpenAPI description
// (with its corrections) and the TuningJob of Google's published protos must
// refuse what breaks them, or the emulators' conformance tests could not fail.
import { describe, expect, it } from 'vitest';
import { createOpenAPIValidator } from '../emulators/shared/openapi-validator.ts';
import { TOGETHER_SPEC_CORRECTIONS } from '../emulators/together/openapi-corrections.ts';
import { outsideDataPath, skipNote, TOGETHER_OPENAPI } from './helpers/outside-data.ts';
import { togetherValidator } from './helpers/together-description.ts';
import { aiplatformProtos } from './helpers/vertex-description.ts';

const TOGETHER_SPEC = outsideDataPath(TOGETHER_OPENAPI);

const job = {
  id: 'ft-4e1f4d1a-0c53-4d77-9d3b-2b1e6c8f9a10',
  status: 'running',
  created_at: '2026-01-01T00:00:00.000Z',
  updated_at: '2026-01-01T00:00:01.000Z',
  training_method: { method: 'sft', train_on_inputs: 'auto' },
  training_type: { type: 'Lora', lora_r: 64, lora_alpha: 128 },
};

describe.skipIf(!TOGETHER_SPEC)(`Together AI's OpenAPI description, as the emulator is checked against it${skipNote(TOGETHER_OPENAPI, TOGETHER_SPEC)}`, () => {
  it('refuses responses that break it, on every fine-tuning route the plugin reads', () => {
    const v = togetherValidator();
    expect(v.validateResponse('GET', '/v1/fine-tunes/ft-1', 200, job)).toEqual([]);
    expect(v.validateResponse('POST', '/fine-tunes', 200, job)).toEqual([]);
    expect(v.validateResponse('GET', '/fine-tunes/{id}', 200, { ...job, status: 'succeeded' }).join()).toMatch(/status must be equal to one of the allowed values/);
    const { id: _id, ...noId } = job;
    expect(v.validateResponse('GET', '/fine-tunes/{id}', 200, noId).join()).toMatch(/must have required property 'id'/);
    expect(v.validateResponse('GET', '/fine-tunes', 200, { data: [{ ...job, created_at: 'yesterday' }] }).join()).toMatch(/created_at must match format "date-time"/);
    const event = { object: 'fine-tune-event', created_at: 'x', message: 'm', type: 'epoch_complete', param_count: 0, token_count: 0, total_steps: 9, wandb_url: '', step: 3, checkpoint_path: '', model_path: '', training_offset: 0, hash: '' };
    expect(v.validateResponse('GET', '/fine-tunes/{id}/events', 200, { data: [event] })).toEqual([]);
    expect(v.validateResponse('GET', '/fine-tunes/{id}/events', 200, { data: [{ ...event, type: 'epoch_done' }] })).not.toEqual([]);
    expect(v.validateResponse('GET', '/fine-tunes/{id}/checkpoints', 200, { data: [{ step: 3, path: 's3://x' }] }).join()).toMatch(/created_at|checkpoint_type/);
    expect(v.validateComponent('ErrorData', { error: { message: 'm', type: 't', param: null, code: null } })).toEqual([]);
    expect(v.validateComponent('ErrorData', { message: 'm' })).not.toEqual([]);
  });

  it('reads its 3.0 idioms as meant: a nullable $ref (chat logprobs) and a nullable anyOf (training_type)', () => {
    const v = togetherValidator();
    const completion = { id: 'c', object: 'chat.completion', created: 1, model: 'm', prompt: [], choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', content: 'a' }, logprobs: null }] };
    expect(v.validateResponse('POST', '/chat/completions', 200, completion)).toEqual([]);
    expect(v.validateResponse('POST', '/chat/completions', 200, { ...completion, choices: [{ ...completion.choices[0], logprobs: 'none' }] })).not.toEqual([]);
    expect(v.validateRequest('POST', '/fine-tunes', 'application/json', { model: 'm', training_file: 'f', training_type: null })).toEqual([]);
  });

  it("refuses requests that break it: the plugin's upload form and job, a LoRA job without its rank", () => {
    const v = togetherValidator();
    const form = { purpose: 'fine-tune', file_name: 'a.jsonl', file_type: 'jsonl', file: 'a.jsonl' };
    expect(v.validateRequest('POST', '/files/upload', 'multipart/form-data; boundary=x', form)).toEqual([]);
    expect(v.validateRequest('POST', '/files/upload', 'multipart/form-data; boundary=x', { ...form, purpose: 'training' })).not.toEqual([]);
    expect(v.validateRequest('POST', '/files/upload', 'application/json', form).join()).toMatch(/application\/json is not a request body/);
    const create = { model: 'm', training_file: 'f', training_method: job.training_method, training_type: job.training_type };
    expect(v.validateRequest('POST', '/fine-tunes', 'application/json', create)).toEqual([]);
    expect(v.validateRequest('POST', '/fine-tunes', 'application/json', { ...create, training_type: { type: 'Lora' } }).join()).toMatch(/lora_r/);
    expect(v.validateRequest('POST', '/fine-tunes', 'application/json', { training_file: 'f' }).join()).toMatch(/required property 'model'/);
  });

  it("each correction is needed (the description refuses Together's own ids and default without it) and a stale one is an error", () => {
    const raw = createOpenAPIValidator(TOGETHER_SPEC!);
    expect(raw.validateResponse('GET', '/fine-tunes/{id}', 200, { ...job, training_method: undefined }).join()).toMatch(/id must match format "uuid"/);
    expect(raw.validateResponse('GET', '/fine-tunes/{id}', 200, { ...job, id: '4e1f4d1a-0c53-4d77-9d3b-2b1e6c8f9a10' }).join()).toMatch(/train_on_inputs must be boolean/);
    expect(TOGETHER_SPEC_CORRECTIONS).toHaveLength(2);
    expect(() => createOpenAPIValidator(TOGETHER_SPEC!, { corrections: [{ at: '/components/schemas/FileResponse/properties/id', remove: ['format'], why: 'test' }] })).toThrow(
      /the correction at \/components\/schemas\/FileResponse\/properties\/id \(removing format\) no longer applies/,
    );
  });
});

describe("the TuningJob of Google's published protos (@google-cloud/aiplatform), as the Vertex emulator is checked against it", () => {
  const V1 = 'google.cloud.aiplatform.v1.TuningJob';
  const tuningJob = {
    name: 'projects/1/locations/us-central1/tuningJobs/2',
    baseModel: 'gemini-2.5-flash',
    supervisedTuningSpec: { trainingDatasetUri: 'gs://b/o.jsonl', hyperParameters: { epochCount: '3', learningRateMultiplier: 1, adapterSize: 'ADAPTER_SIZE_FOUR' } },
    state: 'JOB_STATE_RUNNING',
    createTime: '2026-01-01T00:00:00.000Z',
    tuningJobState: 'TUNING_JOB_STATE_TUNING',
    tuningJobMetadata: { completedStepCount: '4', completedEpochCount: '1' },
    tunedModel: { model: 'projects/1/locations/us-central1/models/3@1', endpoint: 'projects/1/locations/us-central1/endpoints/4', checkpoints: [{ checkpointId: '1', epoch: '1', step: '4', endpoint: 'e' }] },
    error: { code: 1, message: 'CANCELED' },
  };

  it('accepts a tuning job as Vertex AI writes it, v1 and v1beta1', () => {
    const protos = aiplatformProtos();
    expect(protos.validate(V1, tuningJob)).toEqual([]);
    expect(protos.validate('google.cloud.aiplatform.v1beta1.TuningJob', tuningJob)).toEqual([]);
    expect(protos.validate('google.cloud.aiplatform.v1.ListTuningJobsResponse', { tuningJobs: [tuningJob], nextPageToken: 'MQ' })).toEqual([]);
    expect(protos.validate('google.protobuf.Empty', {})).toEqual([]);
  });

  it('refuses a field it does not have, a wrong enum, a 64-bit integer written as a number, a time that is not RFC 3339, two members of a oneof', () => {
    const protos = aiplatformProtos();
    expect(protos.validate(V1, { ...tuningJob, tuningJobStatus: 'x' }).join()).toMatch(/must NOT have additional properties.*tuningJobStatus/);
    expect(protos.validate(V1, { ...tuningJob, state: 'JOB_STATE_DONE' }).join()).toMatch(/\/state must be equal to one of the allowed values/);
    const numeric = { ...tuningJob, supervisedTuningSpec: { ...tuningJob.supervisedTuningSpec, hyperParameters: { epochCount: 3 } } };
    expect(protos.validate(V1, numeric).join()).toMatch(/epochCount must be string/);
    expect(protos.validate(V1, numeric, 'read')).toEqual([]); // a request may send it as a number
    expect(protos.validate(V1, { ...tuningJob, createTime: 1767225600 }).join()).toMatch(/createTime must be string/);
    expect(protos.validate(V1, { ...tuningJob, preTunedModel: { tunedModelName: 'projects/1/locations/l/models/3' } }).join()).toMatch(/must NOT be valid/);
    expect(protos.validate(V1, { ...tuningJob, tuningJobState: 'TUNING' }).join()).toMatch(/tuningJobState must be equal to one of the allowed values/);
    expect(protos.validate('google.protobuf.Empty', { done: true })).not.toEqual([]);
  });
});
