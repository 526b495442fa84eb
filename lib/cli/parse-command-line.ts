/**
 * Parses a command line by its declaration (command-spec.ts): node's
 * parseArgs tokenizes; every check is made here, each failure one UserError
 * line that says what to type instead:
 *
 * - a flag npm took for itself (`npm start --only x`, npm-swallowed-flags.ts);
 * - an unknown option, with the nearest declared one (`unknown option --domian;
 *   did you mean --domain?`), an unknown subcommand likewise;
 * - an option without its value, a switch given one, an empty value, a value
 *   outside its type or range (each item of a comma list), a missing required
 *   option, too few or too many arguments.
 *
 * `--help`/`-h` is declared for every command.
 */
import { parseArgs } from 'node:util';
import type { CommandIO } from '../foundation/command-io.ts';
import { UserError } from '../foundation/errors.ts';
import { accepts, npmRun, valueName, type CommandSpec, type OptionSpec, type OptionSpecs, type OptionValues } from './command-spec.ts';
import { nearest } from '../foundation/nearest.ts';
import { swallowedFlags } from './npm-swallowed-flags.ts';

export interface ParsedCommandLine<O extends OptionSpecs> {
  help: false;
  values: OptionValues<O>;
  /** The subcommand, when the spec declares some. */
  command?: string;
  /** Arguments that are not options (after the subcommand); with `passThrough`, everything after it, unparsed. */
  positionals: string[];
}

const HELP: OptionSpec = { type: 'flag', short: 'h', description: 'print this help' };

/** The environment and npm's command line, to find flags npm took (only env is needed). */
export type ParseContext = Pick<CommandIO, 'env'> & Partial<Pick<CommandIO, 'npmArgv'>>;

const helpHint = (spec: CommandSpec) => `${npmRun(spec.script)} -- ${spec.args ? `${spec.args} ` : ''}--help lists them`;

function optionsOf(spec: CommandSpec): [string, OptionSpec][] {
  return [...Object.entries(spec.options), ['help', HELP]];
}

function checkItem(name: string, spec: OptionSpec, text: string): unknown {
  const bad = () => new UserError(`--${name} ${JSON.stringify(text)}: expected ${accepts(spec)}`);
  switch (spec.type) {
    case 'flag':
      throw new Error('a switch has no value');
    case 'text':
      if (!spec.empty && text.trim() === '') throw new UserError(`--${name} must not be empty (--${name} ${valueName(spec)})`);
      return text;
    case 'integer':
    case 'number': {
      if (spec.auto && text === 'auto') return 'auto';
      const pattern = spec.type === 'integer' ? /^\s*-?\d+\s*$/ : /^\s*-?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?\s*$/i;
      const n = Number(text);
      if (!pattern.test(text) || !Number.isFinite(n)) throw bad();
      if (spec.type === 'integer' && !Number.isSafeInteger(n)) throw bad();
      const above = spec.type === 'number' ? spec.above : undefined;
      if ((spec.min !== undefined && n < spec.min) || (spec.max !== undefined && n > spec.max) || (above !== undefined && n <= above)) throw bad();
      return n;
    }
    case 'choice':
      if (spec.choices.includes(text)) return text;
      throw new UserError(`--${name} ${JSON.stringify(text)}: expected ${accepts(spec)}${suggest(nearest(text, spec.choices))}`);
    case 'custom': {
      const value = spec.parse(text);
      if (value === undefined) throw bad();
      return value;
    }
  }
}

const suggest = (name: string | undefined, prefix = '') => (name === undefined ? '' : `; did you mean ${prefix}${name}?`);

function valueOf(name: string, spec: OptionSpec, text: string): unknown {
  if (spec.type === 'flag' || !spec.list) return checkItem(name, spec, text);
  const items = text.split(',').map((s) => s.trim()).filter(Boolean);
  if (!items.length) throw new UserError(`--${name} needs a value: ${valueName(spec)}[,${valueName(spec)}…] (${JSON.stringify(text)} names none)`);
  return items.map((item) => checkItem(name, spec, item));
}

