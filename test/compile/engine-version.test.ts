// The compiled evaluator restates json-rules-engine's semantics, and test/compile proves the two
// agree for this one version only: package.json pins it exactly, and the installed copy must be it.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/** The json-rules-engine the differential and semantics tests of test/compile were run against. */
const PROVEN = '7.3.1';

const versionIn = (path: string): { version: string; dependencies?: Record<string, string> } =>
  JSON.parse(readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8'));

describe('json-rules-engine version', () => {
  it('is pinned in package.json to the version the compiled evaluator is proven against', () => {
    expect(versionIn('package.json').dependencies?.['json-rules-engine']).toBe(PROVEN);
  });

  it('is installed at that version', () => {
    expect(versionIn('node_modules/json-rules-engine/package.json').version).toBe(PROVEN);
  });
});
