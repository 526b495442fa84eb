// Vertex AI resource names and the URL paths that carry them. Resources the
// API creates are named with the project *number* (as Google does), while a
// caller may address them with the project id or the number.
import { randomInt } from 'node:crypto';

/** `/v1` or `/v1beta1`, then `projects/{project}/locations/{location}`. */
export const LOCATION_PREFIX = String.raw`^/(?<version>v1|v1beta1)/projects/(?<project>[^/:]+)/locations/(?<location>[^/:]+)`;

export function locationPattern(rest: string): RegExp {
  return new RegExp(`${LOCATION_PREFIX}${rest}$`);
}

export const locationName = (project: string, location: string): string => `projects/${project}/locations/${location}`;

/** A numeric id like those Vertex AI assigns (19 digits, no leading zero). */
export function numericId(): string {
  let id = String(randomInt(1, 10));
  for (let i = 0; i < 18; i++) id += String(randomInt(0, 10));
  return id;
}
