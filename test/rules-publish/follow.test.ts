// An instance that follows the store [#19], on the memory store: it serves the latest publication,
// switches when a newer one appears, still runs its own gate (a published set that fails it is not
// served, and the status says why), and says what it serves and where it came from.
import { beforeEach, describe, expect, it } from 'vitest';
import { MemoryRulesetArchive } from '../../src/adapters/memory/memory-ruleset-archive.js';
import { MemoryRulesetPublications } from '../../src/adapters/memory/memory-ruleset-publications.js';
import { AjvSchemaValidator } from '../../src/adapters/rules/ajv-schema-validator.js';
import { RecheckPatternChecker } from '../../src/adapters/rules/recheck-pattern-checker.js';
import type { RuleFile } from '../../src/application/ports/rule-file-source.js';
import { filesHash, rulesetHash } from '../../src/application/rules/load-ruleset.js';
import { publishRuleset } from '../../src/application/rules/publish-ruleset.js';
import { PublishedRuleSource } from '../../src/application/rules/published-rule-source.js';
import { RulesetRegistry } from '../../src/application/rules/ruleset-registry.js';
import { removeCopies } from '../cli/support.js';
import { aDraft } from '../contracts/ruleset-publications.contract.js';
import { exemplarFiles, SUITE_FILE, withDeadlineExtended, withSuiteBroken } from './support.js';

const validator = new AjvSchemaValidator();
const patterns = new RecheckPatternChecker();
const clock = { now: () => new Date('2026-12-03T10:00:00Z') };

let archive: MemoryRulesetArchive;
let publications: MemoryRulesetPublications;
let source: PublishedRuleSource;
let registry: RulesetRegistry;
let files: RuleFile[];
beforeEach(async () => {
  archive = new MemoryRulesetArchive();
  publications = new MemoryRulesetPublications();
  source = new PublishedRuleSource(publications, archive);
  registry = new RulesetRegistry(source, validator, archive, { patterns, suiteGate: true, clock });
  files = await exemplarFiles();
  return removeCopies;
});

const publish = async (set: RuleFile[], reason: string) => {
  const result = await publishRuleset(
    { validator, patterns, archive, publications, clock },
    { files: set, by: 'Maria Rossi', reason },
  );
  if (!result.ok) throw new Error(`not published: ${JSON.stringify(result.issues)}`);
  return result.publication;
};

describe('following the store', () => {
  it('cannot load before anything is published, and says how to publish', async () => {
    const result = await registry.reload();
    expect(result.ok).toBe(false);
    expect(result.status.problems).toEqual([
      expect.stringContaining(
        'cannot read the latest published rule set: nothing is published yet (pa-policy publish',
      ),
    ]);
  });

  it('serves the latest publication, then a newer one once it is published', async () => {
    const first = await publish(files, 'first');
    expect(await registry.reload()).toMatchObject({ ok: true, hash: first.rulesetHash });
    expect(source.publicationOf(registry.status().serving?.hash ?? '')).toEqual(first);

    expect(await registry.refresh()).toBeNull();
    const second = await publish(withDeadlineExtended(files), 'deadline extended');
    expect(await registry.refresh()).toMatchObject({ ok: true, changed: true, hash: second.rulesetHash });
    const status = registry.status();
    expect(status).toMatchObject({
      state: 'current',
      serving: { hash: second.hash },
      disk: { hash: second.hash },
    });
    expect(source.publicationOf(second.hash)).toEqual(second);
    expect(source.latestSeen()).toEqual(second);
  });

  it('does not serve a published set that fails its own gate, and reports why', async () => {
    const first = await publish(files, 'first');
    await registry.reload();
    // A set recorded without passing this instance's gate (another engine version published it).
    const broken = withSuiteBroken(files);
    await archive.put(filesHash(broken), broken);
    await publications.record(aDraft(filesHash(broken), { rulesetHash: rulesetHash(broken) }));

    const result = await registry.refresh();
    expect(result).toMatchObject({ ok: false, servingHash: first.rulesetHash });
    const status = registry.status();
    expect(status).toMatchObject({
      state: 'rejected',
      serving: { hash: first.hash },
      disk: { hash: filesHash(broken) },
    });
    expect(status.problems.some((p) => p.startsWith(`${SUITE_FILE}:`) && p.includes('fails'))).toBe(true);
    expect(source.latestSeen()?.sequence).toBe(2);
    expect(source.publicationOf(first.hash)).toEqual(first);
    // Looked at once: the next polls do not run the gate again on the same publication.
    expect(await registry.refresh()).toBeNull();
  });

  it('keeps serving while the store cannot be read, and says so until it answers again', async () => {
    const first = await publish(files, 'first');
    await registry.reload();
    const latest = publications.latest.bind(publications);
    publications.latest = () => Promise.reject(new Error('connection refused'));
    expect(await registry.refresh()).toMatchObject({ ok: false, unreadable: true });
    expect(registry.status()).toMatchObject({ state: 'unreadable', serving: { hash: first.hash } });
    expect(registry.status().problems[0]).toContain('connection refused');
    publications.latest = latest;
    await registry.refresh();
    expect(registry.status()).toMatchObject({ state: 'current', serving: { hash: first.hash } });
  });
});
