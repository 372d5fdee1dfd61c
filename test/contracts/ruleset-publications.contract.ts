// The contract every RulesetPublications keeps (memory, MongoDB): publications are numbered 1, 2,
// 3… by the store, the latest is the one in force, the same hash as the latest records nothing, a
// hash published before and since replaced is recorded again (a rollback), and publishers racing
// each other never share a number nor record the same hash twice in a row.
import { describe, expect, it } from 'vitest';
import type {
  PublicationDraft,
  RulesetPublications,
} from '../../src/application/ports/ruleset-publications.js';

export const aDraft = (hash: string, overrides: Partial<PublicationDraft> = {}): PublicationDraft => ({
  hash,
  rulesetHash: `${hash}-decisive`,
  by: 'Maria Rossi',
  at: '2026-12-03T10:00:00.000Z',
  reason: 'Scadenza 2017 prorogata',
  ...overrides,
});

export function rulesetPublicationsContract(
  adapter: string,
  make: () => RulesetPublications | Promise<RulesetPublications>,
): void {
  describe(`RulesetPublications contract: ${adapter}`, () => {
    it('has no latest publication before the first one', async () => {
      expect(await (await make()).latest()).toBeNull();
    });

    it('numbers publications from 1 and reads the latest back exactly', async () => {
      const log = await make();
      expect(await log.record(aDraft('sha256:a1'))).toEqual({
        recorded: true,
        publication: { ...aDraft('sha256:a1'), sequence: 1 },
      });
      const second = await log.record(aDraft('sha256:b2', { by: 'Luca Bianchi', reason: 'Quota 2018' }));
      expect(second.publication.sequence).toBe(2);
      expect(await log.latest()).toEqual({
        ...aDraft('sha256:b2', { by: 'Luca Bianchi', reason: 'Quota 2018' }),
        sequence: 2,
      });
    });

    it('records nothing when the hash is already the latest publication', async () => {
      const log = await make();
      await log.record(aDraft('sha256:a1'));
      const again = await log.record(aDraft('sha256:a1', { by: 'someone else', reason: 'again' }));
      expect(again).toEqual({ recorded: false, publication: { ...aDraft('sha256:a1'), sequence: 1 } });
      expect(await log.latest()).toEqual({ ...aDraft('sha256:a1'), sequence: 1 });
    });

    it('records a set published before and since replaced again, as a rollback', async () => {
      const log = await make();
      await log.record(aDraft('sha256:a1'));
      await log.record(aDraft('sha256:b2'));
      const back = await log.record(aDraft('sha256:a1', { reason: 'rollback' }));
      expect(back).toMatchObject({ recorded: true, publication: { hash: 'sha256:a1', sequence: 3 } });
    });

    it('gives racing publishers distinct numbers, and records a hash racing itself once', async () => {
      const log = await make();
      const hashes = ['sha256:1', 'sha256:2', 'sha256:3', 'sha256:4', 'sha256:5'];
      const results = await Promise.all(hashes.map((h) => log.record(aDraft(h))));
      expect(results.every((r) => r.recorded)).toBe(true);
      expect(results.map((r) => r.publication.sequence).sort()).toEqual([1, 2, 3, 4, 5]);
      const same = await Promise.all([1, 2, 3, 4].map(() => log.record(aDraft('sha256:same'))));
      expect(same.filter((r) => r.recorded)).toHaveLength(1);
      expect(new Set(same.map((r) => r.publication.sequence))).toEqual(new Set([6]));
    });
  });
}
