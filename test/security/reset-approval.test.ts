// [P-LOCKOUT] issue #16 item 8: a RESET PASSWORD is approved by the system administrator (role
// admin), not by an operator, and the approval records the approving key's label, never the key.
import { describe, expect, it } from 'vitest';
import { ALBO_TOKENS } from '../../src/adapters/albo/albo-procedure.js';
import { resolve } from '../../src/adapters/tokens.js';
import { activeAccount, KEYS, ROSSI, startAlbo } from '../albo/support.js';
import { json } from '../http/support.js';

async function pendingReset() {
  const service = await startAlbo();
  const { matricola } = await activeAccount(service, ROSSI);
  const requested = await service.call('POST', '/v1/albo/password-resets', 'service', {
    subject: 'RESET PASSWORD',
    matricola,
    registerNumber: ROSSI.registerNumber,
    phone: '011 1234567',
  });
  expect(requested.status).toBe(202);
  const { id } = await json<{ id: string }>(requested);
  return { service, id, matricola };
}

describe('POST /v1/albo/password-resets/{id}/approval', () => {
  it('refuses an operator: only the administrator restores access', async () => {
    const { service, id } = await pendingReset();
    const byOperator = await service.call('POST', `/v1/albo/password-resets/${id}/approval`, 'operator');
    expect(byOperator.status).toBe(403);
    const pending = await json<{ requests: Array<{ id: string; status: string }> }>(
      await service.call('GET', '/v1/albo/password-resets', 'admin'),
    );
    expect(pending.requests.find((r) => r.id === id)?.status).toBe('pending');
  });

  it("records the administrator key's label as the approver, and the key nowhere", async () => {
    const { service, id, matricola } = await pendingReset();
    const approved = await service.call('POST', `/v1/albo/password-resets/${id}/approval`, 'admin');
    expect(approved.status).toBe(200);
    expect(await json(approved)).toMatchObject({ status: 'approved', approvedBy: 'admin-1' });
    const stored = await resolve(service.container, ALBO_TOKENS.Accounts).findByMatricola(matricola);
    expect(stored?.events.some((e) => e.detail?.includes('by admin-1'))).toBe(true);
    for (const key of Object.values(KEYS)) expect(JSON.stringify(stored)).not.toContain(key);
  });
});
