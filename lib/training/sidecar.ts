/**
 * The augmentation sidecar of a domain: `<domain file name>.training.yaml`
 * beside the domain file (fictional-people.yaml → fictional-people.training.yaml),
 * written by `npm run augment`, read by the recipes `variants` (its
 * paraphrases, after the domain's own `training:` entries) and `statements`
 * (its restatements, after the statement). The domain file itself is never
 * written. The sidecar is checked like a domain (zod; file:line:col and YAML
 * path for every problem), against the domain it sits beside: same id, only
 * facts the domain has, no text an evaluation probe asks (leak-check.ts), and
 * no text shaped like an API key (lib/foundation/secret-shape.ts).
 *
 *   domain: fictional-people
 *   generated: { by: npm run augment, with: openai:chat:gpt-4o-mini, prompt: ftbench-augment-v1, at: … }
 *   facts:
 *     pemea-ulrolo-weight:
 *       paraphrases: [Which would be the weight for Pemea Ulrolo in pounds?, …]
 *       restatements: [It is true that pemea Ulrolo weighs 182 pounds., …]
 */
import { lstatSync } from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';
import { z } from 'zod';
import { sha256 } from '../foundation/content-hash.ts';
import { displayPath } from '../foundation/display-path.ts';
import { parseYamlWithSchema, type LoadedDomain } from '../domain/load.ts';
import { readTextFile } from '../domain/read-text-file.ts';
import type { Domain } from '../domain/schema.ts';
import { UserError } from '../foundation/errors.ts';
import { keyShapeIn } from '../foundation/secret-shape.ts';

export const SIDECAR_SUFFIX = '.training.yaml';
export const GENERATED_BY = 'npm run augment';

const text = z
  .string({ error: 'must be a string' })
  .trim()
  .min(1, 'must not be empty')
  // Training text never holds a key (lib/foundation/secret-shape.ts); the message says which rule, never the text.
  .refine((t) => keyShapeIn(t) === null, { error: (issue) => `holds ${keyShapeIn(String(issue.input))}: training text never holds an API key` });

const FactAugmentation = z
  .object({
    paraphrases: z.array(text, { error: 'must be a list of questions' }).default([]),
    restatements: z.array(text, { error: 'must be a list of sentences' }).default([]),
  })
  .strict();

export type FactAugmentation = z.output<typeof FactAugmentation>;

/** Who wrote the sidecar; `note` says when an emulator's rule did (domain YAML reads every scalar as text). */
const Generated = z.object({ by: z.string(), with: z.string(), prompt: z.string(), at: z.string().optional(), note: z.string().optional() }).strict();

/** The schema of the sidecar beside `domain`: its id, and only facts it has (checked with the rest, so every problem is listed at once). */
function sidecarSchema(domain: Domain) {
  const facts = new Set(domain.facts.map((f) => f.id));
  return z
    .object({
      $schema: z.string().optional(),
      domain: z
        .string({ error: 'must be the domain id' })
        .refine((id) => id === domain.id, { error: (issue) => `names domain ${JSON.stringify(issue.input)}, but the domain beside it is "${domain.id}"` }),
      generated: Generated.optional(),
      facts: z
        .record(z.string().refine((id) => facts.has(id)), FactAugmentation, {
          error: (issue) => (issue.code === 'invalid_key' ? `fact ${JSON.stringify(issue.input)} is not in domain "${domain.id}"` : 'must map fact ids to paraphrases and restatements'),
        })
        .default({}),
    })
    .strict();
}

export type Sidecar = z.output<ReturnType<typeof sidecarSchema>>;

export interface LoadedSidecar {
  sidecar: Sidecar;
  file: string;
  /** sha256 of the file's text: part of the key of every run that trains on it. */
  sha256: string;
}

/** `suites/domains/people.yaml` → `suites/domains/people.training.yaml`. */
export function sidecarFileOf(domainFile: string): string {
  return path.join(path.dirname(domainFile), `${path.basename(domainFile).replace(/\.ya?ml$/, '')}${SIDECAR_SUFFIX}`);
}

export function parseSidecar(text: string, file: string, domain: Domain): Sidecar {
  return parseYamlWithSchema(text, file, sidecarSchema(domain), 'augmentation sidecar');
}

/**
 * Whether a sidecar sits at `file`. A symlink there (to a file inside the
 * domains folder or outside it, or to nothing) is refused, the same way
 * wherever it is met: a sidecar is trained and hashed into run keys, so it
 * is the plain file beside its domain, never a pointer to another.
 */
export function sidecarExists(file: string): boolean {
  let isLink: boolean;
  try {
    isLink = lstatSync(file).isSymbolicLink();
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return false;
    throw new UserError(`${displayPath(file)}: cannot read the augmentation sidecar (${code ?? String(err)})`);
  }
  if (isLink)
    throw new UserError(`${displayPath(file)}: a symlink; an augmentation sidecar must be a plain file beside its domain (it is trained, and its content is part of a run's key): replace the link with the file itself`);
  return true;
}

/** The sidecar beside a loaded domain, checked; null when there is none. */
export function readSidecar(loaded: LoadedDomain): LoadedSidecar | null {
  const file = sidecarFileOf(loaded.file);
  if (!sidecarExists(file)) return null;
  // As a person's file: a FIFO or a folder in its place is an error, never a wait.
  const content = readTextFile(file, displayPath(file), 'augmentation sidecar');
  return { sidecar: parseSidecar(content, file, loaded.domain), file, sha256: sha256(content) };
}

/** The sidecar's text: a header comment, then YAML (one fact per key, in domain order). */
export function renderSidecar(sidecar: Sidecar, domainFile: string): string {
  const header =
    `# Written by ${GENERATED_BY} beside ${path.basename(domainFile)}: paraphrases the recipe \`variants\` trains,\n` +
    '# restatements the recipe `statements` trains; every line passed the leak check against the domain\'s probes.\n' +
    '# Rerunning npm run augment rewrites this file. To keep hand edits, delete the `generated:` entry: npm run\n' +
    '# augment then refuses to overwrite it (and the run keys of recipes that read it change with its content).\n';
  return header + stringify(sidecar, { lineWidth: 0 });
}
