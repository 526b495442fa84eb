/**
 * docs/commands.md is rendered from the commands' own declarations
 * (`npm run docs:commands`): the committed file must be what they render
 * now, so a changed option cannot leave the reference behind.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { REFERENCE_FILE, renderCommandReference } from '../scripts/commands/docs-commands.ts';

describe('the command reference', () => {
  it('is up to date with the declarations (run `npm run docs:commands` when this fails)', async () => {
    const rendered = await renderCommandReference();
    expect(readFileSync(REFERENCE_FILE, 'utf8')).toBe(rendered);
  });

  it('lists every command with its options, escaped for a Markdown table', async () => {
    const text = await renderCommandReference();
    for (const title of ['npm start', 'npm run finetune', 'npm run augment', 'npm run emulator -- vertex', 'npm run docs:commands']) expect(text).toContain(`## \`${title}\``);
    expect(text).toContain('| `--epochs N[,…]` | an integer from 1 to 50; a comma list |  | training epochs |');
    expect(text).toContain('| `--platform openai\\|vertex\\|together\\|endpoint[,…]` |');
    // Every table row has its four cells: no pipe inside a cell broke one.
    for (const row of text.split('\n').filter((l) => l.startsWith('| `-'))) expect(row.split(/(?<!\\)\|/).length, row).toBe(6);
  });
});
