// Easter by the anonymous Gregorian algorithm (Meeus/Jones/Butcher). Self-contained on purpose (no
// import, no closure): the console is served this function's compiled text, so the page and the
// service put Easter Monday on the same day.

/** Month (1–12) and day of Easter Sunday in a Gregorian year. */
export function easterMonthDay(year: number): [month: number, day: number] {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  return [Math.floor((h + l - 7 * m + 114) / 31), ((h + l - 7 * m + 114) % 31) + 1];
}
