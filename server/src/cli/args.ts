// A small, strict command-line parser: `--flag`, `--key value`, `--key=value`, repeatable keys,
// positionals. Unknown options are usage errors with a suggestion.

export interface OptionSpec {
  /** Takes a value (`--log FILE`) rather than being a boolean flag. */
  value?: boolean;
  /** May be given more than once; values collect in an array. */
  repeat?: boolean;
  /** Allowed values. */
  choices?: string[];
  /** Short alias, e.g. `f` for `-f`. */
  short?: string;
}

export interface ParsedArgs {
  positionals: string[];
  options: Record<string, string | string[] | boolean | undefined>;
}

export class UsageError extends Error {}

export function parseArgs(argv: string[], spec: Record<string, OptionSpec>): ParsedArgs {
  const options: ParsedArgs['options'] = {};
  const positionals: string[] = [];
  const byShort = new Map(Object.entries(spec).filter(([, s]) => s.short).map(([k, s]) => [s.short!, k]));
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    let key: string | undefined;
    let inline: string | undefined;
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      key = eq >= 0 ? arg.slice(2, eq) : arg.slice(2);
      inline = eq >= 0 ? arg.slice(eq + 1) : undefined;
    } else if (/^-[A-Za-z]$/.test(arg)) {
      key = byShort.get(arg.slice(1));
      if (!key) throw new UsageError(`unknown option ${arg}`);
    } else {
      positionals.push(arg);
      continue;
    }
    const s = spec[key];
    if (!s) {
      const near = Object.keys(spec).find((k) => k.startsWith(key!.slice(0, 3)));
      throw new UsageError(`unknown option --${key}${near ? `; did you mean --${near}?` : ''}`);
    }
    let value: string | boolean = true;
    if (s.value) {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new UsageError(`--${key} needs a value`);
      if (s.choices && !s.choices.includes(v)) {
        throw new UsageError(`--${key} must be one of ${s.choices.join(', ')} (got "${v}")`);
      }
      value = v;
    } else if (inline !== undefined) {
      throw new UsageError(`--${key} takes no value`);
    }
    if (s.repeat) {
      const list = (options[key] as string[] | undefined) ?? [];
      list.push(String(value));
      options[key] = list;
    } else {
      options[key] = value;
    }
  }
  return { positionals, options };
}

export function stringOption(args: ParsedArgs, key: string): string | undefined {
  const v = args.options[key];
  return typeof v === 'string' ? v : undefined;
}

export function listOption(args: ParsedArgs, key: string): string[] {
  const v = args.options[key];
  return Array.isArray(v) ? v : typeof v === 'string' ? [v] : [];
}
