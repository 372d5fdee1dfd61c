// One path syntax for rule conditions and expressions: `$.a.b[0].c` (or `a.b`). json-rules-engine
// is given this resolver too, so a path means the same thing wherever a maintainer writes it.
// `pathKeys` parses once (the compiled evaluator keeps the keys); `resolvePath` parses each call.
const SEGMENT = /[^.[\]]+|\[(\d+)\]/g;

export type PathKey = string | number;

export function pathKeys(path: string): PathKey[] {
  const body = path.startsWith('$') ? path.slice(1) : path;
  return [...body.matchAll(SEGMENT)].map((match) => (match[1] !== undefined ? Number(match[1]) : match[0]));
}

export function resolveKeys(value: unknown, keys: readonly PathKey[]): unknown {
  let current: unknown = value;
  for (const key of keys) {
    if (current === null || current === undefined) return undefined;
    current = (current as Record<PathKey, unknown>)[key];
  }
  return current;
}

export function resolvePath(value: unknown, path: string): unknown {
  return resolveKeys(value, pathKeys(path));
}
