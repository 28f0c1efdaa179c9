// The local engine's cap on commands that must hold every event they receive before answering
// (sort, eventstats, transaction, join): beyond it such a command stops the run with a message
// naming itself and the figures, instead of growing until the worker's memory limit. Splunk bounds
// these commands too, each its own way (limits.conf spec, help.splunk.com …/limits.conf: `[join]
// subsearch_maxout = 50000`, `max_mem_usage_mb`; the transaction command's memcontrol options
// `maxopentxn` / `maxopenevents`; sort's default count of 10000 results). This cap is not one of
// Splunk's: it is the local engine's own, sized to stay well inside the engine worker's default
// 1024 MB heap (detectionWorkbench.engine.maxMemoryMB) with events of ~1 KB, and it says so.
export const MAX_HELD_EVENTS = 500_000;

/** The commands that keep all their input rows at once. */
export const HOLDING_COMMANDS = ['sort', 'eventstats', 'transaction', 'join'] as const;

export function heldEventsMessage(command: string, limit: number): string {
  return (
    `${command} keeps every event it receives, and received more than ${limit.toLocaleString('en-US')}: the local engine's cap for ` +
    `${HOLDING_COMMANDS.join(', ')}; filter or aggregate (stats) before ${command}, or run it on a smaller sample`
  );
}
