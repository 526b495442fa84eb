/**
 * Whether promptfoo knows a provider id, checked without loading promptfoo,
 * creating a provider or touching the network, so that a mistyped judge
 * (`FTBENCH_JUDGE=openai:chta:gpt-4.1-mini`), `--with` or inner provider is one
 * clear "unknown provider" line before any work, not a test error per call
 * ("API key is not set") that drops out of n.
 *
 * The rules mirror promptfoo 0.121.20's registry (providerMap and the provider
 * families in its dist `providers-*` module): an id is known when a registry
 * entry takes it. Where an entry takes anything under its prefix and guesses
 * (openai: an unknown type is used as a chat model's name, the rest of the id
 * ignored), the type is checked here. A `file://` (or python:, ruby:, golang:)
 * provider must name a file that exists. test/promptfoo-provider-id.test.ts
 * reads promptfoo's registry and fails when an upgrade adds or drops an id.
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { nearest } from './nearest.ts';
import { UserError } from './errors.ts';

/** Ids promptfoo takes whole. */
export const PROMPTFOO_EXACT_IDS = [
  'a2a', 'opencode', 'openinterpreter', 'openclaw', 'echo', 'n8n', 'browser', 'http', 'https', 'llama', 'mcp',
  'promptfoo:manual-input', 'promptfoo:simulated-user', 'sequence', 'websocket', 'ws', 'wss', 'slack', 'agentic:memory-poisoning',
] as const;

/** Prefixes promptfoo takes (`openai:` …), the script runners (exec:, python:, golang:, ruby:) and the provider families included. */
export const PROMPTFOO_PREFIXES = [
  'a2a:', 'abliteration:', 'ai21:', 'alibaba:', 'alicloud:', 'aliyun:', 'dashscope:', 'opencode:', 'openinterpreter:', 'openclaw:',
  'anthropic:', 'atlascloud:', 'azure:', 'azureopenai:', 'bam:', 'cerebras:', 'novita:', 'cloudera:', 'cloudflare-ai:',
  'cloudflare-gateway:', 'cohere:', 'databricks:', 'mlflow-gateway:', 'deepseek:', 'elevenlabs:', 'envoy:', 'f5:', 'fal:', 'fireworks:',
  'github:', 'groq:', 'helicone:', 'hyperbolic:', 'litellm:', 'localai:', 'meta:', 'minimax:', 'mistral:', 'moonshot:', 'nscale:',
  'nvidia:', 'ollama:', 'openai:', 'openrouter:', 'orcarouter:', 'package:', 'perplexity:', 'portkey:', 'quiverai:', 'replicate:',
  'modelslab:', 'togetherai:', 'truefoundry:', 'llamaapi:', 'aimlapi:', 'cometapi:', 'docker:', 'vercel:', 'voyage:', 'watsonx:',
  'n8n:', 'webhook:', 'xai:', 'http:', 'https:', 'jfrog:', 'qwak:', 'llama:', 'mcp:', 'promptfoo:model:', 'ws:', 'wss:',
  'huggingface:', 'hf:', 'transformers:', 'transformers.js:', 'slack:', 'snowflake:', 'promptfoo:redteam:',
  'bedrock:', 'bedrock-agent:', 'sagemaker:', 'vertex:', 'google:', 'palm:',
  'exec:', 'golang:', 'python:', 'ruby:',
] as const;

/** The second part of `<family>:<type>:<model>` promptfoo understands, where it would otherwise guess or fail late. */
const AZURE_TYPES = ['moderation', 'chat', 'assistant', 'foundry-agent', 'image', 'embedding', 'embeddings', 'completion', 'responses', 'realtime', 'video'];
export const PROMPTFOO_TYPES: Readonly<Record<string, readonly string[]>> = {
  openai: [
    'chat', 'embedding', 'embeddings', 'completion', 'moderation', 'realtime', 'responses', 'transcription', 'tts', 'speech',
    'agents', 'chatkit', 'assistant', 'image', 'video', 'codex-app-server', 'codex-desktop', 'codex-sdk', 'codex',
  ],
  anthropic: ['messages', 'completion', 'claude-agent-sdk', 'claude-code'],
  azure: AZURE_TYPES,
  azureopenai: AZURE_TYPES,
};

const JS_FILE = /\.(js|cjs|mjs|ts|cts|mts)$/i;
const SCRIPT_FILE = /^(.*\.(py|go|rb))(:[^/\\]*)?$/;
const CONFIG_FILE = /\.(ya?ml|json)$/;

/** `file://x` (or a script path) missing: the reason, with the nearest file of that folder. */
function missingFile(target: string, basePath: string, prefix: string): string | null {
  const file = path.resolve(basePath, target);
  if (existsSync(file)) return null;
  const dir = path.dirname(file);
  let near: string | undefined;
  try {
    near = nearest(path.basename(file), readdirSync(dir));
  } catch {
    near = undefined;
  }
  const suggestion = near ? `; did you mean ${prefix}${path.join(path.dirname(target), near)}?` : '';
  return `no such file ${file}${suggestion}`;
}

/** Why promptfoo would not know `id`, or null when it would. `basePath`: what a relative file is resolved against. */
export function providerIdProblem(id: string, basePath: string): string | null {
  if (id.trim() === '') return 'the id is empty';
  if ((PROMPTFOO_EXACT_IDS as readonly string[]).includes(id)) return null;
  if (id.startsWith('file://')) {
    const target = id.slice('file://'.length);
    const script = SCRIPT_FILE.exec(target);
    if (JS_FILE.test(target) || CONFIG_FILE.test(target)) return missingFile(target, basePath, 'file://');
    if (script) return missingFile(script[1]!, basePath, 'file://');
    return 'a file:// provider is a .js/.ts/.mjs/.cjs/.mts/.cts module, a .py/.go/.rb script or a .yaml/.json provider config';
  }
  if (JS_FILE.test(id)) return missingFile(id, basePath, '');
  const prefix = PROMPTFOO_PREFIXES.find((p) => id.startsWith(p));
  if (!prefix) {
    const family = id.includes(':') ? `${id.slice(0, id.indexOf(':'))}:` : id;
    const near = nearest(family, [...PROMPTFOO_PREFIXES, ...PROMPTFOO_EXACT_IDS]);
    return `promptfoo has no provider ${JSON.stringify(family)}${near ? `; did you mean ${near}${id.slice(family.length)}?` : ''}`;
  }
  if (['python:', 'ruby:', 'golang:'].includes(prefix)) {
    const script = SCRIPT_FILE.exec(id.slice(prefix.length));
    return missingFile(script ? script[1]! : id.slice(prefix.length), basePath, prefix);
  }
  const parts = id.split(':');
  const types = PROMPTFOO_TYPES[parts[0]!];
  // `openai:gpt-4.1-mini` names a model (promptfoo knows it, or asks for it as a chat model); with a third part the second is a type.
  if (types && parts.length >= 3 && !types.includes(parts[1]!)) {
    const near = nearest(parts[1]!, types);
    return `${JSON.stringify(parts[1])} is not a type of promptfoo's ${parts[0]}: provider (${types.join(', ')})${near ? `; did you mean ${[parts[0], near, ...parts.slice(2)].join(':')}?` : ''}`;
  }
  return null;
}

/** Throws a UserError `unknown provider "<id>" (<where>): <why>` when promptfoo would not know it. */
export function checkProviderId(id: string, where: string, basePath: string = process.cwd()): void {
  const problem = providerIdProblem(id, basePath);
  if (problem) throw new UserError(`unknown provider ${JSON.stringify(id)} (${where}): ${problem}`);
}
