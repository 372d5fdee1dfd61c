// issue #16 item 12: `npm audit` cannot reach the advisory service here, so a reviewed list of
// known-bad versions (security/known-bad-versions.json) is checked against package-lock.json on
// every test run. README "Security" says how to refresh it where npm audit works.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { satisfies } from './version-range.js';

interface Entry {
  package: string;
  range: string;
  advisory: string;
  reason: string;
}

const root = new URL('../../', import.meta.url);
const list = JSON.parse(readFileSync(new URL('security/known-bad-versions.json', root), 'utf8')) as {
  entries: Entry[];
};
const lock = JSON.parse(readFileSync(new URL('package-lock.json', root), 'utf8')) as {
  packages: Record<string, { version?: string; link?: boolean }>;
};

/** Every locked package (nested copies included): name and version. */
const locked = Object.entries(lock.packages)
  .filter(([path, p]) => path !== '' && !p.link && p.version)
  .map(([path, p]) => ({
    path,
    name: path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length),
    version: p.version as string,
  }));

describe('the offline dependency review', () => {
  it('reads a well-formed list: every entry names a package, a range it can check, an advisory and a reason', () => {
    expect(list.entries.length).toBeGreaterThan(10);
    for (const e of list.entries) {
      expect(e.package).toMatch(/^(@[a-z0-9._-]+\/)?[a-z0-9._-]+$/);
      expect(e.advisory.length).toBeGreaterThan(3);
      expect(e.reason.length).toBeGreaterThan(3);
      expect(() => satisfies('0.0.0', e.range)).not.toThrow();
    }
  });

  it('finds no locked package in a known-bad range', () => {
    expect(locked.length).toBeGreaterThan(100);
    const bad = locked.flatMap((p) =>
      list.entries
        .filter((e) => e.package === p.name && satisfies(p.version, e.range))
        .map((e) => `${p.path}@${p.version} is in ${e.range} (${e.advisory}: ${e.reason})`),
    );
    expect(bad).toEqual([]);
  });

  it('would catch one: a locked version inside a listed range', () => {
    const hono = list.entries.find((e) => e.advisory === 'GHSA-9vqf-7f2p-gf9v');
    expect(hono && satisfies('4.12.14', hono.range)).toBe(true);
    expect(hono && satisfies('4.12.16', hono.range)).toBe(false);
  });
});

describe('satisfies (the range forms the list uses)', () => {
  it.each([
    ['1.2.3', '<1.2.4', true],
    ['1.2.4', '<1.2.4', false],
    ['1.2.4', '<=1.2.4', true],
    ['2.0.1', '>=2.0.0 <2.0.2', true],
    ['2.0.2', '>=2.0.0 <2.0.2', false],
    ['1.1.11', '<1.1.12 || >=2.0.0 <2.0.2', true],
    ['1.5.0', '<1.1.12 || >=2.0.0 <2.0.2', false],
    ['4.4.2', '=4.4.2', true],
    ['4.4.3', '=4.4.2', false],
    ['6.0.0-rc.1', '>=6.0.0 <6.1.1', false],
    ['6.1.1-beta.1', '<6.1.1', true],
    ['10.0.0', '>9.9.9', true],
  ])('%s in %s: %s', (version, range, expected) => {
    expect(satisfies(version, range)).toBe(expected);
  });

  it('refuses a form it does not know instead of matching nothing', () => {
    expect(() => satisfies('1.0.0', '^1.0.0')).toThrow(/not a version/);
    expect(() => satisfies('1.0.0', '1.x')).toThrow(/not a version/);
  });
});
