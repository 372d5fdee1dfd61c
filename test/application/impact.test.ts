// The impact of a rule edit: a service logs albo.payment-deadline decisions, a maintainer moves the
// extended deadline in a copy of the rules, and the impact lists exactly the decisions whose
// outcome changes, with the suite cases evaluated too.
import { afterAll, describe, expect, it } from 'vitest';
import { ruleImpact } from '../../src/application/audit/impact.js';
import { latestDecisions } from '../../src/application/decisions/latest-decisions.js';
import { removeCopies } from '../cli/support.js';
import { serviceWithDecisions, shortenExtension } from './impact-support.js';

afterAll(removeCopies);

describe('ruleImpact', () => {
  it('lists exactly the logged decisions whose outcome changes when the deadline moves', async () => {
    const dates = [
      '2016-12-15',
      '2017-01-20',
      '2017-02-14',
      '2017-02-15',
      '2017-02-16',
      '2017-02-28',
      '2017-03-05',
    ];
    const { dir, registry, log, ids } = await serviceWithDecisions(dates);
    await shortenExtension(dir);
    const candidate = await registry.candidate();
    if (!candidate.ok) throw new Error(JSON.stringify(candidate.issues));

    const report = await ruleImpact({
      before: registry.current(),
      after: candidate.value,
      decisions: await latestDecisions(log, { limit: 100 }),
      now: new Date('2017-01-10T09:00:00Z'),
    });

    // Paid on 16 and 28 February: on time by 28 February, late by 15 February.
    expect(report.changedOutcomes).toEqual([ids.get('2017-02-16'), ids.get('2017-02-28')]);
    // The deadline output changes for every payment evaluated after the extension (30 December 2016).
    expect(report.changedDecisions).toEqual(dates.slice(1).map((d) => ids.get(d)));
    expect(report.decisions).toBe(dates.length);
    const deadline = report.policies.find((p) => p.policy === 'albo.payment-deadline');
    expect(deadline).toMatchObject({ decisions: 7, outcomes: 2 + 1, violations: 2 + 1 });
    // …and the suite: "A payment on 28 February 2017 is on time" is now late.
    expect(deadline?.cases).toBeGreaterThan(0);
    expect(deadline?.examples).toContainEqual({
      kind: 'decision',
      id: ids.get('2017-02-16'),
      at: '2017-02-16',
      changed: ['outcome', 'violations', 'outputs.deadline'],
      before: {
        outcome: 'allow',
        violations: [],
        outputs: { windowOpens: '2016-11-22', deadline: '2017-02-28' },
      },
      after: {
        outcome: 'deny',
        violations: ['DEADLINE_PASSED'],
        outputs: { windowOpens: '2016-11-22', deadline: '2017-02-15' },
      },
    });
    expect(report.beforeHash).not.toBe(report.afterHash);
  });

  it('reports no change when the rules are the same', async () => {
    const { registry, log } = await serviceWithDecisions(['2017-01-20', '2017-03-05']);
    const report = await ruleImpact({
      before: registry.current(),
      after: registry.current(),
      decisions: await latestDecisions(log, { limit: 100 }),
      now: new Date(),
    });
    expect(report.changedDecisions).toEqual([]);
    expect(report.policies.every((p) => p.changed === 0)).toBe(true);
  });
});
