/** The `--help` text of a command, made from its declaration (command-spec.ts). */
import { accepts, defaultOf, npmRun, optionForm, type CommandSpec, type OptionSpec } from './command-spec.ts';

/** `usage: npm run finetune -- <plan|start|…> [options]` */
export function synopsis(spec: CommandSpec): string {
  const words: string[] = [];
  if (spec.args) words.push(spec.args);
  if (spec.commands) words.push(`<${spec.commands.map((c) => c.name).join('|')}>`);
  if (spec.positionals) words.push(spec.positionals.value);
  if (spec.passThrough || Object.values(spec.options).some((o) => !o.hidden)) words.push('[options]');
  return words.length ? `${npmRun(spec.script)} -- ${words.join(' ')}` : npmRun(spec.script);
}

/** The description, with what the option takes (when the type says more than "a text") and its default. */
export function optionDetail(spec: OptionSpec): string {
  // A text says nothing more; a choice whose value name lists the choices has said it.
  const takes = spec.type === 'flag' || spec.type === 'text' || (spec.type === 'choice' && spec.value === undefined) ? '' : `: ${accepts(spec)}`;
  const fallback = defaultOf(spec);
  return `${spec.description}${takes}${fallback === undefined ? '' : ` (default ${fallback})`}`;
}

/** Two columns; a left cell wider than `width` gets its own line. */
function table(rows: [string, string][], width = Math.min(32, Math.max(...rows.map(([left]) => left.length)) + 2)): string[] {
  return rows.map(([left, right]) => `  ${left.length + 2 > width ? `${left}\n  ${' '.repeat(width)}` : left.padEnd(width)}${right}`);
}

export function usageText(spec: CommandSpec): string {
  const lines = [`usage: ${synopsis(spec)}`, '', spec.summary];
  if (spec.commands) lines.push('', 'commands:', ...table(spec.commands.map((c) => [c.name, c.description])));
  if (spec.positionals) lines.push('', 'arguments:', ...table([[spec.positionals.value, spec.positionals.description]]));
  const shown = Object.entries(spec.options).filter(([, o]) => !o.hidden);
  // Grouped options first (a command's own sections), then the ungrouped ones and --help.
  const groups = [...Object.keys(spec.groups ?? {}), undefined];
  const rows = (group: string | undefined): [string, string][] =>
    shown.filter(([, o]) => o.group === group).map(([name, o]) => [`${o.short ? `-${o.short}, ` : ''}${optionForm(name, o)}`, optionDetail(o)]);
  const all = groups.flatMap((g) => rows(g));
  // One width for every group, so the descriptions line up down the page.
  const width = Math.min(32, Math.max(12, ...all.map(([left]) => left.length)) + 2);
  for (const group of groups) {
    const r = rows(group);
    if (group === undefined) lines.push('', 'options:', ...table([...r, ['-h, --help', 'print this help']], width));
    else if (r.length) lines.push('', `${spec.groups![group]}:`, ...table(r, width));
  }
  if (spec.notes) lines.push('', spec.notes);
  return lines.join('\n');
}
