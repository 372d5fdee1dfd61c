// [E-DECISION] The calls the compiler writes out (src/domain/compile/specialised.ts: activeOn,
// pluckBy, renameFields, withField, compact of concat, count, if, shared working-day counts) answer as the library
// functions json-rules-engine's path calls: on small policies fixing the arguments a rule file fixes
// (odd field names included), arbitrary values for the others give deep-equal decisions or errors,
// and the compiled path gives up (falls back to the reference) exactly when the reference fails.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compiledVersion } from '../../src/domain/compile/index.js';
import { compileVersion } from '../../src/domain/compile/program.js';
import { evaluate, evaluateCompiled, evaluateReference } from '../../src/domain/evaluate.js';
import { defined } from '../support/defined.js';
import { FC_RUNS } from '../support/load-rules.js';
import { aPolicy, jsonFile, loadOrThrow, schemaFiles } from '../support/rule-files.js';

const ANY = {};
const fact = (name: string) => ({ fact: name });

/** A policy computing `computed` from facts `list`, `date`, `value`, every derived fact an output. */
function rulesetFor(computed: Record<string, unknown>) {
  const policy = aPolicy({
    facts: { type: 'object', properties: { list: ANY, date: ANY, value: ANY, days: ANY } },
    versions: [
      {
        effectiveFrom: '2020-01-01',
        effectiveTo: null,
        computed,
        outputs: Object.fromEntries(Object.keys(computed).map((name) => [name, fact(name)])),
        rules: [],
      },
    ],
  });
  const parameters = {
    parameters: {
      'test.holidays': {
        description: 'Holidays',
        history: [
          { from: '2019-01-01', value: [{ date: '01-01', name: 'Capodanno' }], source: 'test' },
          { from: '2021-03-01', value: null, source: 'test' },
          {
            from: '2021-03-03',
            value: [
              { date: '12-25', name: 'Natale' },
              { date: 'easter-monday', name: 'Pasquetta' },
            ],
            source: 'test',
          },
        ],
      },
    },
  };
  return loadOrThrow([
    ...schemaFiles(),
    jsonFile('test/age.policy.json', policy),
    jsonFile('test/age.parameters.json', parameters),
  ]).ruleset;
}

const key = fc.constantFrom('from', 'to', 'a', 'b', 'k', 'm', 'n', 'x', 'constructor', '0', 'toString');
const scalar = fc.oneof(
  fc.constantFrom('2021-01-01', '2021-03-02', '2021-06-30', '2022-12-31', 'x', 'y', '', '__proto__'),
  fc.integer({ min: -5, max: 30_000 }),
  fc.boolean(),
  fc.constant(null),
);
const item = fc.oneof(
  { weight: 6, arbitrary: fc.dictionary(key, scalar, { maxKeys: 5 }) },
  { weight: 1, arbitrary: scalar },
  { weight: 1, arbitrary: fc.array(scalar, { maxLength: 2 }) },
);
const list = fc.oneof(
  { weight: 6, arbitrary: fc.array(item, { maxLength: 8 }) },
  { weight: 1, arbitrary: scalar },
);

/**
 * Same decision both ways, for many values of the facts: through `evaluate` (the cached compiled
 * version, whose call sites have seen many runs' key lists) and through a version compiled afresh
 * for the run (whose sites build for this run's key lists; a cached one soon has its fill of them).
 */
function agrees(computed: Record<string, unknown>, facts: fc.Arbitrary<Record<string, unknown>>) {
  const ruleset = rulesetFor(computed);
  const policy = ruleset.policies.get('test.age');
  const version = policy?.versions[0];
  if (!policy || !version) throw new Error('no version');
  return fc.assert(
    fc.asyncProperty(facts, fc.constantFrom('2020-06-01', '2021-03-02', '2022-01-10'), async (input, at) => {
      const request = { policy: 'test.age', facts: input, at, today: '2024-01-01' };
      const reference = await evaluateReference(ruleset, request);
      expect(await evaluate(ruleset, request)).toStrictEqual(reference);
      const failed = !reference.ok && reference.error.code === 'EVALUATION_FAILED';
      expect(evaluateCompiled(ruleset, request) === null).toBe(failed);
      const fresh = compileVersion(policy, version, ruleset.parameters);
      const run = () => fresh.run(input, at, {}, ruleset.hash);
      if (failed) expect(run).toThrow();
      else expect(run()).toStrictEqual(reference.ok ? reference.value : null);
    }),
    { numRuns: FC_RUNS },
  );
}

