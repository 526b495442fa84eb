/**
 * A command's command line, declared once as data: its options (name, type,
 * range, default, one line of description), its positional arguments or
 * subcommands, and its summary. From this one declaration come its usage text
 * (`--help`, usage-text.ts), its parsing and validation
 * (parse-command-line.ts: types, ranges, lists, the nearest option on a
 * typo, flags npm took for itself) and its entry in the Markdown command
 * reference (command-reference.ts, `npm run docs:commands`).
 *
 * Why a small declarative layer over `node:util` parseArgs rather than a CLI
 * library (commander, yargs): parseArgs already tokenizes (`--x=v`, `-y`,
 * `--`), and what this project needs on top is its own: errors that are one
 * UserError line in its wording, output through `io` (commands run in-process
 * in tests, never touching `process` or calling `exit`), checks of npm's
 * `npm_config_*` variables, and a reference rendered into docs/. commander
 * and yargs own process output and exit, word their own errors and help, and
 * would have been bent to each of these; this layer is about 550 lines,
 * with the edit distance from `fastest-levenshtein` (lib/foundation/nearest.ts).
 */

interface OptionBase {
  /** What it is for, one line: the usage text and the reference show it. */
  description: string;
  /** A one-letter alias (`y` for `-y`). */
  short?: string;
  /** The heading it is listed under (CommandSpec.groups); ungrouped options come first. */
  group?: string;
  /** Not listed in the usage or the reference (an internal switch). */
  hidden?: boolean;
  /** The default as said to a person, when it is not a plain value (`$FTBENCH_RUNS_DIR, else runs/`). */
  defaultText?: string;
}

/** A switch: present or not. */
export interface FlagOption extends OptionBase {
  type: 'flag';
}

interface ValueOptionBase extends OptionBase {
  /** The value's name in the usage: N, DIR, ID. */
  value: string;
  /** Takes a comma list (`--model a,b`): every item is checked; an empty list is an error. */
  list?: boolean;
  /** Must be given. */
  required?: boolean;
}

/** Any text; an empty or blank one is refused unless `empty` says it may be. */
export interface TextOption extends ValueOptionBase {
  type: 'text';
  default?: string;
  empty?: boolean;
}

export interface IntegerOption extends ValueOptionBase {
  type: 'integer';
  min: number;
  max?: number;
  default?: number;
  /** Also takes the word `auto`. */
  auto?: boolean;
}

export interface NumberOption extends ValueOptionBase {
  type: 'number';
  min?: number;
  /** Exclusive lower bound. */
  above?: number;
  max?: number;
  default?: number;
  auto?: boolean;
}

export interface ChoiceOption extends Omit<ValueOptionBase, 'value'> {
  type: 'choice';
  choices: readonly string[];
  /** The value's name in the usage (default: the choices, `a|b|c`). */
  value?: string;
  default?: string;
}

/** A value with its own reading: `parse` returns it, or undefined when the text is not one (or throws its own UserError). */
export interface CustomOption<T = unknown> extends ValueOptionBase {
  type: 'custom';
  parse: (text: string) => T | undefined;
  /** What it takes, as said in errors and the reference: "a share from 0 to 1 or a percentage". */
  accepts: string;
  default?: T;
}

export type OptionSpec = FlagOption | TextOption | IntegerOption | NumberOption | ChoiceOption | CustomOption;
export type OptionSpecs = Readonly<Record<string, OptionSpec>>;

/** One subcommand: the first positional argument names it (`npm run finetune -- plan`). */
export interface SubcommandSpec {
  name: string;
  description: string;
}

