/** An anchor's field as an online claim quotes it: the value, or "(none named)". */
export function claimValue(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : '(none named)';
}
