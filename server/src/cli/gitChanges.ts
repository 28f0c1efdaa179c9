// Files changed since a git ref, for `test --changed-since REF`: what `git diff --name-only REF`
// lists (committed and uncommitted changes to tracked files) plus untracked files not ignored.
// git runs through execFile with an argument list (no shell), in the content repository's folder.
import { execFile } from 'child_process';
import * as path from 'path';
import { UsageError } from './args';

function git(args: string[], cwd: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('git', args, { cwd, maxBuffer: 64 * 1024 * 1024, windowsHide: true }, (err, stdout, stderr) => {
      if (err) reject(new Error((stderr || err.message).trim()));
      else resolve(stdout);
    });
  });
}

const splitZ = (s: string) => s.split('\0').filter((x) => x !== '');

/** Absolute paths of the files changed since `ref` in the git work tree holding `dir`. */
export async function changedFilesSince(dir: string, ref: string): Promise<Set<string>> {
  // A ref starting with "-" would be read as an option by git.
  if (!ref || ref.startsWith('-')) throw new UsageError(`--changed-since needs a git ref (a branch, tag or commit), not "${ref}"`);
  let top: string;
  try {
    top = (await git(['rev-parse', '--show-toplevel'], dir)).trim();
  } catch (e) {
    throw new UsageError(`--changed-since needs a git repository, but ${dir} is not inside one (${e instanceof Error ? e.message : String(e)})`);
  }
  let diff: string;
  try {
    diff = await git(['diff', '--name-only', '-z', ref, '--'], top);
  } catch (e) {
    throw new UsageError(`git diff --name-only ${ref} failed in ${top}: ${e instanceof Error ? e.message : String(e)} (is "${ref}" a commit, branch or tag here? In a shallow CI clone, fetch it first)`);
  }
  const untracked = await git(['ls-files', '--others', '--exclude-standard', '-z'], top);
  return new Set([...splitZ(diff), ...splitZ(untracked)].map((f) => path.resolve(top, f)));
}
