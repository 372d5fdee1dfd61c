// The diff under a failed case and the XML escaping of JUnit reports.
import { describe, expect, it } from 'vitest';
import { describeMismatch, lineDiff } from '../../src/adapters/cli/diff.js';
import { escapeXml } from '../../src/adapters/cli/junit.js';

describe('lineDiff', () => {
  it('keeps common lines and marks removed before added', () => {
    expect(lineDiff(['{', 'a: 1', 'b: 2', '}'], ['{', 'a: 1', 'b: 3', '}'])).toEqual([
      { op: ' ', text: '{' },
      { op: ' ', text: 'a: 1' },
      { op: '-', text: 'b: 2' },
      { op: '+', text: 'b: 3' },
      { op: ' ', text: '}' },
    ]);
  });
});

describe('describeMismatch', () => {
  it('prints both values of a scalar mismatch as JSON', () => {
    expect(describeMismatch({ field: 'outcome', expected: 'allow', actual: 'deny' })).toEqual([
      'outcome',
      '- "allow"',
      '+ "deny"',
    ]);
  });

  it('pretty-prints objects so the differing field stands out', () => {
    const lines = describeMismatch({
      field: 'outputs.total',
      expected: { cents: 100 },
      actual: { cents: 150 },
    });
    expect(lines).toEqual(['outputs.total', '  {', '-   "cents": 100', '+   "cents": 150', '  }']);
  });

  it('prints the error code and its issues when the case could not be evaluated', () => {
    const lines = describeMismatch({
      field: 'error',
      expected: 'deny',
      actual: {
        code: 'INVALID_FACTS',
        policy: 'p',
        issues: [{ path: '/fleet/0/massKg', reason: 'must be integer' }],
      },
    });
    expect(lines).toContain('+ INVALID_FACTS');
    expect(lines).toContain('    fleet.0.massKg  must be integer');
  });
});

describe('escapeXml', () => {
  it('escapes markup and drops characters XML 1.0 forbids', () => {
    expect(escapeXml(`a<b>&"c"'d'\u0007\te`)).toBe('a&lt;b&gt;&amp;&quot;c&quot;&apos;d&apos;\te');
  });
});
