// [P-APPOINTMENT] 200 applicants book at once over HTTP, each with their own token, for 50 slots:
// exactly 50 succeed, no slot twice; the others hear NO_SLOTS_AVAILABLE from cns.appointment.
import { describe, expect, it } from 'vitest';
import { CNS_TOKENS } from '../../src/adapters/cns/cns-procedure.js';
import { resolve, TOKENS } from '../../src/adapters/tokens.js';
import { aStoredApplication } from '../contracts/cns-application-repository.contract.js';
import { json } from '../http/support.js';
import { slotsFrom, startCnsService } from './support.js';

describe('POST /v1/cns/applications/{id}/appointment under concurrency', () => {
  it('gives 50 slots to exactly 50 of 200 parallel bookings, no slot twice', async () => {
    const service = await startCnsService();
    const created = await service.http('POST', '/v1/cns/appointment-slots', 'operator', {
      slots: slotsFrom(50),
    });
    expect(created.status).toBe(201);
    const repo = resolve(service.container, CNS_TOKENS.Applications);
    const tokens = resolve(service.container, TOKENS.TokenIssuer);
    const applicants = await Promise.all(
      Array.from({ length: 200 }, async (_, i) => {
        const id = `applicant-${i}`;
        await repo.insert(aStoredApplication(id));
        return { id, token: await tokens.issue({ kind: 'applicant', applicationId: id, epoch: 0 }, 3600) };
      }),
    );
    const responses = await Promise.all(
      applicants.map((a) =>
        service.http('POST', `/v1/cns/applications/${a.id}/appointment`, { token: a.token }, {}),
      ),
    );
    const bodies = await Promise.all(responses.map((r) => json<Record<string, unknown>>(r)));
    const ok = bodies.filter((_, i) => responses[i]?.status === 200);
    const slots = ok.map((b) => (b.appointment as { slotId: string }).slotId);
    expect(ok).toHaveLength(50);
    expect(new Set(slots).size).toBe(50);
    const refused = bodies.filter((_, i) => responses[i]?.status === 422);
    expect(refused).toHaveLength(150);
    for (const body of refused)
      expect(body).toMatchObject({ code: 'POLICY_DENIED', violations: [{ code: 'NO_SLOTS_AVAILABLE' }] });
    const free = await json<{ slots: unknown[] }>(
      await service.http('GET', '/v1/cns/appointment-slots', 'service'),
    );
    expect(free.slots).toEqual([]);
  });
});
