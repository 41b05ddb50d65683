/** "500ms", "20s", "10m" or a bare number of seconds, in milliseconds. */
export function parseDuration(text: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(text.trim());
  if (!match) throw new Error(`not a duration: "${text}" (use e.g. 500ms, 20s, 10m)`);
  const value = Number(match[1]);
  const unit = match[2] ?? 's';
  return Math.round(value * { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 }[unit]!);
}

/** 125000 → "2m 5s", for the report. */
export function formatDuration(ms: number): string {
  if (ms < 1_000) return `${Math.round(ms)} ms`;
  const s = Math.round(ms / 1_000);
  return s < 60 ? `${s} s` : `${Math.floor(s / 60)}m ${s % 60}s`.replace(/ 0s$/, '');
}
