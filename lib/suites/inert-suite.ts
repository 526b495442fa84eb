/**
 * The last check before a suite is written: no string anywhere in it may be
 * something promptfoo would evaluate or load (lib/suites/verbatim.ts says
 * why). Domain text is carried safely by construction; this catches what
 * else reaches a suite — a file or folder name, a model name, a label — so a
 * suite that could run, read or leak something is never written.
 */
import { displayPath } from '../foundation/display-path.ts';
import { UserError } from '../foundation/errors.ts';
import { PASS_THROUGH_PROMPT } from './verbatim.ts';

/** A template construct anywhere, or a value promptfoo would load. */
const EVALUATED = /\{[{%#]|^(file:\/\/|package:)/;

/** Strings the builder itself writes as references or templates, by where they sit. */
function isOwnReference(path: string[], value: string): boolean {
  const key = path.at(-1);
  // The one prompt is a key of `prompts` (raw → label); see build-suite.ts.
  if (path.length === 1 && path[0] === 'prompts') return value === PASS_THROUGH_PROMPT;
  // Project files promptfoo loads on purpose: providers, assertions, extensions.
  if (key === 'id' || key === 'value' || path[0] === 'extensions') return /^file:\/\/[^{}%#]*\.ts(:[A-Za-z]+)?$/.test(value) || !EVALUATED.test(value);
  return false;
}

export function assertInertSuite(suite: unknown, domainFile: string): void {
  // The path is built as the walk goes down (a suite has tens of thousands of strings; most hold nothing to check).
  const path: string[] = [];
  const check = (v: string): void => {
    if (EVALUATED.test(v) && !isOwnReference(path, v))
      throw new UserError(
        `${displayPath(domainFile)}: its suite would hold ${JSON.stringify(v.slice(0, 60))} at ${path.join('.') || '(top)'}, which promptfoo would evaluate or load; ` +
          'rename the file, folder or model so it holds no "{{", "{%", "{#" and does not start with file:// or package:',
      );
  };
  const walk = (v: unknown): void => {
    if (typeof v === 'string') return check(v);
    if (v === null || typeof v !== 'object') return;
    for (const [k, x] of Object.entries(v)) {
      // Keys too: the prompt is one (and promptfoo reads some keys as text).
      if (!Array.isArray(v)) check(k);
      path.push(k);
      walk(x);
      path.pop();
    }
  };
  walk(suite);
}
