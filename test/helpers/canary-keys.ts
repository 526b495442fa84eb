/**
 * Keys for tests that prove no key reaches a file or an output: each
 * provider's shape and length, never a real key. Each is joined from its
 * prefix and its body at run time, so no key-shaped literal sits in the
 * repository for a secret scanner to flag.
 *
 * CANARY_SHAPES says, for each, the vendor's published shape (what a real key
 * of that kind looks like, so a test key cannot be an easy one) and the
 * prefix of lib/foundation/secret-shape.ts's KEY_PREFIXES that must catch it (null: the
 * long-run rule does). Every listed prefix has at least one key here.
 */
const key = (prefix: string, body: string) => prefix + body;
export const CANARY_KEYS: Record<string, string> = {
  openai: key('sk-', 'CanaryKxisKsk3ujuxDST3BlbkFJTw7VmODUyMEkLJIRkHLI'),
  'openai project': key('sk-proj-', 'CanaryDmNy1rJqDGN0jeFfiWaQuk3ew_3JDC0SkUaaGv9XVVstRZ4U-ElkoAlsVeTMR76QyPXkT3BlbkFJI8gPlBvJqYsedJ1ptdthRADjjRg7Ur9V5UFE2lpYt_P2Ak6ffE6gcc6IWQYATxeVWMoIiHpSyr'),
  anthropic: key('sk-ant-', 'api03-CanarySdDdlg-5Z2CrXfKXGf9jTlqvmQTm9-DNQPcmrKtSrNKb7zd3ZbhQNALIVMGowSZJtiBR-vqrb3vo5nhxz-G6KNlAA'),
  groq: key('gsk_', 'CanarylmcVszG4QcBE69rT1t5a5jSk312nY88y4jBiuJKINqqtJB'),
  fireworks: key('fw_', '3ZCanary8xQ2mL9vT4kR7pN1'),
  'hugging face': key('hf_', 'CanaryhrAvtBBOznCiCaUkVQpzpHkabbZB'),
  replicate: key('r8_', 'CanaryVwmOfeHa0KWrpbRsPlh6l5COUpvwiJo'),
  xai: key('xai-', 'CanaryCiXMS6AAWJVy7Q3W7VTPl6ceolQtjoFjhxkSM05f6gCMdcPtqFhyrMtv3v9YAmPOCQRgYyiqLW'),
  google: key('AIza', 'SyCanaryC8FMZ0a6gJ3NP6kflsgeqTus91d'),
  'google oauth': key('ya29.', 'a0AfCanarydBLdqSr3BmP-mxlrWbxMykOTar9kH0yoIpk2FxBGp_ejgAHLMa-3YP4hR23tfmjqEsT8iFJBmC9VrNqm_Z-a1aTYNdGIxVneSFkWMQRHFDplWdgZ010ATjCGAVy8Pbp9AB2fSZvmRHUhcZ4G'),
  together: '3f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a',
  'together v1': key('tgp_v1_', 'CanarydB89Sr6wnyclVKmtexpDSA3lxl7kettuA1fTo'),
  mistral: 'CanaryUQJvcHzwbPjAp9ukzdyc3zO2VC',
  github: key('ghp_', 'Canary1234567890abcdefABCDEF12345678'),
  'github oauth': key('gho_', 'Canaryt0vQj8VMtbYo9Mqb5jZMQObDDMOTso'),
  'github fine-grained': key('github_pat_', 'CanaryYtxqAYfwFBHPl8Ks_Lcsf1YaHxpFjttuDDekSEU2aC13Fa61ESYhD1NfFPb9jTo6z5xcIcQPzMuE'),
  gitlab: key('glpat-', 'CanaryGQ80YR-P10eoug'),
  'slack bot': key('xoxb-', '1234567890123-2345678901234-CanaryTfIhpazOc61hVRd82W'),
  'slack user': key('xoxp-', '1234567890-2345678901234-3456789012345-ca1a5ec48750773348cd1ceee81106d8'),
  aws: key('AKIA', 'IOSFODNN7CANARY1'),
  nvidia: key('nvapi-', 'CanaryXnBo1nKo63sZEqqZ3CYxU-w0A2c_MLpjN-E8A4r_knOh7k-gQvmUZKYiCy'),
  perplexity: key('pplx-', 'CanaryDnTaOaovzMNndr5ObyOdjQ9IS8onGY2O2IQ0OUV86r'),
  stripe: key('sk_', 'test_CanaryxEEsAoCaA2QTqpOoas'),
};

/** Each canary's vendor shape and the KEY_PREFIXES entry that must name it (null: caught as a long random run). */
export const CANARY_SHAPES: Record<keyof typeof CANARY_KEYS, { prefix: string | null; shape: RegExp }> = {
  openai: { prefix: 'sk-', shape: /^sk-[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20}$/ },
  'openai project': { prefix: 'sk-', shape: /^sk-proj-[A-Za-z0-9_-]{74}T3BlbkFJ[A-Za-z0-9_-]{74}$/ },
  anthropic: { prefix: 'sk-', shape: /^sk-ant-api03-[A-Za-z0-9_-]{93}AA$/ },
  groq: { prefix: 'gsk_', shape: /^gsk_[A-Za-z0-9]{52}$/ },
  fireworks: { prefix: 'fw_', shape: /^fw_[A-Za-z0-9]{24}$/ },
  'hugging face': { prefix: 'hf_', shape: /^hf_[A-Za-z]{34}$/ },
  replicate: { prefix: 'r8_', shape: /^r8_[A-Za-z0-9]{37}$/ },
  xai: { prefix: 'xai-', shape: /^xai-[A-Za-z0-9]{80}$/ },
  google: { prefix: 'AIza', shape: /^AIza[0-9A-Za-z_-]{35}$/ },
  'google oauth': { prefix: 'ya29.', shape: /^ya29\.[0-9A-Za-z_-]{100,}$/ },
  together: { prefix: null, shape: /^[0-9a-f]{64}$/ },
  'together v1': { prefix: 'tgp_v1_', shape: /^tgp_v1_[A-Za-z0-9_-]{43}$/ },
  mistral: { prefix: null, shape: /^[A-Za-z0-9]{32}$/ },
  github: { prefix: 'ghp_', shape: /^ghp_[A-Za-z0-9]{36}$/ },
  'github oauth': { prefix: 'gho_', shape: /^gho_[A-Za-z0-9]{36}$/ },
  'github fine-grained': { prefix: 'github_pat_', shape: /^github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59}$/ },
  gitlab: { prefix: 'glpat-', shape: /^glpat-[A-Za-z0-9_-]{20}$/ },
  'slack bot': { prefix: 'xoxb-', shape: /^xoxb-\d{10,13}-\d{10,13}-[A-Za-z0-9]{24}$/ },
  'slack user': { prefix: 'xoxp-', shape: /^xoxp-\d{10,13}-\d{10,13}-\d{10,13}-[0-9a-f]{32}$/ },
  aws: { prefix: 'AKIA', shape: /^AKIA[A-Z0-9]{16}$/ },
  nvidia: { prefix: 'nvapi-', shape: /^nvapi-[A-Za-z0-9_-]{64}$/ },
  perplexity: { prefix: 'pplx-', shape: /^pplx-[A-Za-z0-9]{48}$/ },
  stripe: { prefix: 'sk_', shape: /^sk_(test|live)_[A-Za-z0-9]{24,99}$/ },
};
