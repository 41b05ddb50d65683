import { READY_PREFIX, readyBanner, type ReadyFields } from './ready-banner.ts';

const LEVELS: Record<number, string> = { 10: 'TRACE', 20: 'DEBUG', 30: '', 40: 'WARN', 50: 'ERROR', 60: 'FATAL' };
/** pino's own fields, shown another way (time, level) or not at all. */
const HIDDEN = new Set(['level', 'time', 'pid', 'hostname', 'msg']);
/** Bindings that say which part of the node speaks; shown once, before the message. */
const TAGS = ['component', 'module', 'chain'] as const;

/**
 * One pino record as a terminal line: `12:00:01 WARN  [filelog] message  key=value …`. Info has no
 * level word; an error's stack is shown at error level and above only. The ready line is the banner.
 */
export function prettyLine(record: Record<string, unknown>): string {
  const message = typeof record['msg'] === 'string' ? record['msg'] : '';
  if (message.startsWith(READY_PREFIX) && isReadyFields(record)) return readyBanner(record);
  const level = typeof record['level'] === 'number' ? record['level'] : 30;
  const time = typeof record['time'] === 'number' ? new Date(record['time']).toTimeString().slice(0, 8) : '';
  const tags = [...new Set(TAGS.map((key) => record[key]).filter((value): value is string => typeof value === 'string'))];
  const fields: string[] = [];
  let stack: string | undefined;
  for (const [key, value] of Object.entries(record)) {
    if (HIDDEN.has(key) || ((TAGS as readonly string[]).includes(key) && typeof value === 'string')) continue;
    if (key === 'err' && isObject(value)) {
      fields.push(`error=${text(value['message'] ?? value['type'])}`);
      if (level >= 50 && typeof value['stack'] === 'string') stack = value['stack'];
      continue;
    }
    fields.push(`${key}=${text(value)}`);
  }
  const head = [time, (LEVELS[level] ?? `LEVEL${level}`).padEnd(level === 30 ? 0 : 5), tags.length > 0 ? `[${tags.join(' ')}]` : '', message].filter(Boolean).join(' ');
  const line = fields.length > 0 ? `${head}  ${fields.join(' ')}` : head;
  return `${line}${stack === undefined ? '' : `\n${stack.replace(/^/gm, '    ')}`}\n`;
}

function text(value: unknown): string {
  if (typeof value === 'string') return /^[^\s"=]+$/.test(value) ? value : JSON.stringify(value);
  return JSON.stringify(value) ?? String(value);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isReadyFields(record: Record<string, unknown>): record is Record<string, unknown> & ReadyFields {
  return typeof record['url'] === 'string' && typeof record['adminToken'] === 'string' && Array.isArray(record['chains']) && typeof record['logVerifierKey'] === 'string';
}
