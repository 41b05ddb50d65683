import pino, { type Logger } from 'pino';
import { prettyLine } from './pretty-line.ts';

/** `json`: one JSON object per line (pino's own); `pretty`: lines for a person; `auto`: pretty on a terminal. */
export type LogFormat = 'json' | 'pretty' | 'auto';

export interface LoggerOptions {
  level: string;
  format: LogFormat;
  /** Where lines go: stdout. */
  out?: Pick<NodeJS.WriteStream, 'write' | 'isTTY'>;
}

/** The node's logger (also `publisher worker`'s): JSON lines unless a person is reading. */
export function createLogger({ level, format, out = process.stdout }: LoggerOptions): Logger {
  const pretty = format === 'pretty' || (format === 'auto' && out.isTTY === true);
  if (!pretty) return out === process.stdout ? pino({ level }) : pino({ level }, out);
  return pino({ level }, { write: (line: string) => void out.write(prettyLine(JSON.parse(line) as Record<string, unknown>)) });
}
