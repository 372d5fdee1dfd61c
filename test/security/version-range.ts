// The few semver range forms security/known-bad-versions.json uses, checked without the semver
// package (only a transitive dependency here): comparators `<`, `<=`, `>`, `>=`, `=` joined by
// spaces (and) and `||` (or). A pre-release sorts before its release (1.2.3-rc.1 < 1.2.3).

type Version = { core: [number, number, number]; pre: string | null };

const VERSION = /^v?(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/;
const COMPARATOR = /^(<=|>=|<|>|=)?(.+)$/;

export function parseVersion(text: string): Version {
  const m = VERSION.exec(text.trim());
  if (!m) throw new Error(`not a version: "${text}"`);
  return { core: [Number(m[1]), Number(m[2]), Number(m[3])], pre: m[4] ?? null };
}

export function compareVersions(a: Version, b: Version): number {
  for (let i = 0; i < 3; i++) {
    const d = (a.core[i] ?? 0) - (b.core[i] ?? 0);
    if (d !== 0) return Math.sign(d);
  }
  if (a.pre === b.pre) return 0;
  if (a.pre === null) return 1;
  if (b.pre === null) return -1;
  return a.pre < b.pre ? -1 : 1;
}

/** Throws on a form it does not know, so a list entry can never silently match nothing. */
export function satisfies(version: string, range: string): boolean {
  const v = parseVersion(version);
  return range.split('||').some((alternative) => {
    const comparators = alternative.trim().split(/\s+/);
    if (comparators.length === 0 || comparators[0] === '') throw new Error(`empty range in "${range}"`);
    return comparators.every((comparator) => {
      const m = COMPARATOR.exec(comparator);
      if (!m?.[2]) throw new Error(`not a comparator: "${comparator}"`);
      const c = compareVersions(v, parseVersion(m[2]));
      switch (m[1] ?? '=') {
        case '<':
          return c < 0;
        case '<=':
          return c <= 0;
        case '>':
          return c > 0;
        case '>=':
          return c >= 0;
        default:
          return c === 0;
      }
    });
  });
}
