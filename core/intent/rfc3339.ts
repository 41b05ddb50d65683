const shape = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?Z$/;
const monthDays = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * Milliseconds since the epoch of `YYYY-MM-DDTHH:MM:SS[.1-9 digits]Z`, or undefined unless it
 * names a real UTC instant. Stricter than `Date.parse`, which accepts many spellings and rolls
 * February 30 over into March. Leap seconds (:60) are refused: no clock here can place them.
 * Fractions beyond milliseconds are kept in the signed text but truncated here.
 */
export function parseRfc3339Utc(text: string): number | undefined {
  if (!shape.test(text)) {
    return undefined;
  }
  const year = Number(text.slice(0, 4));
  const month = Number(text.slice(5, 7));
  const day = Number(text.slice(8, 10));
  const hour = Number(text.slice(11, 13));
  const minute = Number(text.slice(14, 16));
  const second = Number(text.slice(17, 19));
  const millisecond = text[19] === '.' ? Number(text.slice(20, -1).slice(0, 3).padEnd(3, '0')) : 0;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days = month === 2 && leap ? 29 : (monthDays[month - 1] ?? 0);
  if (day < 1 || day > days || hour > 23 || minute > 59 || second > 59) {
    return undefined;
  }
  // setUTCFullYear, because Date.UTC maps years 0-99 to 1900-1999.
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, millisecond);
  return date.getTime();
}
