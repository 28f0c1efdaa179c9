// Helpers for explicit scope assertions: find a needle in tokenized text, check its scopes.
import { strict as assert } from 'node:assert';
import type { TokenizedLine } from './grammar-host';

/** Scopes of the token at the `occurrence`-th match of `needle` (0-based), offset by `delta`. */
export function scopesOf(lines: TokenizedLine[], needle: string, occurrence = 0, delta = 0): string[] {
  let seen = 0;
  for (const line of lines) {
    let from = 0;
    for (;;) {
      const at = line.text.indexOf(needle, from);
      if (at < 0) break;
      if (seen++ === occurrence) {
        const column = at + delta;
        const token = line.tokens.find((t) => t.start <= column && column < t.end);
        return token ? token.scopes : [];
      }
      from = at + 1;
    }
  }
  throw new Error(`"${needle}" (occurrence ${occurrence}) not found`);
}

/** Asserts that the token at `needle` carries a scope equal to (or starting with) `scope`. */
export function assertScope(lines: TokenizedLine[], needle: string, scope: string, occurrence = 0, delta = 0): void {
  const scopes = scopesOf(lines, needle, occurrence, delta);
  assert.ok(
    scopes.some((s) => s === scope || s.startsWith(`${scope}.`)),
    `"${needle}"#${occurrence}: expected ${scope}, got [${scopes.join(' ')}]`,
  );
}

/** Asserts that no scope of the token at `needle` matches `pattern`. */
export function assertNoScope(lines: TokenizedLine[], needle: string, pattern: RegExp, occurrence = 0, delta = 0): void {
  const scopes = scopesOf(lines, needle, occurrence, delta);
  assert.ok(!scopes.some((s) => pattern.test(s)), `"${needle}"#${occurrence}: unexpected ${pattern} in [${scopes.join(' ')}]`);
}

/** Asserts every token of every line in [from, to] (0-based, inclusive) lacks SPL scopes. */
export function assertLinesNotSpl(lines: TokenizedLine[], from: number, to = from): void {
  for (let i = from; i <= to; i++) {
    for (const t of lines[i].tokens) {
      assert.ok(!t.scopes.some((s) => s.endsWith('.spl')), `line ${i + 1} "${lines[i].text.slice(t.start, t.end)}" has SPL scopes [${t.scopes.join(' ')}]`);
    }
  }
}
