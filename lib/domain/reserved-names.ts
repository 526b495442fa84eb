/**
 * Names a domain may not use as an id or a key: JavaScript objects answer to
 * them without holding them (`{}.constructor` is a function, `__proto__`
 * sets the prototype), so a fact, prompt, domain or sidecar entry named so
 * would be silently dropped, or found where none was written.
 */
export const RESERVED_NAMES: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

export const RESERVED_NAMES_RULE = `${[...RESERVED_NAMES].join(', ')} are names JavaScript objects reserve; choose another`;
