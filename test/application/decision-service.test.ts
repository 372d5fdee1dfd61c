// [E-LOG][E-RELOAD] Decisions are logged without secrets and replay with the rules that made them;
// an invalid reload leaves the last good rule set serving.
import { describe, expect, it } from 'vitest';
import { MemoryDecisionLog } from '../../src/adapters/memory/memory-decision-log.js';
import { MemoryRulesetArchive } from '../../src/adapters/memory/memory-ruleset-archive.js';
import { AjvSchemaValidator } from '../../src/adapters/rules/ajv-schema-validator.js';
import { DecisionService } from '../../src/application/decisions/decision-service.js';
import { lazy } from '../../src/application/decisions/policy-context.js';
import type { RuleFile, RuleFileSource } from '../../src/application/ports/rule-file-source.js';
import { RulesetRegistry } from '../../src/application/rules/ruleset-registry.js';
import { aPolicy, aRule, ruleFiles, someParameters } from '../support/rule-files.js';

class EditableSource implements RuleFileSource {
  constructor(public files: RuleFile[]) {}
  async readAll() {
    return this.files.map((f) => ({ ...f }));
  }
}

/** A policy whose `secret` fact is redacted: the rule reads only its derived length. */
const secretPolicy = aPolicy({
  secretFacts: ['secret'],
  versions: [
    {
      effectiveFrom: '2020-01-01',
      computed: {
        limit: { param: 'test.maxAge' },
        secretLength: { fn: 'codePointLength', args: { value: { fact: 'secret' } } },
      },
      outputs: { secretLength: { fact: 'secretLength' } },
      rules: [
        aRule(),
        aRule({
          name: 'secret-long-enough',
          conditions: { all: [{ fact: 'secretLength', operator: 'lessThan', value: 4 }] },
        }),
      ],
    },
  ],
});

async function setUp(files = ruleFiles(secretPolicy)) {
  const source = new EditableSource(files);
  const registry = new RulesetRegistry(source, new AjvSchemaValidator(), new MemoryRulesetArchive());
  const first = await registry.reload();
  if (!first.ok) throw new Error(JSON.stringify(first.issues));
  let n = 0;
  const log = new MemoryDecisionLog();
  const service = new DecisionService(
    registry,
    log,
    { now: () => new Date('2024-03-01T10:00:00Z') },
    { next: () => `d${++n}` },
  );
  return { source, registry, service, log };
}

describe('DecisionService', () => {
  it('logs a decision without its secret facts and replays it to the same answer', async () => {
    const { service, log } = await setUp();
    const made = await service.decide({ policy: 'test.age', facts: { age: 40, secret: 'abc' } });
    expect(made).toMatchObject({
      ok: true,
      value: { decisionId: 'd1', outcome: 'deny', outputs: { secretLength: 3 } },
    });
    const logged = await log.get('d1');
    expect(logged?.facts).toEqual({ age: 40 });
    expect(logged?.redacted).toEqual(['secret']);
    expect(JSON.stringify(logged)).not.toContain('abc');
    const replay = await service.replay('d1');
    expect(replay).toMatchObject({ ok: true, value: { same: true, differences: [] } });
  });

  it('refuses facts that break the policy schema, naming the field, and logs nothing', async () => {
    const { service, log } = await setUp();
    const result = await service.decide({ policy: 'test.age', facts: { age: -1, extra: true } });
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'INVALID_FACTS',
        policy: 'test.age',
        issues: expect.arrayContaining([
          { path: '/age', reason: 'must be >= 0' },
          { path: '/extra', reason: 'unknown field' },
        ]),
      },
    });
    expect(await log.get('d1')).toBeNull();
  });

  it('replays with the rule set that made the decision, after the rules changed', async () => {
    const { source, registry, service } = await setUp(ruleFiles());
    const made = await service.decide({ policy: 'test.age', facts: { age: 66 }, at: '2021-01-01' });
    const oldHash = made.ok ? made.value.rulesetHash : '';
    source.files = ruleFiles(aPolicy(), someParameters([{ from: '2020-01-01', value: 70, source: 'law C' }]));
    const reloaded = await registry.reload();
    expect(reloaded).toMatchObject({ ok: true, changed: true, previousHash: oldHash });
    const now = await service.decide({ policy: 'test.age', facts: { age: 66 }, at: '2021-01-01' });
    expect(made.ok && made.value.outcome).toBe('deny');
    expect(now.ok && now.value.outcome).toBe('allow');
    const replay = await service.replay(made.ok ? made.value.decisionId : '');
    expect(replay).toMatchObject({
      ok: true,
      value: { rulesetHash: oldHash, same: true, replayed: { outcome: 'deny' } },
    });
  });

  it('keeps serving the last good rule set when an edit is invalid', async () => {
    const { source, registry, service } = await setUp(ruleFiles());
    const good = registry.current().ruleset.hash;
    source.files = ruleFiles().map((f) =>
      f.path.endsWith('.policy.json') ? { ...f, content: '{"id": "test.age",' } : f,
    );
    const rejected = await registry.reload();
    expect(rejected).toMatchObject({
      ok: false,
      servingHash: good,
      issues: [expect.objectContaining({ file: 'test/age.policy.json' })],
    });
    expect(registry.current().ruleset.hash).toBe(good);
    const still = await service.decide({ policy: 'test.age', facts: { age: 90 } });
    expect(still.ok && still.value.rulesetHash).toBe(good);
  });

  it('answers unknown decisions and unknown policies with error values', async () => {
    const { service } = await setUp();
    expect(await service.replay('nope')).toEqual({
      ok: false,
      error: { code: 'UNKNOWN_DECISION', decisionId: 'nope' },
    });
    expect(await service.decide({ policy: 'nope', facts: {} })).toEqual({
      ok: false,
      error: { code: 'UNKNOWN_POLICY', policy: 'nope' },
    });
  });

  it('decides in a context on the facts the schema picks: secrets redacted, the rest neither read nor logged', async () => {
    const { service, log } = await setUp();
    let loaded = false;
    const made = await service.decideInContext({
      policy: 'test.age',
      context: {
        age: 40,
        secret: 'abc',
        account: { matricola: 'IT12345678', email: 'x@pec.it' },
        company: lazy(async () => {
          loaded = true;
          return { name: 'Rossi' };
        }),
      },
    });
    expect(made).toMatchObject({ ok: true, value: { decisionId: 'd1', outputs: { secretLength: 3 } } });
    expect(loaded).toBe(false);
    const logged = await log.get('d1');
    expect(logged?.facts).toStrictEqual({ age: 40 });
    expect(logged?.redacted).toEqual(['secret']);
    expect(JSON.stringify(logged)).not.toMatch(/abc|IT12345678|Rossi/);
    expect(await service.replay('d1')).toMatchObject({ ok: true, value: { same: true } });
    expect(await service.decideInContext({ policy: 'nope', context: {} })).toEqual({
      ok: false,
      error: { code: 'UNKNOWN_POLICY', policy: 'nope' },
    });
  });
});
