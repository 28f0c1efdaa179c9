import * as fs from 'node:fs';
import * as path from 'node:path';
import { readEvents, type ReaderInput, type ReadOptions } from '../../../server/src/engine/readers';
import type { EngineMessage, RawEvent } from '../../../server/src/engine/types';
import type { ReadInfo } from '../../../server/src/engine/readers';

export const FIXTURES = path.join(__dirname, 'fixtures');

export function fixturePath(name: string): string {
  return path.join(FIXTURES, name);
}

export function fixtureBytes(name: string): Buffer {
  return fs.readFileSync(fixturePath(name));
}

export function fixtureNames(): string[] {
  return fs.readdirSync(FIXTURES).sort();
}

export interface Collected {
  events: RawEvent[];
  messages: EngineMessage[];
  info: ReadInfo | undefined;
}

/** Reads everything from a streaming reader. */
export async function collect(input: ReaderInput, options: ReadOptions = {}): Promise<Collected> {
  const stream = readEvents(input, options);
  const events: RawEvent[] = [];
  for await (const e of stream) events.push(e);
  return { events, messages: stream.messages, info: stream.info };
}