/** Parses `argv` by `spec`; 'help' when --help was asked. Throws a UserError on any mistake. */
export function parseCommandLine<const O extends OptionSpecs>(spec: CommandSpec<O>, argv: readonly string[], context: ParseContext): ParsedCommandLine<O> | { help: true } {
  const options = optionsOf(spec);
  const byName = new Map(options);
  const swallowed = swallowedFlags(
    { script: spec.script, args: spec.args, options: new Map(options.filter(([n]) => n !== 'help').map(([n, o]) => [n, o.type !== 'flag'])) },
    context.env,
    argv,
    context.npmArgv?.(),
  );
  if (swallowed)
    throw new UserError(`npm took ${swallowed.flags.join(', ')} for itself (npm reads the flags before -- as its own, and the command never saw them); run: ${swallowed.rightForm}`);

  const { tokens } = parseArgs({
    args: [...argv],
    strict: false,
    allowPositionals: true,
    tokens: true,
    options: Object.fromEntries(options.map(([n, o]) => [n, { type: o.type === 'flag' ? ('boolean' as const) : ('string' as const), ...(o.short ? { short: o.short } : {}) }])),
  });

  const given = new Map<string, string | true>();
  const positionals: string[] = [];
  let rest: string[] | undefined;
  for (const token of tokens) {
    if (rest) break;
    if (token.kind === 'option-terminator') {
      positionals.push(...argv.slice(token.index + 1));
      break;
    }
    if (token.kind === 'positional') {
      positionals.push(token.value);
      // After the subcommand, a pass-through command's arguments are its own, flags included.
      if (spec.passThrough && positionals.length === 1) rest = argv.slice(token.index + 1);
      continue;
    }
    const name = token.name;
    const declared = byName.get(name);
    if (!declared) {
      const long = token.rawName.startsWith('--');
      const near = long ? nearest(name, options.filter(([, o]) => !o.hidden).map(([n]) => n)) : undefined;
      throw new UserError(`unknown option ${token.rawName}${suggest(near, '--')}${near ? '' : ` (${helpHint(spec)})`}`);
    }
    if (declared.type === 'flag') {
      if (token.inlineValue) throw new UserError(`--${name} is a switch and takes no value (got ${token.rawName}=${token.value})`);
      given.set(name, true);
      continue;
    }
    const needs = `${token.rawName} needs a value (${token.rawName} ${valueName(declared)})`;
    if (token.value === undefined) throw new UserError(needs);
    // `--model --epochs 3`: the next flag is not the value; `--model=--x` passes such a text.
    if (!token.inlineValue && /^--?[A-Za-z]/.test(token.value)) throw new UserError(`${needs}; ${token.value} is an option (write ${token.rawName}=${token.value} for a text that starts with -)`);
    given.set(name, token.value);
  }
  if (given.has('help')) return { help: true };

  let command: string | undefined;
  if (spec.commands) {
    const names = spec.commands.map((c) => c.name);
    command = positionals.shift();
    const word = spec.commandWord ?? 'command';
    if (command === undefined) throw new UserError(`name ${/^[aeiou]/.test(word) ? 'an' : 'a'} ${word}: ${names.join(', ')}`);
    if (!names.includes(command)) throw new UserError(`unknown ${word} ${JSON.stringify(command)}; one of ${names.join(', ')}${suggest(nearest(command, names))}`);
  }
  if (rest) positionals.push(...rest);
  else if (!spec.passThrough) {
    const min = spec.positionals?.min ?? 0;
    const max = spec.positionals ? (spec.positionals.max ?? Infinity) : 0;
    if (positionals.length > max)
      throw new UserError(`unexpected argument ${JSON.stringify(positionals[max])}${max === 0 ? ' (this command takes options only; they start with --)' : ''}`);
    if (positionals.length < min) throw new UserError(`missing ${spec.positionals!.value}: ${spec.positionals!.description}`);
  }

  const values: Record<string, unknown> = {};
  for (const [name, o] of options) {
    if (name === 'help') continue;
    const raw = given.get(name);
    if (o.type === 'flag') {
      values[name] = raw === true;
      continue;
    }
    if (raw !== undefined) values[name] = valueOf(name, o, raw as string);
    else if (o.required) throw new UserError(`--${name} is required (--${name} ${valueName(o)}: ${o.description})`);
    else values[name] = o.default === undefined ? undefined : o.list ? [o.default] : o.default;
  }
  return { help: false, values: values as OptionValues<O>, command, positionals };
}
