/**
 * The platforms' own settings as command-line options, made from their
 * declarations (`<id>-settings.ts`): one group per platform in the usage text
 * and in docs/commands.md, each flag checked by the platform's schema; and
 * the parsed values read back as platform options (of a run, by key) and
 * connection settings (by platform). `npm run finetune` spreads these into
 * its declaration, so a platform's new setting needs no edit there.
 */
import type { CustomOption } from '../cli/command-spec.ts';
import { describeValues, valueFromText, type PlatformSettings } from './platform-settings.ts';
import { PLATFORM_SETTINGS } from './registry.ts';

const groupOf = (p: PlatformSettings) => `platform-${p.platform}`;

/** The options and their group headings, platform by platform. */
export function platformSettingOptions(): { options: Record<string, CustomOption>; groups: Record<string, string> } {
  const options: Record<string, CustomOption> = {};
  const groups: Record<string, string> = {};
  for (const p of Object.values(PLATFORM_SETTINGS)) {
    const group = groupOf(p);
    for (const s of Object.values(p.run)) {
      options[s.flag] = {
        type: 'custom',
        value: s.value,
        list: true,
        group,
        description: s.description,
        accepts: describeValues(s.schema),
        parse: (text) => valueFromText(s.schema, text),
        ...((s.defaultText ?? s.default) !== undefined && { defaultText: s.defaultText ?? String(s.default) }),
      };
    }
    for (const s of Object.values(p.connection)) {
      options[s.flag] = {
        type: 'custom',
        value: s.value,
        group,
        description: `${s.description} (not part of a run)`,
        accepts: s.accepts,
        parse: (text) => valueFromText(s.schema, text),
        ...(s.defaultText !== undefined && { defaultText: s.defaultText }),
      };
    }
    if (Object.keys(p.run).length || Object.keys(p.connection).length) groups[group] = `${p.title}'s own settings (--platform ${p.platform}; another platform refuses them)`;
  }
  return { options, groups };
}

export interface GivenPlatformSettings {
  /** Run settings given, by key: their values (a comma list). */
  run: Record<string, unknown[]>;
  /** Connection settings given, by platform, then key. */
  connection: Record<string, Record<string, string>>;
  /** The flags of the run settings given (`--adapter-size`), for messages. */
  runFlags: string[];
  /** The platforms whose connection settings were given, with the flags. */
  connectionFlags: { platform: PlatformSettings; flag: string }[];
}

/** The platform settings among a command line's parsed values (keyed by flag). */
export function givenPlatformSettings(values: Readonly<Record<string, unknown>>): GivenPlatformSettings {
  const given: GivenPlatformSettings = { run: {}, connection: {}, runFlags: [], connectionFlags: [] };
  for (const p of Object.values(PLATFORM_SETTINGS)) {
    for (const [key, s] of Object.entries(p.run)) {
      const value = values[s.flag];
      if (value === undefined) continue;
      if (!Array.isArray(value)) throw new Error(`--${s.flag}: a run setting is parsed as a list`);
      given.run[key] = value;
      given.runFlags.push(`--${s.flag}`);
    }
    for (const [key, s] of Object.entries(p.connection)) {
      const value = values[s.flag];
      if (value === undefined) continue;
      if (typeof value !== 'string') throw new Error(`--${s.flag}: a connection setting is parsed as one text`);
      (given.connection[p.platform] ??= {})[key] = value;
      given.connectionFlags.push({ platform: p, flag: `--${s.flag}` });
    }
  }
  return given;
}
