// An LSP request's cancellation as an AbortSignal for the engine (workers, runs, tests).
import type { CancellationToken } from 'vscode-languageserver/node';

/** A signal aborted when `token` is cancelled; `dispose()` stops listening (call it when the work ends). */
export function abortOn(token: CancellationToken): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  const listener = token.onCancellationRequested(() => controller.abort());
  return { signal: controller.signal, dispose: () => listener.dispose() };
}
