// Google credentials without Google: the emulator hands out an Application
// Default Credentials file of type `external_account_authorized_user` whose
// `token_url` is the emulator's own /token endpoint. google-auth-library (which
// @google/genai uses for Vertex AI) refreshes an access token there and sends
// it as `Authorization: Bearer …`, exactly as in production, with no metadata
// server and no network. Nothing in the file is a secret: the emulator accepts
// any refresh token and client.
import { randomBytes } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { ApiDialect, Route } from '../shared/route.ts';

export type Credential = { kind: 'bearer' | 'api-key'; value: string };

/** The caller's credential: an OAuth bearer token, or an API key (header or `key` query parameter). */
export function credentialOf(headers: IncomingHttpHeaders, query: URLSearchParams): Credential | undefined {
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(headers.authorization ?? '');
  if (bearer) return { kind: 'bearer', value: bearer[1]! };
  const key = headers['x-goog-api-key'];
  const apiKey = (Array.isArray(key) ? key[0] : key) ?? query.get('key');
  return apiKey ? { kind: 'api-key', value: apiKey } : undefined;
}

/** The content of the ADC file pointing google-auth-library at the emulator's token endpoint. */
export function emulatorCredentials(origin: string): Record<string, string> {
  return {
    type: 'external_account_authorized_user',
    audience: '//iam.googleapis.com/locations/global/workforcePools/ftbench-emulator/providers/emulator',
    client_id: 'ftbench-emulator-client',
    client_secret: 'not-a-secret',
    refresh_token: 'ftbench-emulator-refresh-token',
    token_url: `${origin}/token`,
    token_info_url: `${origin}/tokeninfo`,
  };
}

/** POST /token: the OAuth 2.0 refresh grant google-auth-library sends; every well-formed request gets a fresh token. */
export function tokenRoute(dialect: ApiDialect, issued: Set<string>): Route {
  return {
    method: 'POST',
    pattern: /^\/token$/,
    name: '/token',
    dialect,
    plumbing: true,
    handle({ body }) {
      const form = new URLSearchParams(body.toString('utf8'));
      if (form.get('grant_type') !== 'refresh_token' || !form.get('refresh_token')) {
        return { status: 400, json: { error: 'invalid_grant', error_description: 'Bad Request' } };
      }
      const token = `ya29.emulator-${randomBytes(18).toString('base64url')}`;
      issued.add(token);
      return { json: { access_token: token, expires_in: 3599, token_type: 'Bearer', scope: 'https://www.googleapis.com/auth/cloud-platform' } };
    },
  };
}
