/**
 * Keys for tests that prove no key reaches a file or an output: each
 * provider's shape, never a real key. Each is joined from its prefix and its
 * body at run time, so no key-shaped literal sits in the repository for a
 * secret scanner to flag.
 */
const key = (prefix: string, body: string) => prefix + body;
export const CANARY_KEYS: Record<string, string> = {
  openai: key('sk-', 'Zq8CanaryT3CanaryJ0a1b2c3d4e5f6g7h8i9j0kLmNoPqRsT'),
  'openai project': key('sk-proj-', 'CanaryQ1w2E3r4T5y6U7i8O9p0AsDfGhJkLzXcVbNm1234567890abcdefABCDEF_-xyz'),
  anthropic: key('sk-ant-', 'api03-Canary7h8J9k0L1m2N3b4V5c6X7z8A9s0D1f2G3h4J5k6L7-AbCdEfAA'),
  groq: key('gsk_', 'Canary0a1B2c3D4e5F6g7H8i9J0kWGdyb3FYaBcDeFgHiJkLmNoPqRsTu'),
  fireworks: key('fw_', '3ZCanary8xQ2mL9vT4kR7pN1'),
  'hugging face': key('hf_', 'CanaryAbCdEfGhIjKlMnOpQrStUvWxYzAbC'),
  replicate: key('r8_', 'Canary4Xy7Zq2Wv9Tr6Ps3Nm1Lk8Jh5Gf0Dc2Ba'),
  xai: key('xai-', 'Canary8f7e6d5c4b3a2Z1Y0X9W8V7U6T5S4R3Q2P1O0N9M8L7K6J5I4H3G2F1E0D9C8B7A6'),
  google: key('AIza', 'SyCanary-9tSrke72PouQMnMX-a7eZSW0jkF'),
  'google oauth': key('ya29.', 'a0AfCanaryB5c6D7e8F9g0H1i2J3k4L5m6N7o8P9q0R1s2T3u4V5w6X7y8Z9'),
  together: '3f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a',
  mistral: 'Can4ryMistra1KeyAbCdEfGhIjKlMnOpQr',
  github: key('ghp_', 'Canary1234567890abcdefABCDEF12345678'),
  aws: key('AKIA', 'IOSFODNN7CANARY1'),
};
