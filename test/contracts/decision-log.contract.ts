// The contract every DecisionLog keeps (in memory today, MongoDB later): append-only, one entry per
// id, and an entry read back exactly as it was logged, whatever keys and values its facts hold and
// whatever callers do afterwards to the objects they appended or read.
import { describe, expect, it } from 'vitest';
import { latestDecisions } from '../../src/application/decisions/latest-decisions.js';
import {
  type DecisionLog,
  type DecisionQuery,
  InvalidCursorError,
  type LoggedDecision,
} from '../../src/application/ports/decision-log.js';

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
      // biome-ignore lint/suspicious/noProto: reads the own key named __proto__ the log must keep as data
      // biome-ignore lint/complexity/useLiteralKeys: `.__proto__` would read the prototype, not the own key
      expect(read?.facts['__proto__']).toEqual({ polluted: true, $where: '1' });
      expect(Object.getPrototypeOf(read?.facts)).toBe(Object.prototype);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      const numbers = read?.facts.numbers as number[] | undefined;
      expect(numbers?.[3]).toBe(0.1 + 0.2);
      expect(numbers?.[4]).toBe(1e21);
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

    describe('search', () => {
      /** Six decisions over three days, appended out of time order, two of them at the same instant. */
      async function seeded(): Promise<{ log: DecisionLog; ids: Record<string, string> }> {
        const log = await make();
        const ids: Record<string, string> = {};
        const add = async (name: string, o: Partial<LoggedDecision>) => {
          const entry = aLoggedDecision(o);
          ids[name] = entry.id;
          await log.append(entry);
        };
        await add('quotaAllowDay2', {
          policy: 'albo.quota',
          outcome: 'allow',
          violations: [],
          time: '2024-03-02T09:00:00.000Z',
        });
        await add('quotaDenyDay1', { policy: 'albo.quota', time: '2024-03-01T09:00:00.000Z' });
        await add('deadlineDenyDay3', {
          policy: 'albo.payment-deadline',
          time: '2024-03-03T09:00:00.000Z',
          rulesetHash: 'sha256:other',
        });
        await add('quotaDenyDay3a', { policy: 'albo.quota', time: '2024-03-03T12:00:00.000Z' });
        await add('quotaDenyDay3b', { policy: 'albo.quota', time: '2024-03-03T12:00:00.000Z' });
        await add('deadlineAllowDay1', {
          policy: 'albo.payment-deadline',
          outcome: 'allow',
          violations: [],
          time: '2024-03-01T23:59:59.999Z',
        });
        return { log, ids };
      }

      /** Every page of a query, following the cursor. */
      async function allPages(log: DecisionLog, query: DecisionQuery): Promise<LoggedDecision[][]> {
        const pages: LoggedDecision[][] = [];
        let cursor: string | undefined;
        do {
          const page = await log.search({ ...query, ...(cursor ? { cursor } : {}) });
          pages.push(page.entries);
          cursor = page.next ?? undefined;
        } while (cursor && pages.length < 20);
        return pages;
      }

      it('gives every entry newest first, entries read back equal to those appended', async () => {
        const { log, ids } = await seeded();
        const { entries, next } = await log.search({ limit: 50 });
        expect(next).toBeNull();
        expect(entries).toHaveLength(6);
        const times = entries.map((e) => e.time);
        expect(times).toEqual([...times].sort().reverse());
        expect(entries.at(-1)?.id).toBe(ids.quotaDenyDay1);
        expect(entries[0]).toEqual(await log.get(entries[0]?.id ?? ''));
      });

      it('filters by policy, outcome, ruleset hash and a time range (from inclusive, to exclusive)', async () => {
        const { log, ids } = await seeded();
        const idsOf = async (q: Omit<DecisionQuery, 'limit'>) =>
          (await log.search({ ...q, limit: 50 })).entries.map((e) => e.id).sort();
        expect(await idsOf({ policy: 'albo.payment-deadline' })).toEqual(
          [ids.deadlineDenyDay3, ids.deadlineAllowDay1].sort(),
        );
        expect(await idsOf({ policy: 'albo.quota', outcome: 'allow' })).toEqual([ids.quotaAllowDay2]);
        expect(await idsOf({ rulesetHash: 'sha256:other' })).toEqual([ids.deadlineDenyDay3]);
        expect(
          await idsOf({ fromTime: '2024-03-01T23:59:59.999Z', toTime: '2024-03-03T12:00:00.000Z' }),
        ).toEqual([ids.deadlineAllowDay1, ids.quotaAllowDay2, ids.deadlineDenyDay3].sort());
        expect(await idsOf({ policy: 'no.such-policy' })).toEqual([]);
        expect(await idsOf({ rulesetHash: 'sha256:never' })).toEqual([]);
      });

      it('pages with the cursor: each match once, in order, whatever the page size', async () => {
        const { log } = await seeded();
        const all = (await log.search({ limit: 50 })).entries.map((e) => e.id);
        for (const limit of [1, 2, 4, 5]) {
          const pages = await allPages(log, { limit });
          expect(pages.every((p) => p.length <= limit)).toBe(true);
          expect(pages.flat().map((e) => e.id)).toEqual(all);
        }
        const deny = await allPages(log, { outcome: 'deny', limit: 2 });
        expect(deny.map((p) => p.length)).toEqual([2, 2]);
        expect(deny.flat().every((e) => e.outcome === 'deny')).toBe(true);
      });

      it('refuses a cursor it did not give', async () => {
        const { log } = await seeded();
        await expect(log.search({ limit: 5, cursor: 'not-a-cursor' })).rejects.toBeInstanceOf(
          InvalidCursorError,
        );
      });

      it('finds nothing in an empty log', async () => {
        const log = await make();
        expect(await log.search({ limit: 10 })).toEqual({ entries: [], next: null });
      });
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
      expect((await latestDecisions(log, { limit: 10 })).map((d) => d.id)).toEqual([
        'm1',
        'm2',
        'm3',
        'm4',
        'm5',
      ]);
      expect((await latestDecisions(log, { limit: 2 })).map((d) => d.id)).toEqual(['m4', 'm5']);
      expect(await latestDecisions(log, { limit: 0 })).toEqual([]);
    });

    it('keeps only decisions since an instant (inclusive) and of one policy', async () => {
      const log = await make();
      await log.append(aLoggedDecision({ id: 'a1', time: at(1), policy: 'albo.quota' }));
      await log.append(aLoggedDecision({ id: 'b2', time: at(2), policy: 'albo.payment-deadline' }));
      await log.append(aLoggedDecision({ id: 'a3', time: at(3), policy: 'albo.quota' }));
      await log.append(aLoggedDecision({ id: 'b4', time: at(4), policy: 'albo.payment-deadline' }));
      expect((await latestDecisions(log, { since: at(2), limit: 10 })).map((d) => d.id)).toEqual([
        'b2',
        'a3',
        'b4',
      ]);
      expect((await latestDecisions(log, { policy: 'albo.quota', limit: 10 })).map((d) => d.id)).toEqual([
        'a1',
        'a3',
      ]);
      expect(
        (await latestDecisions(log, { policy: 'albo.payment-deadline', since: at(3), limit: 10 })).map(
          (d) => d.id,
        ),
      ).toEqual(['b4']);
    });

    it('gives entries equal to the ones appended', async () => {
      const log = await make();
      const entry = aLoggedDecision({ redacted: ['secret'], computed: { secretLength: 3 } });
      await log.append(entry);
      expect(await latestDecisions(log, { limit: 1 })).toEqual([entry]);
    });
  });
}
