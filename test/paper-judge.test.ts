/**
 * Paper mode's judge: the study's eval_prompt read at run time from the
 * FineTuneBench checkout (FINETUNEBENCH_DIR in tests), never copied.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadApiProvider } from 'promptfoo';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserError } from '../lib/foundation/errors.ts';
import { LlmJudge } from '../lib/grading/judge/llm-judge.ts';
import { finetunebenchDir, loadStudyPrompt, paperJudgeMessages, paperJudgeRecipe } from '../lib/grading/judge/paper-prompt.ts';
import { withoutResponseCache } from '../lib/grading/judge/promptfoo-verdict-store.ts';
import { PROJECT_ROOT } from '../lib/foundation/project-root.ts';
import { startJudgeEmulator, type JudgeEmulator } from '../emulators/judge/server.ts';
import { tempDir } from './helpers/run.ts';
import { HAS_UPSTREAM, UPSTREAM_DIR, UPSTREAM_SKIP_NOTE } from './helpers/upstream.ts';

const UPSTREAM = UPSTREAM_DIR;
const hasUpstream = HAS_UPSTREAM;

const input = { question: 'How many pounds does Falekefud weigh?', references: ['126'], statement: 'Falekefud weighs 126 pounds.', candidate: '126 pounds' };

/** A prompt file of our own in the study's shape, for the error paths. */
function fakeCheckout(content: unknown): string {
  const dir = tempDir('ftbench-fake-ftb-');
  mkdirSync(path.join(dir, 'prompts'));
  writeFileSync(path.join(dir, 'prompts', 'latest_news.json'), typeof content === 'string' ? content : JSON.stringify(content));
  return dir;
}

describe('locating and validating the study prompt', () => {
  it('needs a checkout: FINETUNEBENCH_DIR or an explicit path', () => {
    expect(() => finetunebenchDir(undefined, {})).toThrow(UserError);
    expect(() => finetunebenchDir(undefined, {})).toThrow(/set FINETUNEBENCH_DIR/);
    expect(finetunebenchDir(undefined, { FINETUNEBENCH_DIR: '/x/ftb' })).toBe('/x/ftb');
    expect(finetunebenchDir('../shared/finetunebench', {})).toBe(path.join(PROJECT_ROOT, '..', 'shared', 'finetunebench'));
  });

  it('names the file and the field that is wrong', () => {
    expect(() => loadStudyPrompt(tempDir())).toThrow(/prompts\/latest_news\.json: not found/);
    expect(() => loadStudyPrompt(fakeCheckout('{oops'))).toThrow(/latest_news\.json: not valid JSON/);
    expect(() => loadStudyPrompt(fakeCheckout({ qa_prompt: {} }))).toThrow(/eval_prompt: missing/);
    expect(() => loadStudyPrompt(fakeCheckout({ eval_prompt: { system: 1, user: 'x' } }))).toThrow(/eval_prompt\.system: expected a string/);
    expect(() => loadStudyPrompt(fakeCheckout({ eval_prompt: { system: 's', user: 'Q: {question} A: {answer}' } }))).toThrow(
      /eval_prompt\.user: missing placeholder\(s\) \{context\}, \{guess\}/,
    );
  });

  it('fills the placeholders in one pass, so a candidate cannot fill them again', () => {
    const prompt = loadStudyPrompt(fakeCheckout({ eval_prompt: { system: 'S', user: 'Q={question}|A={answer}|C={context}|G={guess}' } }));
    const [, user] = paperJudgeMessages(prompt, { ...input, candidate: 'x {answer} {guess}' });
    expect(user!.content).toBe('Q=How many pounds does Falekefud weigh?|A=126|C=Falekefud weighs 126 pounds.|G=x {answer} {guess}');
    const [, abstainUser] = paperJudgeMessages(prompt, { ...input, references: [], expect: 'abstain', candidate: 'None' });
    expect(abstainUser!.content).toContain('A=None|');
  });
});

describe.skipIf(!hasUpstream)(`the study prompt from the checkout${UPSTREAM_SKIP_NOTE}`, () => {
  let emu: JudgeEmulator;
  beforeAll(async () => {
    emu = await startJudgeEmulator();
  });
  afterAll(async () => {
    await emu.close();
  });

  it("sends the upstream eval_prompt's system text and its filled user template", () => {
    const upstream = JSON.parse(readFileSync(path.join(UPSTREAM, 'prompts', 'latest_news.json'), 'utf8')).eval_prompt;
    const prompt = loadStudyPrompt(UPSTREAM);
    const [system, user] = paperJudgeMessages(prompt, input);
    expect(system!.content).toBe(upstream.system);
    for (const p of ['{question}', '{answer}', '{context}', '{guess}']) expect(upstream.user).toContain(p);
    expect(user!.content).toContain(input.question);
    expect(user!.content).toContain(input.candidate);
    expect(user!.content).not.toMatch(/\{(question|answer|context|guess)\}/);
  });

  it('judges through the emulator with "Correct" / "Incorrect" verdicts', async () => {
    const recipe = paperJudgeRecipe(loadStudyPrompt(UPSTREAM));
    const provider = await loadApiProvider('openai:chat:judge-rule', { options: { config: { apiBaseUrl: emu.url, apiKey: 'emulator-key' } } });
    const judge = new LlmJudge(provider, recipe, { callWrapper: withoutResponseCache });
    expect(await judge.judge(input)).toMatchObject({ correct: true, raw: 'Correct' });
    expect(await judge.judge({ ...input, candidate: '130' })).toMatchObject({ correct: false, raw: 'Incorrect' });
    emu.setFaults({ malformed: Infinity, malformedReply: 'VERDICT: CORRECT' });
    await expect(judge.judge({ ...input, candidate: '126 lbs' })).rejects.toThrow(/expected exactly "Correct" or "Incorrect"/);
    expect(recipe.version).toMatch(/^finetunebench-eval-prompt-[0-9a-f]{12}$/);
  });

  it('is never copied into the project: no tracked file holds the study prompt', () => {
    const upstream = JSON.parse(readFileSync(path.join(UPSTREAM, 'prompts', 'latest_news.json'), 'utf8')).eval_prompt;
    const needles = [upstream.system.slice(0, 60), upstream.system.slice(-60)];
    const files = execFileSync('git', ['ls-files'], { cwd: PROJECT_ROOT, encoding: 'utf8' }).split('\n').filter(Boolean);
    for (const f of files) {
      const full = path.join(PROJECT_ROOT, f);
      if (!existsSync(full)) continue;
      const text = readFileSync(full, 'utf8');
      for (const n of needles) expect(text.includes(n), f).toBe(false);
    }
  });
});
