// Publishing a rule set [#19], on the memory store: only a set that passes the service's own gate
// (load, regular expressions, suites with derived coverage) is archived and recorded; a publication
// is immutable and numbered; the same set again records nothing.
import { beforeEach, describe, expect, it } from 'vitest';
import { MemoryRulesetArchive } from '../../src/adapters/memory/memory-ruleset-archive.js';
import { MemoryRulesetPublications } from '../../src/adapters/memory/memory-ruleset-publications.js';
import { AjvSchemaValidator } from '../../src/adapters/rules/ajv-schema-validator.js';
import { RecheckPatternChecker } from '../../src/adapters/rules/recheck-pattern-checker.js';
import type { RuleFile } from '../../src/application/ports/rule-file-source.js';
import { filesHash } from '../../src/application/rules/load-ruleset.js';
import { type PublishDeps, publishRuleset } from '../../src/application/rules/publish-ruleset.js';
import { removeCopies } from '../cli/support.js';
import { exemplarFiles, SUITE_FILE, withDeadlineExtended, withSuiteBroken } from './support.js';

const patterns = new RecheckPatternChecker();
const NOW = new Date('2026-12-03T10:00:00Z');

let deps: PublishDeps & { archive: MemoryRulesetArchive; publications: MemoryRulesetPublications };
let files: RuleFile[];
beforeEach(async () => {
  deps = {
    validator: new AjvSchemaValidator(),
    patterns,
    archive: new MemoryRulesetArchive(),
    publications: new MemoryRulesetPublications(),
    clock: { now: () => NOW },
  };
  files = await exemplarFiles();
  return removeCopies;
});

const publish = (set: RuleFile[], by = 'Maria Rossi', reason = 'first publication') =>
  publishRuleset(deps, { files: set, by, reason });

describe('publishRuleset', () => {
  it('archives a set that passes the gate under its files hash and records who, when and why', async () => {
    const result = await publish(files);
    const hash = filesHash(files);
    expect(result).toEqual({
      ok: true,
      recorded: true,
      publication: {
        hash,
        rulesetHash: expect.stringMatching(/^sha256:/),
        by: 'Maria Rossi',
        at: NOW.toISOString(),
        reason: 'first publication',
        sequence: 1,
      },
    });
    expect(await deps.archive.get(hash)).toEqual(files);
    expect(await deps.publications.latest()).toEqual(result.ok && result.publication);
  });

  it('records nothing when the same set is already the latest publication', async () => {
    await publish(files);
    const again = await publish(structuredClone(files), 'Luca Bianchi', 'again');
    expect(again).toMatchObject({
      ok: true,
      recorded: false,
      publication: { sequence: 1, by: 'Maria Rossi' },
    });
  });

  it('numbers a changed set 2, and a return to the first set 3 (a rollback is a publication)', async () => {
    await publish(files);
    const changed = await publish(withDeadlineExtended(files), 'Luca Bianchi', 'deadline extended');
    expect(changed).toMatchObject({ ok: true, recorded: true, publication: { sequence: 2 } });
    const back = await publish(files, 'Luca Bianchi', 'rollback');
    expect(back).toMatchObject({
      ok: true,
      recorded: true,
      publication: { sequence: 3, hash: filesHash(files), reason: 'rollback' },
    });
  });

  it('refuses a set whose suite fails, naming the suite file and the case, and records nothing', async () => {
    await publish(files);
    const broken = withSuiteBroken(files);
    const result = await publish(broken, 'Luca Bianchi', 'forgot the suite');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result).toMatchObject({ code: 'RULES_INVALID', hash: filesHash(broken) });
    expect(result.issues).toContainEqual(
      expect.objectContaining({
        file: SUITE_FILE,
        path: expect.stringMatching(/^\/cases\/\d+\/name$/),
        line: expect.any(Number),
        reason: expect.stringMatching(/^case ".+" fails: outputs\.deadline expected "2017-02-28"/),
      }),
    );
    expect(await deps.publications.latest()).toMatchObject({ sequence: 1, hash: filesHash(files) });
    expect(await deps.archive.get(filesHash(broken))).toBeNull();
  });

  it('refuses a set that does not load', async () => {
    const result = await publish(files.filter((f) => !f.path.startsWith('schema/policy')));
    expect(result).toMatchObject({
      ok: false,
      issues: [expect.objectContaining({ reason: 'schema file is missing' })],
    });
    expect(await deps.publications.latest()).toBeNull();
  });

  it('keeps a publication and its files as they were, whatever is done to the files afterwards', async () => {
    const result = await publish(files);
    const stored = structuredClone(files);
    const first = files[0];
    if (first) first.content = '{"changed": true}';
    expect(await deps.archive.get(filesHash(stored))).toEqual(stored);
    if (result.ok) result.publication.reason = 'rewritten by a caller';
    expect(await deps.publications.latest()).toMatchObject({ reason: 'first publication' });
  });
});
