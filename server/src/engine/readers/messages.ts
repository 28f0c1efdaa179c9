// Collects reader messages, limiting how many of one kind are reported so that a binary or
// badly broken file cannot flood the user (or memory) with warnings.

import type { EngineMessage } from '../types';

/** Message kinds: each is capped separately. */
export type MessageKind =
  | 'invalid-json'
  | 'unterminated'
  | 'truncated'
  | 'binary'
  | 'encoding'
  | 'outside-event'
  | 'csv-shape'
  | 'input'
  | 'cancelled';

export class MessageCollector {
  readonly messages: EngineMessage[] = [];
  private readonly counts = new Map<MessageKind, number>();

  constructor(
    private readonly maxPerKind: number,
    private readonly onMessage?: (message: EngineMessage) => void,
  ) {}

  report(kind: MessageKind, severity: EngineMessage['severity'], message: string, line?: number): void {
    const n = (this.counts.get(kind) ?? 0) + 1;
    this.counts.set(kind, n);
    if (n <= this.maxPerKind) this.push(line === undefined ? { severity, message } : { severity, message, line });
  }

  warn(kind: MessageKind, message: string, line?: number): void {
    this.report(kind, 'warning', message, line);
  }

  /** Adds one summary per kind whose messages were capped. Call once at the end. */
  finish(): void {
    for (const [kind, n] of this.counts) {
      if (n > this.maxPerKind) {
        this.push({ severity: 'info', message: `${n - this.maxPerKind} more '${kind}' messages were not shown` });
      }
    }
  }

  private push(message: EngineMessage): void {
    this.messages.push(message);
    if (this.onMessage) {
      try {
        this.onMessage(message);
      } catch {
        // A faulty listener must not break reading.
      }
    }
  }
}
