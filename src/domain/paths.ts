// One path syntax for rule conditions and expressions: `$.a.b[0].c` (or `a.b`). json-rules-engine
// is given this resolver too, so a path means the same thing wherever a maintainer writes it.
const SEGMENT = /[^.[\]]+|\[(\d+)\]/g;

export function resolvePath(value: unknown, path: string): unknown {
  const body = path.startsWith('$') ? path.slice(1) : path;
  let current: unknown = value;
  for (const match of body.matchAll(SEGMENT)) {
    if (current === null || current === undefined) return undefined;
    const key = match[1] !== undefined ? Number(match[1]) : match[0];
    current = (current as Record<string | number, unknown>)[key];
  }
  return current;
}
