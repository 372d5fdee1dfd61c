// RULES_SOURCE, RULES_STORE_POLL_MS and INSTANCE_ID at start-up [#19]: files by default; following
// the store needs MongoDB; each wrong value is named with what is expected.
import { hostname } from 'node:os';
import { describe, expect, it } from 'vitest';
import { readConfig } from '../../src/adapters/config.js';

const MONGO = { MONGODB_URI: 'mongodb://db:27017/pa', TOKEN_SECRET: 's'.repeat(32) };

describe('where the rules come from', () => {
  it('is the folder by default, polled every 2000 ms if it follows the store, named hostname:pid', () => {
    expect(readConfig({})).toMatchObject({
      ok: true,
      value: {
        rulesSource: { source: 'files', storePollMs: 2000, instanceId: `${hostname()}:${process.pid}` },
      },
    });
  });

  it('follows the store with MONGODB_URI, at the poll and under the name given', () => {
    expect(
      readConfig({ ...MONGO, RULES_SOURCE: 'store', RULES_STORE_POLL_MS: '500', INSTANCE_ID: 'policy-0' }),
    ).toMatchObject({
      ok: true,
      value: { rulesSource: { source: 'store', storePollMs: 500, instanceId: 'policy-0' } },
    });
  });

  it('refuses the store without MONGODB_URI, an unknown source and a poll out of range', () => {
    expect(readConfig({ RULES_SOURCE: 'store' })).toEqual({
      ok: false,
      errors: ['RULES_SOURCE=store needs MONGODB_URI: the published rule sets are kept in MongoDB'],
    });
    expect(readConfig({ RULES_SOURCE: 'git', RULES_STORE_POLL_MS: '50' })).toEqual({
      ok: false,
      errors: [
        'RULES_SOURCE must be one of files, store, got "git"',
        'RULES_STORE_POLL_MS must be an integer from 100 to 60000, got "50"',
      ],
    });
  });
});
