// Evaluations share no engine state: many overlapping requests each get their own answer.
import { beforeAll, describe, expect, it } from 'vitest';
import { DECIDE_DEADLINE, json, LATE, ON_TIME, startTestService, type TestService } from './support.js';

let service: TestService;
beforeAll(async () => {
  service = await startTestService();
});

describe('200 parallel decisions on one policy', () => {
  it('alternating allow and deny facts all return the right outcome', async () => {
    const requests = Array.from({ length: 200 }, (_, i) => (i % 2 === 0 ? ON_TIME : LATE));
    const answers = await Promise.all(
      requests.map(async (facts) => {
        const response = await service.post(DECIDE_DEADLINE, { facts });
        return {
          status: response.status,
          ...(await json<{ outcome: string; violations: unknown[] }>(response)),
        };
      }),
    );
    answers.forEach((answer, i) => {
      expect(answer.status).toBe(200);
      expect(answer.outcome).toBe(i % 2 === 0 ? 'allow' : 'deny');
      expect(answer.violations).toHaveLength(i % 2 === 0 ? 0 : 1);
    });
    expect(new Set(answers.map((a) => (a as unknown as { decisionId: string }).decisionId)).size).toBe(200);
  });
});
