// Procedures hand policies the context they have; the policy's facts schema picks what it reads.
// On random closed schemas: the facts a schema describes come back exactly from a context that holds
// them among undeclared members at every level (objects, arrays of objects like the fleet); a member
// the context lacks is left out, never null. On the fixture rule set: every auditor case's facts
// are picked unchanged, so the existing policies get exactly what they got before.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  absentNulls,
  factsFor,
  factsFromContext,
  lazy,
} from '../../src/application/decisions/policy-context.js';
import { FC_RUNS, loadRealRules } from '../support/load-rules.js';

type Schema = Record<string, unknown>;

/** Closed object schemas (declared names start with `p`), arrays of them, and leaves. */
const schemaArb: fc.Arbitrary<Schema> = fc.letrec<{ node: Schema; object: Schema }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom<Schema>({ type: 'string' }, { type: 'integer' }, { type: ['string', 'null'] }),
    tie('object'),
    tie('object').map((items) => ({ type: 'array', items })),
  ),
  object: fc
    .dictionary(
      fc.stringMatching(/^p[a-z]{0,4}$/),
      tie('node').map((s) => s),
      { maxKeys: 4 },
    )
    .map((properties) => ({ type: 'object', additionalProperties: false, properties })),
})).object;

/** Facts the schema describes; optional members may be missing. */
function factsOf(schema: Schema): fc.Arbitrary<unknown> {
  if (schema.type === 'object') {
    const properties = schema.properties as Record<string, Schema>;
    const members = Object.fromEntries(Object.entries(properties).map(([name, s]) => [name, factsOf(s)]));
    return fc.record(members, { requiredKeys: [] });
  }
  if (schema.type === 'array') return fc.array(factsOf(schema.items as Schema), { maxLength: 3 });
  if (schema.type === 'integer') return fc.integer();
  if (Array.isArray(schema.type)) return fc.option(fc.string(), { nil: null });
  return fc.string();
}

/** What a context holds besides the facts: undeclared members (names start with `x`) at every level. */
const noiseArb = fc.dictionary(fc.stringMatching(/^x[a-z]{0,4}$/), fc.jsonValue({ maxDepth: 2 }), {
  maxKeys: 3,
});

function contextOf(schema: Schema, facts: unknown): fc.Arbitrary<unknown> {
  if (schema.type === 'object') {
    const value = facts as Record<string, unknown>;
    const properties = schema.properties as Record<string, Schema>;
    const members = Object.entries(properties).map(([name, s]) =>
      name in value
        ? contextOf(s, value[name]).map((v) => [name, v] as const)
        : // A member the procedure does not have may be there as undefined.
          fc.constantFrom([name, undefined] as const, null),
    );
    return fc
      .tuple(noiseArb, ...members)
      .map(([noise, ...kept]) => ({ ...noise, ...Object.fromEntries(kept.filter((m) => m !== null)) }));
  }
  if (schema.type === 'array') {
    const items = facts as unknown[];
    return items.length === 0
      ? fc.constant([])
      : fc.tuple(...items.map((item) => contextOf(schema.items as Schema, item)));
  }
  return fc.constant(facts);
}

const caseArb = schemaArb.chain((schema) =>
  factsOf(schema).chain((facts) =>
    contextOf(schema, facts).map((context) => ({
      schema,
      facts,
      context: context as Record<string, unknown>,
    })),
  ),
);

