/** Keys for tests that prove no key reaches a file or an output: each provider's shape, never a real key. */
export const CANARY_KEYS: Record<string, string> = {
  openai: 'sk-Zq8CanaryT3BlbkFJ0a1b2c3d4e5f6g7h8i9j0kLmNoPqRsT',
  'openai project': 'sk-proj-CanaryQ1w2E3r4T5y6U7i8O9p0AsDfGhJkLzXcVbNm1234567890abcdefABCDEF_-xyz',
  anthropic: 'sk-ant-api03-Canary7h8J9k0L1m2N3b4V5c6X7z8A9s0D1f2G3h4J5k6L7-AbCdEfAA',
  groq: 'gsk_Canary0a1B2c3D4e5F6g7H8i9J0kWGdyb3FYaBcDeFgHiJkLmNoPqRsTu',
  fireworks: 'fw_3ZCanary8xQ2mL9vT4kR7pN1',
  'hugging face': 'hf_CanaryAbCdEfGhIjKlMnOpQrStUvWxYzAbC',
  replicate: 'r8_Canary4Xy7Zq2Wv9Tr6Ps3Nm1Lk8Jh5Gf0Dc2Ba',
  xai: 'xai-Canary8f7e6d5c4b3a2Z1Y0X9W8V7U6T5S4R3Q2P1O0N9M8L7K6J5I4H3G2F1E0D9C8B7A6',
  google: 'AIzaSyCanary-9tSrke72PouQMnMX-a7eZSW0jkF',
  'google oauth': 'ya29.a0AfCanaryB5c6D7e8F9g0H1i2J3k4L5m6N7o8P9q0R1s2T3u4V5w6X7y8Z9',
  together: '3f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a',
  mistral: 'Can4ryMistra1KeyAbCdEfGhIjKlMnOpQr',
  github: 'ghp_Canary1234567890abcdefABCDEF12345678',
  aws: 'AKIAIOSFODNN7CANARY1',
};
