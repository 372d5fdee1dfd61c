// The contract every DecisionLog keeps (in memory today, MongoDB later): append-only, one entry per
// id, and an entry read back exactly as it was logged, whatever keys and values its facts hold and
// whatever callers do afterwards to the objects they appended or read.
import { describe, expect, it } from 'vitest';
import type { DecisionLog, LoggedDecision } from '../../src/application/ports/decision-log.js';

let sequence = 0;

export function aLoggedDecision(overrides: Partial<LoggedDecision> = {}): LoggedDecision {
  const n = ++sequence;
  return {
    id: `decision-${n}`,
    time: '2024-03-01T10:00:00.000Z',
    policy: 'albo.registration',
    rulesetHash: 'sha256:4f0c6e2a9b',
    at: '2024-03-01',
    facts: { age: 40, company: { fiscalCode: '01234567890', vehicles: 3 } },
    redacted: [],
    outcome: 'deny',
    violations: [
      {
        code: 'fleet-too-small',
        message: { it: 'Il parco veicoli è insufficiente.', en: 'The fleet is too small.' },
        rule: 'fleet-size',
        source: 'albo/registration.rules.json',
      },
    ],
    outputs: { quotaCents: 3516 },
    ...overrides,
  };
}

/** Facts with what a document store may choke on: operator-like and dotted keys, `__proto__`… */
function awkwardFacts(): Record<string, unknown> {
  // JSON.parse makes `__proto__` an own key, as it arrives in a request body.
  const parsed = JSON.parse('{"__proto__": {"polluted": true, "$where": "1"}, "nested": {"__proto__": [1]}}');
  return {
    'a.b': 1,
    'x.y.z': { 'k.1': 'v' },
    $gt: 5,
    $where: 'this.admin == true',
    $set: { 'profile.role': 'admin', $inc: 1 },
    ...parsed,
    deep: [[1, [2, [3, []]]], [], [{ 'd.o.t': null, $ne: false }]],
    unicode: 'Perché così? Città di Forlì — €150 🚚 日本語',
    'città-è': 'chiave accentata',
    '🚚': 'emoji key',
    numbers: [0, -1, 0.1, 0.1 + 0.2, 1e21, 1.5e-7, Number.MAX_SAFE_INTEGER, -2_147_483_649],
    nothing: null,
    yes: true,
    no: false,
    empty: { object: {}, array: [], string: '' },
  };
}

/** Tries to change an entry; a log may hand out frozen objects, which refuse (and that is fine). */
function tryToChange(change: () => void): void {
  try {
    change();
  } catch (e) {
    if (!(e instanceof TypeError)) throw e;
  }
}