describe('factsFor', () => {
  it('picks from a context exactly the facts its schema declares, at every level', () => {
    fc.assert(
      fc.property(caseArb, ({ schema, facts, context }) => {
        // (structuredClone: fast-check's records need not have Object.prototype.)
        expect(factsFor(schema, context)).toStrictEqual(structuredClone(facts));
      }),
      { numRuns: FC_RUNS },
    );
  }, 120_000);

  it('keeps null, leaves out what is missing or undefined, and never invents a member', () => {
    const schema = {
      type: 'object',
      additionalProperties: false,
      properties: { a: { type: ['string', 'null'] }, b: { type: 'string' }, c: { type: 'string' } },
    };
    const picked = factsFor(schema, { a: null, b: undefined, d: 'undeclared' });
    expect(picked).toStrictEqual({ a: null });
    expect('b' in picked || 'c' in picked).toBe(false);
  });

  it('picks inside each vehicle of a fleet, and inside nested closed objects', () => {
    const schema = {
      type: 'object',
      properties: {
        fleet: {
          type: 'array',
          items: {
            type: 'object',
            additionalProperties: false,
            properties: { plate: { type: 'string' }, massKg: { type: 'integer' } },
          },
        },
        company: {
          type: 'object',
          additionalProperties: false,
          properties: {
            seat: {
              type: 'object',
              additionalProperties: false,
              properties: { istatCode: { type: 'string' } },
            },
          },
        },
      },
    };
    const context = {
      fleet: [
        { plate: 'TO123AB', massKg: 18000, owner: 'Rossi' },
        { plate: 'TO456CD', towableMassKg: 9000 },
      ],
      company: {
        name: 'Autotrasporti Rossi',
        pec: 'rossi@pec.it',
        seat: { municipality: 'Torino', istatCode: '001272', province: 'TO' },
      },
      account: { matricola: 'IT12345678' },
    };
    expect(factsFor(schema, context)).toStrictEqual({
      fleet: [{ plate: 'TO123AB', massKg: 18000 }, { plate: 'TO456CD' }],
      company: { seat: { istatCode: '001272' } },
    });
  });

  it('hands over as it is an object its schema leaves open, and a value of the wrong shape', () => {
    const schema = {
      type: 'object',
      properties: {
        open: { type: 'object', properties: { a: { type: 'string' } } },
        closed: { type: 'object', additionalProperties: false, properties: { a: { type: 'string' } } },
      },
    };
    const open = { a: 'x', b: 'y' };
    expect(factsFor(schema, { open, closed: 'not an object' })).toStrictEqual({
      open,
      closed: 'not an object',
    });
  });

  it('reads only own members, and keeps a fact named like a prototype member a plain one', () => {
    const schema = {
      type: 'object',
      properties: { toString: { type: 'string' }, ['__proto__']: { type: 'string' } },
    };
    expect(factsFor(schema, {})).toStrictEqual({});
    const context = JSON.parse('{"__proto__": "x"}') as Record<string, unknown>;
    const picked = factsFor(schema, context);
    expect(Object.getPrototypeOf(picked)).toBe(Object.prototype);
    expect(Object.keys(picked)).toEqual(['__proto__']);
  });
});

describe('factsFromContext', () => {
  it('loads a lazy member only for a schema that declares it, once', async () => {
    let loads = 0;
    const company = lazy(async () => {
      loads++;
      return { seat: { istatCode: '001272' }, pec: 'rossi@pec.it' };
    });
    const context = { year: 2017, company };
    const withoutCompany = { type: 'object', properties: { year: { type: 'integer' } } };
    expect(await factsFromContext(withoutCompany, context)).toStrictEqual({ year: 2017 });
    expect(loads).toBe(0);
    const withSeat = {
      type: 'object',
      properties: {
        company: {
          type: 'object',
          additionalProperties: false,
          properties: { seat: { type: 'object' } },
        },
      },
    };
    expect(await factsFromContext(withSeat, context)).toStrictEqual({
      company: { seat: { istatCode: '001272' } },
    });
    expect(await factsFromContext(withSeat, context)).toStrictEqual({
      company: { seat: { istatCode: '001272' } },
    });
    expect(loads).toBe(1);
  });

  it('leaves out a lazy member that loads nothing', async () => {
    const schema = { type: 'object', properties: { company: { type: 'object' } } };
    expect(await factsFromContext(schema, { company: lazy(async () => undefined) })).toStrictEqual({});
  });
});

describe('absentNulls', () => {
  it('drops null and undefined members at every level, and keeps arrays', () => {
    expect(absentNulls({ a: null, b: { c: undefined, d: 1, e: [{ f: null, g: 'x' }] } })).toStrictEqual({
      b: { d: 1, e: [{ g: 'x' }] },
    });
  });
});

describe('the fixture policies', () => {
  it('pick every auditor case’s facts unchanged: the existing policies get exactly what they got', async () => {
    const loaded = await loadRealRules();
    expect(loaded.suites.length).toBeGreaterThan(0);
    for (const suite of loaded.suites) {
      const policy = loaded.ruleset.policies.get(suite.policy);
      if (!policy) throw new Error(`no policy ${suite.policy}`);
      for (const c of suite.cases) expect(factsFor(policy.facts, c.facts), c.name).toStrictEqual(c.facts);
    }
  });
});
