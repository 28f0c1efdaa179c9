// Which framer reads which format.

import type { LogFormat } from '../types';
import type { FramerContext, TextFramer } from './framer';
import { CsvFramer } from './formats/csv';
import { JsonFramer } from './formats/json';
import { SingleLineFramer } from './formats/singleLine';
import { WindowsEventFramer } from './formats/windowsEvents';
import { LineSplitter } from './lineSplitter';

export function createFramer(format: LogFormat, ctx: FramerContext): TextFramer {
  switch (format) {
    case 'json':
      return new JsonFramer(ctx);
    case 'xml':
    case 'wineventlog':
      return new LineSplitter(new WindowsEventFramer(ctx), ctx);
    case 'csv':
      return new LineSplitter(new CsvFramer(ctx), ctx);
    case 'kv':
    case 'auditd':
    case 'syslog-xml':
    case 'text':
      return new LineSplitter(new SingleLineFramer(format), ctx);
  }
}
