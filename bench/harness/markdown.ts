/** A GitHub Markdown table; numbers should already be formatted. */
export function table(headers: readonly string[], rows: readonly (readonly string[])[], align?: readonly ('l' | 'r')[]): string {
  const rule = headers.map((_, i) => (align?.[i] === 'r' ? '---:' : '---'));
  return [headers, rule, ...rows].map((cells) => `| ${cells.join(' | ')} |`).join('\n');
}

export const num = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
export const ms = (n: number) => (n < 10 ? num(n, 2) : n < 100 ? num(n, 1) : num(n));
export const pct = (n: number) => `${num(n * 100)}%`;
export const verdict = (met: boolean) => (met ? '**MET**' : '**NOT MET**');
