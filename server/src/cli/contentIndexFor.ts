// The content index a CLI run uses: the repository holding the detection (or --content, or cwd).
import * as path from 'path';
import { ContentIndex, findContentRoots } from '../content';
import { findRepositoryRoot } from './checkCommand';
import { CliIO } from './io';

/** Macros and lookups come from the content repository holding the detection (or --content, or cwd). */
export function contentIndexFor(io: CliIO, detection: string | undefined, content: string | undefined): ContentIndex {
  const contentDir = content ?? (detection ? path.dirname(detection) : io.cwd);
  const root = findRepositoryRoot(path.resolve(io.cwd, contentDir));
  const index = new ContentIndex();
  if (root) index.buildSync([root]);
  else if (detection) index.buildSync(findContentRoots(path.dirname(detection)));
  return index;
}
