/**
 * OpenAI's wind-down of fine-tuning, as `finetune plan` and `start` print it
 * while it is in force: chosen by the date the command reads (io.now, moved
 * here), made from lib/models/prices.json, whose dates are those of docs/fine-tuning.md.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fromProjectRoot } from '../lib/foundation/project-root.ts';
import { platformNotice } from '../lib/models/platform-notice.ts';
import { priceFile } from '../lib/models/prices.ts';
import { main as finetune } from '../scripts/commands/finetune.ts';
import { runMain } from './helpers/command.ts';
import { tempDir } from './helpers/run.ts';
import { tinyDomain } from './helpers/tiny-domain.ts';

const openai = priceFile().platforms.openai!;
const closedNew = openai.training!.closedForNewOrganizations!;
const closedAll = openai.training!.closedForAll!;
const lastRetirement = Object.values(openai.models)
  .map((m) => m.retires!)
  .sort()
  .at(-1)!;

/** Noon UTC of a YYYY-MM-DD day, moved by `days`. */
function day(date: string, days = 0): string {
  return new Date(Date.parse(`${date}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

describe('the dated notice, by the date', () => {
  it.each([
    ['before the first closing date: nothing', day(closedNew, -1), null],
    ['on it: the wind-down, both dates, the retirements', closedNew, /^OpenAI notice \(lib\/models\/prices\.json\): OpenAI is winding down self-serve fine-tuning: organisations that never fine-tuned cannot start jobs since 2026-05-07, and no organisation can start a new job after 2027-01-06/],
    ['the last day jobs can start', closedAll, /no organisation can start a new job after 2027-01-06/],
    ['after it: no new job at all', day(closedAll, 1), /^OpenAI notice \(lib\/models\/prices\.json\): no organisation can start a new fine-tuning job on OpenAI after 2027-01-06 \(start fails with 403 training_not_available\)/],
    ['once the last base model retired: nothing (plan says the model retired)', lastRetirement, null],
  ] as const)('%s', (_name, today, expected) => {
    const notice = platformNotice('openai', today);
    if (expected === null) expect(notice).toBeUndefined();
    else expect(notice).toMatch(expected);
  });

  it('names when tuned models stop answering, past and coming, from the same data', () => {
    const notice = platformNotice('openai', '2026-12-01')!;
    expect(notice).toMatch(/Models already tuned answer until their base model retires: gpt-4o-mini-2024-07-18, gpt-4o-2024-08-06, gpt-4\.1-2025-04-14, [^;]+ retire on 2027-01-14; gpt-3\.5-turbo-0125 retired on 2026-10-23\.$/);
  });

  it('platforms without a notice have none', () => {
    for (const platform of ['vertex', 'together', 'endpoint', 'nope']) expect(platformNotice(platform, '2026-12-01')).toBeUndefined();
  });
});

describe('finetune plan and start print it while it is in force', () => {
  const domains = tempDir();
  writeFileSync(path.join(domains, 'tiny.yaml'), tinyDomain(12));
  // Nothing listens on port 9: plan contacts nothing, and start refuses (no terminal, no --yes) before contacting anything.
  const env = { OPENAI_BASE_URL: 'http://127.0.0.1:9/v1', OPENAI_API_KEY: 'not-a-real-key' };
  const at = (date: string) => () => Date.parse(`${date}T12:00:00Z`);
  const run = (command: string, date: string, model = 'gpt-4o-mini', platform = 'openai') =>
    runMain(finetune, [command, '--runs-dir', tempDir(), '--domains', domains, '--domain', 'tiny-people', '--platform', platform, '--model', model, '--epochs', '3'], { env, now: at(date) });

  it.each(['plan', 'start'])('%s on OpenAI', async (command) => {
    // With the plan (stdout), before anyone is asked to pay; errors stay alone on stderr.
    const during = await run(command, '2026-06-01');
    expect(during.stdout).toContain(`\nnotice: ${platformNotice('openai', '2026-06-01')}\n`);
    if (command === 'start') expect(during.stderr).toMatch(/^error: not starting 1 job\(s\)/);
    const later = await run(command, '2027-01-10');
    expect(later.stdout).toMatch(/^notice: OpenAI notice .*: no organisation can start a new fine-tuning job on OpenAI after 2027-01-06/m);
    const before = await run(command, '2026-04-01');
    expect(before.stdout + before.stderr).not.toMatch(/notice/);
  });

  it('not on another platform', async () => {
    const r = await runMain(finetune, ['plan', '--runs-dir', tempDir(), '--domains', domains, '--domain', 'tiny-people', '--platform', 'together', '--model', 'meta-llama/Meta-Llama-3.1-8B-Instruct-Reference', '--epochs', '3'], { now: at('2026-06-01') });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout + r.stderr).not.toMatch(/notice/);
  });
});

describe("the OpenAI dates of docs/fine-tuning.md are the data's", () => {
  it('every date of the "OpenAI in 2026" paragraph is in lib/models/prices.json, and the data\'s dates are all there', () => {
    const readme = readFileSync(fromProjectRoot('docs/fine-tuning.md'), 'utf8');
    const paragraph = /\*\*OpenAI in 2026\.\*\*[\s\S]*?\n\n/.exec(readme)?.[0];
    expect(paragraph, 'docs/fine-tuning.md has the paragraph').toBeDefined();
    const inReadme = new Set(paragraph!.match(/\d{4}-\d{2}-\d{2}/g));
    const inData = new Set([closedNew, closedAll, ...Object.values(openai.models).map((m) => m.retires!)]);
    expect([...inReadme].sort()).toEqual([...inData].sort());
    // And each says the same thing about each date.
    expect(paragraph).toMatch(new RegExp(`never fine-tuned cannot start jobs since ${closedNew}`));
    expect(paragraph).toMatch(new RegExp(`no organization can start one after ${closedAll}`));
    const retiresOf = (snapshot: string) => openai.models[snapshot]!.retires!;
    expect(paragraph).toMatch(new RegExp(`gpt-3\\.5-turbo and its fine-tunes\\s+retired on ${retiresOf('gpt-3.5-turbo-0125')}`));
    expect(paragraph).toMatch(new RegExp(`gpt-4o, gpt-4o-mini and gpt-4\\.1\\s+snapshots are\\s+announced for ${retiresOf('gpt-4o-mini-2024-07-18')}`));
    expect(new Set(['gpt-4o-2024-08-06', 'gpt-4.1-2025-04-14'].map(retiresOf))).toEqual(new Set([retiresOf('gpt-4o-mini-2024-07-18')]));
  });
});