export function decisionLogContract(adapter: string, make: () => DecisionLog | Promise<DecisionLog>): void {
  describe(`DecisionLog contract: ${adapter}`, () => {
    it('reads back an appended entry equal to it, and nothing for an unknown id', async () => {
      const log = await make();
      const entry = aLoggedDecision();
      await log.append(entry);
      expect(await log.get(entry.id)).toEqual(entry);
      expect(await log.get('no-such-decision')).toBeNull();
    });

    it('keeps the optional fields of a redacted decision', async () => {
      const log = await make();
      const entry = aLoggedDecision({
        facts: { age: 40 },
        redacted: ['secret'],
        computed: { secretLength: 3 },
        outcome: 'allow',
        violations: [],
      });
      await log.append(entry);
      expect(await log.get(entry.id)).toEqual(entry);
    });

    it('refuses a second entry with the same id and keeps the first', async () => {
      const log = await make();
      const first = aLoggedDecision();
      await log.append(first);
      const second = aLoggedDecision({ id: first.id, outcome: 'allow', violations: [], facts: { age: 18 } });
      await expect(log.append(second)).rejects.toThrow();
      expect(await log.get(first.id)).toEqual(first);
    });

    it('reads back facts with dotted, $-prefixed and __proto__ keys, nested arrays, unicode and numbers', async () => {
      const log = await make();
      const facts = awkwardFacts();
      const entry = aLoggedDecision({ facts, outputs: awkwardFacts(), computed: { '$x.y': [null, 0.1] } });
      await log.append(entry);
      const read = await log.get(entry.id);
      expect(read).toEqual(entry);
      expect(read?.facts).toEqual(awkwardFacts());
      expect(Object.keys(read?.facts ?? {}).sort()).toEqual(Object.keys(facts).sort());
      expect(Object.hasOwn(read?.facts ?? {}, '__proto__')).toBe(true);
      expect(read?.facts['__proto__']).toEqual({ polluted: true, $where: '1' });
      expect(Object.getPrototypeOf(read?.facts)).toBe(Object.prototype);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect((read?.facts.numbers as number[])[3]).toBe(0.1 + 0.2);
      expect((read?.facts.numbers as number[])[4]).toBe(1e21);
      expect(read?.facts.unicode).toBe('Perché così? Città di Forlì — €150 🚚 日本語');
    });

    it('keeps an entry as appended whatever is done to the appended object or a read one', async () => {
      const log = await make();
      const entry = aLoggedDecision();
      const logged = structuredClone(entry);
      await log.append(entry);
      entry.outcome = 'allow';
      (entry.facts.company as Record<string, unknown>).vehicles = 99;
      entry.violations.pop();
      entry.redacted.push('age');
      expect(await log.get(logged.id)).toEqual(logged);

      const read = await log.get(logged.id);
      if (!read) throw new Error('not logged');
      tryToChange(() => {
        read.outcome = 'allow';
      });
      tryToChange(() => {
        read.facts.age = 17;
      });
      tryToChange(() => {
        (read.facts.company as Record<string, unknown>).vehicles = 0;
      });
      tryToChange(() => {
        read.violations.length = 0;
      });
      tryToChange(() => {
        const first = read.violations[0];
        if (first) first.message.it = 'modificato';
      });
      tryToChange(() => {
        read.outputs.quotaCents = 0;
      });
      expect(await log.get(logged.id)).toEqual(logged);
    });
  });
  decisionLogListContract(adapter, make);
}

/** `list`: bounded by `limit`, `since` and `policy`, the latest ones, oldest first. */
export function decisionLogListContract(
  adapter: string,
  make: () => DecisionLog | Promise<DecisionLog>,
): void {
  describe(`DecisionLog list contract: ${adapter}`, () => {
    const at = (minute: number) => `2024-03-01T10:${String(minute).padStart(2, '0')}:00.000Z`;

    it('lists the latest decisions, oldest first, at most `limit`', async () => {
      const log = await make();
      // Appended out of time order: the list follows `time`.
      for (const minute of [3, 1, 4, 2, 5])
        await log.append(aLoggedDecision({ id: `m${minute}`, time: at(minute) }));
      expect((await log.list({ limit: 10 })).map((d) => d.id)).toEqual(['m1', 'm2', 'm3', 'm4', 'm5']);
      expect((await log.list({ limit: 2 })).map((d) => d.id)).toEqual(['m4', 'm5']);
      expect(await log.list({ limit: 0 })).toEqual([]);
    });

    it('keeps only decisions since an instant (inclusive) and of one policy', async () => {
      const log = await make();
      await log.append(aLoggedDecision({ id: 'a1', time: at(1), policy: 'albo.quota' }));
      await log.append(aLoggedDecision({ id: 'b2', time: at(2), policy: 'albo.payment-deadline' }));
      await log.append(aLoggedDecision({ id: 'a3', time: at(3), policy: 'albo.quota' }));
      await log.append(aLoggedDecision({ id: 'b4', time: at(4), policy: 'albo.payment-deadline' }));
      expect((await log.list({ since: at(2), limit: 10 })).map((d) => d.id)).toEqual(['b2', 'a3', 'b4']);
      expect((await log.list({ policy: 'albo.quota', limit: 10 })).map((d) => d.id)).toEqual(['a1', 'a3']);
      expect(
        (await log.list({ policy: 'albo.payment-deadline', since: at(3), limit: 10 })).map((d) => d.id),
      ).toEqual(['b4']);
    });

    it('gives entries equal to the ones appended', async () => {
      const log = await make();
      const entry = aLoggedDecision({ redacted: ['secret'], computed: { secretLength: 3 } });
      await log.append(entry);
      expect(await log.list({ limit: 1 })).toEqual([entry]);
    });
  });
}
