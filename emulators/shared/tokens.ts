/** The usual rule of thumb, about four characters a token: enough for usage fields and token counts. */
export function approxTokens(text: string): number {
  return Math.max(1, Math.ceil(text.length / 4));
}