const listAndDate = fc.record({ list, date: scalar, value: scalar }, { requiredKeys: [] });

// Windows around a few dates, so that bounds equal to the date are common.
const day = fc.constantFrom('2021-03-01', '2021-03-02', '2021-03-03');
const windowItem = fc.oneof(
  {
    weight: 8,
    arbitrary: fc.dictionary(
      fc.constantFrom('a', 'b', 'from', 'to', 'x'),
      fc.oneof(day, fc.constant(null), fc.integer()),
      { maxKeys: 4 },
    ),
  },
  { weight: 1, arbitrary: scalar },
);
const windows = fc.record(
  {
    list: fc.array(windowItem, { maxLength: 8 }),
    date: fc.oneof({ weight: 8, arbitrary: day }, { weight: 1, arbitrary: scalar }),
  },
  { requiredKeys: ['list'] },
);

describe('specialised calls answer as the library functions', () => {
  it('activeOn with named and default window fields', async () => {
    await agrees(
      {
        named: {
          fn: 'activeOn',
          args: { list: fact('list'), date: fact('date'), fromField: 'a', toField: 'b' },
        },
        defaults: { fn: 'activeOn', args: { list: fact('list'), date: fact('date'), fromField: null } },
      },
      fc.oneof(windows, listAndDate),
    );
  });

  it('pluckBy with a fixed kind field and table (prototype names included)', async () => {
    await agrees(
      {
        plucked: {
          fn: 'pluckBy',
          args: {
            list: fact('list'),
            by: 'k',
            fields: { const: { x: 'm', y: 'n', constructor: 'a', '0': 'b', z: 7 } },
          },
        },
      },
      listAndDate,
    );
  });

  it('renameFields and withField, building each key list their items have', async () => {
    await agrees(
      {
        renamed: {
          fn: 'renameFields',
          args: {
            renames: { const: { a: 'b', b: 'a', m: 'n', x: '__proto__', toString: 5 } },
            list: fact('list'),
          },
        },
        tagged: { fn: 'withField', args: { field: 'a', value: fact('value'), list: fact('list') } },
        unnamed: { fn: 'withField', args: { value: fact('date'), list: fact('list') } },
      },
      listAndDate,
    );
  });

  it('compact of concat of lists written in the rule file, fused; any other compact as the library', async () => {
    const compactOf = (lists: unknown, extra: Record<string, unknown> = {}) => ({
      fn: 'compact',
      args: { list: { fn: 'concat', args: { lists, ...extra } } },
    });
    await agrees(
      {
        // The fee's components: items written out, then a list-valued fact.
        components: compactOf([[fact('value'), fact('date')], fact('list')]),
        // Empty and nested literals (an inner literal's list item is one item), scalars among lists.
        mixed: compactOf([fact('list'), [], [fact('value'), [fact('date')]], fact('date'), fact('list')]),
        // Not fused: the lists are a fact (concat refuses a non-list), or concat has another argument.
        fromFact: compactOf(fact('list')),
        extraArgument: compactOf([fact('list')], { other: fact('value') }),
      },
      listAndDate,
    );
  });

  it('count and if', async () => {
    await agrees(
      {
        n: { fn: 'count', args: { list: fact('list') } },
        // biome-ignore lint/suspicious/noThenProperty: `then` is an argument of the rule language's `if` function, not a thenable
        chosen: { fn: 'if', args: { condition: fact('value'), then: fact('list'), else: fact('date') } },
        // biome-ignore lint/suspicious/noThenProperty: `then` is an argument of the rule language's `if` function, not a thenable
        half: { fn: 'if', args: { condition: fact('value'), then: fact('date') } },
      },
      listAndDate,
    );
  });

  it('paths of one step read in place, and the functions taking arguments by position', async () => {
    await agrees(
      {
        field: { fact: 'value', path: '$.a' },
        index: { fact: 'list', path: '$[0]' },
        length: { fact: 'list', path: '$.length' },
        deeper: { fact: 'list', path: '$[0].a' },
        same: { fn: 'eq', args: { value: fact('date'), other: fact('value') } },
        found: { fn: 'lookup', args: { table: fact('list'), key: fact('date') } },
        total: { fn: 'sumField', args: { list: fact('list'), field: 'a' } },
        noField: { fn: 'sumField', args: { list: fact('list') } },
        joined: { fn: 'concat', args: { lists: [fact('list'), [fact('date')], fact('value')] } },
        kept: { fn: 'compact', args: { list: fact('list') } },
        banded: {
          fn: 'band',
          args: {
            value: fact('value'),
            bands: { const: [{ band: 'low', min: 0, max: 10, amountCents: 1 }] },
          },
        },
        tallied: {
          fn: 'tallyByBand',
          args: {
            values: fact('list'),
            bands: { const: [{ band: 'low', min: 0, max: 10, amountCents: 1 }] },
          },
        },
        product: { fn: 'multiply', args: { value: fact('value'), by: 2 } },
      },
      listAndDate,
    );
  });

  it('several working-day counts from one date share its preparation', async () => {
    const calendar = { paramHistory: 'test.holidays' };
    const count = (days: unknown) => ({ fn: 'addWorkingDays', args: { date: fact('date'), days, calendar } });
    await agrees(
      { first: count(2), second: count(fact('days')), third: count(10), none: count(0), bad: count(-1) },
      fc.record(
        {
          date: fc.oneof(
            fc
              .date({ min: new Date('2018-12-01'), max: new Date('2022-12-31'), noInvalidDate: true })
              .map((d) => d.toISOString().slice(0, 10)),
            scalar,
          ),
          days: fc.oneof(fc.nat(40), scalar),
        },
        { requiredKeys: [] },
      ),
    );
  });

  it('activeOn then pluckBy of its list, in one pass, replayed overrides included', async () => {
    const computed = {
      counted: {
        fn: 'activeOn',
        args: { list: fact('list'), date: fact('date'), fromField: 'a', toField: 'b' },
      },
      masses: {
        fn: 'pluckBy',
        args: { list: fact('counted'), by: 'k', fields: { const: { x: 'm', y: 'n', constructor: 'a' } } },
      },
      size: { fn: 'count', args: { list: fact('counted') } },
    };
    // Mostly items in the window on every date drawn (the one-pass case), some not, some odd.
    const vehicle = fc.oneof(
      {
        weight: 10,
        arbitrary: fc.record(
          {
            a: fc.oneof(
              { weight: 6, arbitrary: fc.constant('2021-03-01') },
              { weight: 1, arbitrary: scalar },
            ),
            b: fc.oneof({ weight: 4, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: day }),
            k: fc.oneof(
              { weight: 6, arbitrary: fc.constantFrom('x', 'y') },
              { weight: 1, arbitrary: scalar },
            ),
            m: scalar,
            n: scalar,
          },
          { requiredKeys: [] },
        ),
      },
      { weight: 1, arbitrary: scalar },
    );
    const fleets = fc.record(
      {
        list: fc.oneof(
          { weight: 8, arbitrary: fc.array(vehicle, { maxLength: 8 }) },
          { weight: 1, arbitrary: scalar },
        ),
        date: fc.oneof({ weight: 8, arbitrary: day }, { weight: 1, arbitrary: scalar }),
      },
      { requiredKeys: ['list'] },
    );
    await agrees(computed, fleets);

    const ruleset = rulesetFor(computed);
    const policy = defined(ruleset.policies.get('test.age'), 'the policy test.age');
    const source =
      compiledVersion(ruleset, policy, defined(policy.versions[0], 'a first version')).compiled?.source ?? '';
    expect(source).toContain('.plucked'); // the one pass is what this test exercises
    // A replayed list of counted vehicles is plucked as given, not as the facts' list would be.
    await fc.assert(
      fc.asyncProperty(fleets, fc.array(vehicle, { maxLength: 4 }), async (input, replayed) => {
        const request = {
          policy: 'test.age',
          facts: input,
          at: '2021-03-02',
          today: '2024-01-01',
          computedOverrides: { counted: replayed },
        };
        const reference = await evaluateReference(ruleset, request);
        // The compiled path itself answers (no fallback hiding a mistake) unless the reference fails.
        const failed = !reference.ok && reference.error.code === 'EVALUATION_FAILED';
        expect(evaluateCompiled(ruleset, request)).toStrictEqual(failed ? null : reference);
      }),
      { numRuns: FC_RUNS },
    );
  });

  it('are written out for the real policies that use them', async () => {
    const ruleset = rulesetFor({
      counted: { fn: 'activeOn', args: { list: fact('list'), date: fact('date') } },
    });
    const policy = ruleset.policies.get('test.age');
    const version = policy?.versions[0];
    if (!policy || !version) throw new Error('no version');
    const source = compiledVersion(ruleset, policy, version).compiled?.source ?? '';
    // The window fields are read by name; the library function is only the fallback.
    expect(source).toContain('item["from"]');
    expect(source).toContain('item["to"]');
  });
});
