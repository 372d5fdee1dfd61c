// [#19][§6 pagoPA] GPD down when the company opens its fee payment: the answer is 503
// PAYMENT_POSITION_PENDING with Retry-After (never a notice number GPD does not know); once GPD is
// back the background retry creates the position, and the company's next request gets the notice.
import { describe, expect, it, vi } from 'vitest';
import { resolve, TOKENS } from '../../src/adapters/tokens.js';
import { json } from '../http/support.js';
import { FLEET } from './fleet.js';
import { activeAccount, NEW_PASSWORD, ROSSI, startAlbo } from './support.js';

describe('a fee payment opened while pagoPA GPD is down', () => {
  it('is pending (503, Retry-After), then payable once the background retry reaches GPD', async () => {
    const service = await startAlbo();
    const rossi = await activeAccount(service, ROSSI);
    const session = await service.call('POST', '/v1/albo/sessions', 'service', {
      matricola: rossi.matricola,
      password: NEW_PASSWORD,
    });
    const as = { token: (await json<{ token: string }>(session)).token };
    await service.call('PUT', `/v1/albo/companies/${rossi.matricola}/fleet`, 'operator', { vehicles: FLEET });
    const gpd = resolve(service.container, TOKENS.GpdSimulator);
    const down = vi.spyOn(gpd, 'createPosition').mockRejectedValue(new Error('connect ECONNREFUSED'));

    const pending = await service.call('POST', '/v1/albo/payments', as, { year: 2017 });
    expect(pending.status).toBe(503);
    expect(pending.headers.get('retry-after')).toMatch(/^\d+$/);
    const problem = await json(pending);
    expect(problem).toMatchObject({ code: 'PAYMENT_POSITION_PENDING' });
    expect(JSON.stringify(problem)).not.toMatch(/noticeNumber/);

    // Asked again while GPD is still down: still pending, still no notice.
    const again = await service.call('POST', '/v1/albo/payments', as, { year: 2017 });
    expect(again.status).toBe(503);
    expect(JSON.stringify(await json(again))).not.toMatch(/noticeNumber/);

    const retry = resolve(service.container, TOKENS.RetryPendingPositions);
    expect(await retry.run()).toEqual({ published: 0, failed: 1 });
    down.mockRestore();
    expect(await retry.run()).toEqual({ published: 1, failed: 0 });

    const opened = await service.call('POST', '/v1/albo/payments', as, { year: 2017 });
    // The payment was stored by the first request: this one finds it, now with its notice.
    expect(opened.status).toBe(200);
    const { noticeNumber } = await json<{ noticeNumber: string }>(opened);
    const payment = await resolve(service.container, TOKENS.PaymentRepository).findByNoticeNumber(
      noticeNumber,
    );
    expect(await gpd.positionStatus(payment?.iupd ?? '')).toBe('VALID');
  });
});
