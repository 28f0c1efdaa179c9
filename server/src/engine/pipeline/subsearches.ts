// Whether a pipeline holds a subsearch anywhere (nested ones included). The AST records each
// subsearch twice (in its command's `subsearches` list and where it appears in the body), so
// generic traversals such as JSON.stringify double their work per nesting level; this walks each
// command's `subsearches` list once, so 50 nested levels cost 50 visits.
import type { Pipeline } from '../../spl/ast';
import { forEachCommand } from '../../spl/walk';

export function hasSubsearch(p: Pipeline): boolean {
  let found = false;
  forEachCommand(p, (c) => {
    if (c.kind === 'command' && c.subsearches.length > 0) found = true;
  });
  return found;
}
