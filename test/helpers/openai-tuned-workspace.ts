/**
 * A workspace where the OpenAI emulator (running in the test's process) has
 * tuned gpt-4o-mini on two small domains, as the README's emulator
 * walk-through does: `npm run finetune -- start … --yes`, then `wait`. Its
 * `npm start` then evaluates, per domain, the tuned model, the base model and
 * the in-context reference beside lookup: a new-knowledge domain (two
 * invented people), an update domain (ten Python renames, for stale
 * answers) and a control domain (five questions, for locality).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import { expect } from 'vitest';
import { DOMAINS_DIR } from '../../lib/suites/write-suites.ts';
import { startOpenAIEmulator, type OpenAIEmulator, type OpenAIEmulatorOptions } from '../../emulators/openai/server.ts';
import { cloudWorkspace, type CloudWorkspace } from './cloud-workspace.ts';

export const TUNED_DOMAINS = ['fictional-people', 'python-renames'] as const;

export interface TunedOpenAIWorkspace {
  emu: OpenAIEmulator;
  w: CloudWorkspace;
}

export async function tunedOpenAIWorkspace(options: OpenAIEmulatorOptions = {}, key = 'test-key'): Promise<TunedOpenAIWorkspace> {
  const emu = await startOpenAIEmulator({ stepMs: 15, ...options });
  const w = cloudWorkspace({ OPENAI_BASE_URL: emu.url, OPENAI_API_KEY: key }, { comparisons: 1, control: 5 });
  const renames = parse(readFileSync(path.join(DOMAINS_DIR, 'python-renames.yaml'), 'utf8')) as { facts: unknown[] };
  renames.facts = renames.facts.slice(0, 10); // fine-tuning needs 10 examples
  writeFileSync(path.join(w.domains, 'python-renames.yaml'), stringify(renames));
  for (const domain of TUNED_DOMAINS) {
    const r = await w.finetune('start', '--domain', domain, '--model', 'gpt-4o-mini', '--epochs', '1', '--yes');
    expect(r.code, r.stderr).toBe(0);
  }
  const waited = await w.finetune('wait', '--interval', '0.05');
  expect(waited.code, waited.stderr).toBe(0);
  return { emu, w };
}
