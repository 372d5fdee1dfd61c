// How values read in a terminal: compact JSON on one line, pretty JSON for diffs.

/** One-line JSON, cut at `max` characters (the full value is in `--json`). */
export function compact(value: unknown, max = 160): string {
  const text = value === undefined ? 'undefined' : JSON.stringify(value);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** Indented JSON, one line per scalar, so a line diff points at the differing field. */
export function pretty(value: unknown): string {
  return value === undefined ? 'undefined' : JSON.stringify(value, null, 2);
}

export function plural(n: number, singular: string, pluralForm = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : pluralForm}`;
}

export function indent(text: string, prefix: string): string {
  return text
    .split('\n')
    .map((l) => (l === '' ? l : prefix + l))
    .join('\n');
}
