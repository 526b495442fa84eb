/**
 * The Markdown command reference (docs/commands.md, `npm run docs:commands`),
 * rendered from the commands' own declarations (command-spec.ts), so it says
 * what the parser accepts.
 */
import { accepts, defaultOf, npmRun, optionForm, type CommandSpec } from './command-spec.ts';
import { synopsis } from './usage-text.ts';

/** A table cell: a pipe (in a code span too, as GFM reads tables) and a line end would break the row. */
const cell = (text: string) => text.replaceAll('|', '\\|').replace(/\r?\n/g, ' ');
const code = (text: string) => `\`${text.replaceAll('`', '')}\``;

export function commandTitle(spec: CommandSpec): string {
  return spec.args ? `${npmRun(spec.script)} -- ${spec.args}` : npmRun(spec.script);
}

function section(spec: CommandSpec): string[] {
  const lines = [`## ${code(commandTitle(spec))}`, '', spec.summary, '', '```', synopsis(spec), '```'];
  if (spec.commands) {
    lines.push('', '| command | what it does |', '| --- | --- |');
    for (const c of spec.commands) lines.push(`| ${cell(code(c.name))} | ${cell(c.description)} |`);
  }
  if (spec.positionals) lines.push('', `Arguments: ${code(spec.positionals.value)}: ${spec.positionals.description}.`);
  const shown = Object.entries(spec.options).filter(([, o]) => !o.hidden);
  const groups: (string | undefined)[] = [undefined, ...Object.keys(spec.groups ?? {})];
  for (const group of groups) {
    const rows = shown.filter(([, o]) => o.group === group);
    if (!rows.length) continue;
    if (group !== undefined) lines.push('', `${spec.groups![group]}:`);
    lines.push('', '| option | takes | default | what it does |', '| --- | --- | --- | --- |');
    for (const [name, o] of rows) {
      const form = `${o.short ? `-${o.short}, ` : ''}${optionForm(name, o)}`;
      const takes = [o.type === 'flag' || o.type === 'text' ? '' : accepts(o), o.type !== 'flag' && o.list ? 'a comma list' : '', o.type !== 'flag' && o.required ? 'required' : ''].filter(Boolean).join('; ');
      const fallback = defaultOf(o);
      lines.push(`| ${cell(code(form))} | ${cell(takes)} | ${fallback === undefined ? '' : cell(code(fallback))} | ${cell(o.description)} |`);
    }
  }
  if (spec.notes) lines.push('', spec.notes);
  return lines;
}

/** Every command's section, in the order given, under one title. */
export function commandReference(specs: readonly CommandSpec[], intro: string): string {
  const toc = specs.map((s) => `- [${code(commandTitle(s))}](#${anchor(commandTitle(s))})`);
  return [`# Command reference`, '', intro, '', ...toc, ...specs.flatMap((s) => ['', ...section(s)]), ''].join('\n');
}

/** GitHub's heading anchor of a code-span heading: lower case, spaces to dashes, punctuation dropped. */
function anchor(title: string): string {
  return title.toLowerCase().replace(/[^\w\- ]/g, '').replaceAll(' ', '-');
}
