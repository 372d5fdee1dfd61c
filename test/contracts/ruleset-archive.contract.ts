// The contract every RulesetArchive keeps (in memory today, MongoDB later): a rule set stored under
// its content hash is read back exactly, once stored it never changes, and big files fit.
import { describe, expect, it } from 'vitest';
import type { RuleFile } from '../../src/application/ports/rule-file-source.js';
import type { RulesetArchive } from '../../src/application/ports/ruleset-archive.js';

let sequence = 0;

/** A small rule set: a policy file and its parameters, as the rules/ folder holds them. */
export function someRuleFiles(): RuleFile[] {
  const n = ++sequence;
  return [
    {
      path: 'albo/registration.policy.json',
      content: JSON.stringify({ id: 'albo.registration', version: n, title: 'Iscrizione all’Albo' }, null, 2),
    },
    { path: 'albo/parameters.json', content: '{\n  "albo.quotaCents": 3516,\n  "città": "Forlì"\n}\n' },
  ];
}

export function rulesetArchiveContract(
  adapter: string,
  make: () => RulesetArchive | Promise<RulesetArchive>,
): void {
  describe(`RulesetArchive contract: ${adapter}`, () => {
    it('reads back the files stored under a hash, and nothing for an unknown hash', async () => {
      const archive = await make();
      const files = someRuleFiles();
      await archive.put('sha256:aaaa', files);
      expect(await archive.get('sha256:aaaa')).toEqual(files);
      expect(await archive.get('sha256:ffff')).toBeNull();
    });

    it('keeps the first files when the same hash is put again', async () => {
      const archive = await make();
      const first = someRuleFiles();
      await archive.put('sha256:aaaa', first);
      await archive.put('sha256:aaaa', someRuleFiles());
      await archive.put('sha256:aaaa', []);
      expect(await archive.get('sha256:aaaa')).toEqual(first);
    });

    it('keeps rule sets under different hashes apart, an empty one included', async () => {
      const archive = await make();
      const one = someRuleFiles();
      const two = someRuleFiles();
      await archive.put('sha256:0001', one);
      await archive.put('sha256:0002', two);
      await archive.put('sha256:0003', []);
      expect(await archive.get('sha256:0001')).toEqual(one);
      expect(await archive.get('sha256:0002')).toEqual(two);
      expect(await archive.get('sha256:0003')).toEqual([]);
    });

    it('round-trips a 100 KB file', async () => {
      const archive = await make();
      const line = '{ "fact": "età", "operator": "greaterThanInclusive", "value": 18 }, // 🚚\n';
      const content = line.repeat(Math.ceil((100 * 1024) / line.length));
      expect(content.length).toBeGreaterThanOrEqual(100 * 1024);
      const files = [{ path: 'cns/big.rules.json', content }, ...someRuleFiles()];
      await archive.put('sha256:big', files);
      const read = await archive.get('sha256:big');
      expect(read?.[0]?.content === content).toBe(true);
      expect(read).toEqual(files);
    });

    it('keeps what was put whatever is done to the files afterwards', async () => {
      const archive = await make();
      const files = someRuleFiles();
      const stored = structuredClone(files);
      await archive.put('sha256:aaaa', files);
      files.push({ path: 'intruder.json', content: '{}' });
      const first = files[0];
      if (first) first.content = '{"changed": true}';
      expect(await archive.get('sha256:aaaa')).toEqual(stored);
    });
  });
}