export interface CommandSpec<O extends OptionSpecs = OptionSpecs> {
  /** The npm script: `start` runs as `npm start`, any other as `npm run <script>`. */
  script: string;
  /** Words after `--` that name it under its script (`openai` for `npm run emulator -- openai`). */
  args?: string;
  /** What it does: one short paragraph. */
  summary: string;
  /** Subcommands; the first argument must name one. */
  commands?: readonly SubcommandSpec[];
  /** What a subcommand is called in errors (`unknown emulator "x"`); default `command`. */
  commandWord?: string;
  /**
   * Arguments that are not options, e.g. `{ value: '<results.json> …', min: 1 }`.
   * Without it (and without `passThrough`) any is an error.
   */
  positionals?: { value: string; description: string; min?: number; max?: number };
  /** After the subcommand, the rest is not parsed here: it belongs to the subcommand (`npm run emulator -- openai --port 1`). */
  passThrough?: boolean;
  options: O;
  /** Headings of option groups, in order: `{ run: 'a run (comma lists expand …)' }`. */
  groups?: Readonly<Record<string, string>>;
  /** Said after the options: environment variables read, what is written. */
  notes?: string;
}

type One<S> = S extends { type: 'flag' }
  ? boolean
  : S extends { type: 'custom'; parse: (text: string) => infer T }
    ? Exclude<T, undefined>
    : S extends { type: 'integer' | 'number'; auto: true }
      ? number | 'auto'
      : S extends { type: 'integer' | 'number' }
        ? number
        : S extends { type: 'choice'; choices: readonly (infer C)[] }
          ? C
          : string;
type Given<S> = S extends { list: true } ? One<S>[] : One<S>;

/** The parsed values of a declaration: a flag is a boolean; an option with a default or required has a value; any other may be undefined. */
export type OptionValues<O extends OptionSpecs> = {
  -readonly [K in keyof O]: O[K] extends { type: 'flag' } ? boolean : O[K] extends { default: unknown } | { required: true } ? Given<O[K]> : Given<O[K]> | undefined;
};

/** Declares a command: returns the spec as given, with its literal types kept for OptionValues. */
export function defineCommand<const O extends OptionSpecs>(spec: CommandSpec<O>): CommandSpec<O> {
  return spec;
}

/** How a person runs the script: `npm start`, `npm run finetune`. */
export function npmRun(script: string): string {
  return script === 'start' || script === 'test' ? `npm ${script}` : `npm run ${script}`;
}

/** The value's name in the usage: N, DIR, or a choice's `a|b|c`. */
export function valueName(spec: Exclude<OptionSpec, FlagOption>): string {
  return spec.value ?? (spec.type === 'choice' ? spec.choices.join('|') : 'VALUE');
}

/** `--name VALUE` (`--name VALUE[,…]` for a list), as the usage and the reference show an option. */
export function optionForm(name: string, spec: OptionSpec): string {
  if (spec.type === 'flag') return `--${name}`;
  return `--${name} ${valueName(spec)}${spec.list ? '[,…]' : ''}`;
}

const range = (min: number | undefined, max: number | undefined, above?: number): string => {
  if (above !== undefined) return max === undefined ? `above ${above}` : `above ${above} and at most ${max}`;
  if (min !== undefined && max !== undefined) return `from ${min} to ${max}`;
  if (min !== undefined) return `of at least ${min}`;
  if (max !== undefined) return `of at most ${max}`;
  return '';
};

/** What an option takes, as errors and the reference say it: "an integer from 1 to 50", "one of openai, vertex". */
export function accepts(spec: OptionSpec): string {
  switch (spec.type) {
    case 'flag':
      return 'nothing (a switch)';
    case 'text':
      return 'a text';
    case 'integer':
      return `${spec.auto ? '"auto" or ' : ''}an integer ${range(spec.min, spec.max)}`.trim();
    case 'number':
      return `${spec.auto ? '"auto" or ' : ''}a number ${range(spec.min, spec.max, spec.above)}`.trim();
    case 'choice':
      return `one of ${spec.choices.join(', ')}`;
    case 'custom':
      return spec.accepts;
  }
}

/** The default as said to a person, or undefined when there is none. */
export function defaultOf(spec: OptionSpec): string | undefined {
  if (spec.defaultText !== undefined) return spec.defaultText;
  if (spec.type === 'flag' || spec.default === undefined) return undefined;
  return String(spec.default);
}
