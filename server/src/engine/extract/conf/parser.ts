// Parser for Splunk .conf text: `[stanza]` headers, `key = value` settings, `#` comments and
// line continuation with a trailing backslash. Never throws; problems come back as errors with lines.

/** One `key = value` setting with the 1-based line where it starts. */
export interface ConfSetting {
  key: string;
  value: string;
  line: number;
}

/** One `[name]` stanza. Settings before the first header belong to the stanza named `default`. */
export interface ConfStanza {
  name: string;
  line: number;
  /** Settings by key; a repeated key keeps the last value (as Splunk does). */
  settings: Map<string, ConfSetting>;
}

export interface ConfError {
  message: string;
  line: number;
}

export interface ParsedConf {
  /** File path or label, for messages. */
  file: string;
  stanzas: ConfStanza[];
  errors: ConfError[];
}

export const DEFAULT_STANZA = 'default';

/** Parses the text of one .conf file. */
export function parseConf(text: string, file = '<conf>'): ParsedConf {
  const stanzas: ConfStanza[] = [];
  const errors: ConfError[] = [];
  const byName = new Map<string, ConfStanza>();
  let current: ConfStanza | undefined;
  const lines = text.split(/\r\n|\n|\r/);

  const stanzaFor = (name: string, line: number): ConfStanza => {
    // A stanza repeated in one file merges into the first occurrence.
    let s = byName.get(name);
    if (!s) {
      s = { name, line, settings: new Map() };
      byName.set(name, s);
      stanzas.push(s);
    }
    return s;
  };

  for (let i = 0; i < lines.length; i++) {
    const startLine = i + 1;
    let line = lines[i];
    if (i === 0 && line.charCodeAt(0) === 0xfeff) line = line.slice(1);
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;

    if (trimmed.startsWith('[')) {
      const close = trimmed.lastIndexOf(']');
      if (close < 0) {
        errors.push({ message: `Stanza header without closing ']': ${trimmed}`, line: startLine });
        current = undefined;
        continue;
      }
      current = stanzaFor(trimmed.slice(1, close), startLine);
      continue;
    }

    // Join continuation lines: a trailing backslash continues the value on the next line.
    let logical = line;
    while (/\\\s*$/.test(logical) && !/\\\\\s*$/.test(logical) && i + 1 < lines.length) {
      logical = logical.replace(/\\\s*$/, '') + lines[++i];
    }

    const eq = logical.indexOf('=');
    if (eq < 0) {
      errors.push({ message: `Expected 'key = value': ${trimmed}`, line: startLine });
      continue;
    }
    const key = logical.slice(0, eq).trim();
    const value = logical.slice(eq + 1).trim();
    if (key === '') {
      errors.push({ message: 'Setting without a key', line: startLine });
      continue;
    }
    if (!current) current = stanzaFor(DEFAULT_STANZA, startLine);
    current.settings.set(key, { key, value, line: startLine });
  }
  return { file, stanzas, errors };
}
