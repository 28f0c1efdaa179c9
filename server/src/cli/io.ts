// Where CLI output goes; tests substitute buffers.
export interface CliIO {
  out(text: string): void;
  err(text: string): void;
  cwd: string;
  /** Environment variables (tokens); default `process.env`. */
  env?: Record<string, string | undefined>;
}

export const processIO: CliIO = {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
  cwd: process.cwd(),
};

/** Exit codes shared by all subcommands. */
export const EXIT = { ok: 0, findings: 1, usage: 2 } as const;
