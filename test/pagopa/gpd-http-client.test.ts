// [§6 pagoPA] GpdHttpClient against the GPD HTTP simulator on 127.0.0.1: the PaymentGateway
// contract, GPD's paths and header, the retry of a half-done creation, errors and timeouts.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GpdHttpClient, GpdHttpError } from '../../src/adapters/pagopa/gpd-http-client.js';
import {
  type RunningGpdSimulator,
  startGpdHttpSimulator,
} from '../../src/adapters/pagopa/gpd-http-simulator.js';
import { aPosition, paymentGatewayContract } from '../contracts/payment-gateway.contract.js';

const KEY = 'gpd-test-subscription-key';
let simulator: RunningGpdSimulator;
let client: GpdHttpClient;

beforeAll(async () => {
  simulator = await startGpdHttpSimulator({ subscriptionKey: KEY });
  client = new GpdHttpClient({ baseUrl: `${simulator.url}/`, subscriptionKey: KEY, timeoutMs: 2_000 });
});
afterAll(() => simulator.close());

paymentGatewayContract('GpdHttpClient → GPD HTTP simulator', async () => ({
  gateway: client,
  pay: async (noticeNumber) => {
    if (!(await simulator.pay(noticeNumber))) throw new Error(`no valid position for ${noticeNumber}`);
  },
}));

describe('GPD over HTTP', () => {
  it('files the position under its organization, in GPD shapes, with the subscription key', async () => {
    const { position } = aPosition();
    await client.createPosition(position);
    const url = `${simulator.url}/organizations/97000000000/debtpositions/${position.iupd}`;
    const read = await fetch(url, { headers: { 'Ocp-Apim-Subscription-Key': KEY } });
    expect(read.status).toBe(200);
    expect(await read.json()).toMatchObject({
      iupd: position.iupd,
      organizationFiscalCode: '97000000000',
      status: 'VALID',
      paymentOption: [{ iuv: position.paymentOption[0]?.iuv, amount: 3516, status: 'PO_UNPAID' }],
    });
    expect((await fetch(url)).status).toBe(401);
    const elsewhere = url.replace('97000000000', '80062130010');
    expect((await fetch(elsewhere, { headers: { 'Ocp-Apim-Subscription-Key': KEY } })).status).toBe(404);
  });

  it('publishes a position an earlier attempt left in DRAFT', async () => {
    const { position } = aPosition();
    simulator.ledger.create('97000000000', position, false);
    expect(await client.positionStatus(position.iupd)).toBe('DRAFT');
    expect(await client.createPosition(position)).toEqual({ iupd: position.iupd, status: 'VALID' });
  });

  it('throws the HTTP status when GPD refuses (wrong key, malformed position)', async () => {
    const wrongKey = new GpdHttpClient({ baseUrl: simulator.url, subscriptionKey: 'wrong' });
    await expect(wrongKey.positionStatus(aPosition().position.iupd)).rejects.toMatchObject({
      name: 'GpdHttpError',
      status: 401,
    });
    // What the client sent before [#20]: no switchToExpired, a due date without an offset.
    const { position } = aPosition();
    const { switchToExpired: _, ...bad } = position;
    const option = bad.paymentOption[0];
    if (option) option.dueDate = '2017-02-28T23:59:59';
    const error = await client.createPosition(bad as typeof position).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GpdHttpError);
    expect(error).toMatchObject({
      status: 400,
      message: expect.stringContaining('switchToExpired is required'),
    });
    expect(error).toMatchObject({
      message: expect.stringContaining('/paymentOption/0/dueDate: must match format "date-time"'),
    });
  });

  it('refuses an iupd that does not name its organization', async () => {
    await expect(client.positionStatus('no-organization')).rejects.toThrow(/organization fiscal code/);
  });

  describe('when GPD does not answer', () => {
    let silent: Server;
    let base: string;
    beforeAll(async () => {
      // Accepts the request and never answers.
      silent = createServer(() => {});
      await new Promise<void>((done) => silent.listen(0, '127.0.0.1', done));
      base = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
    });
    afterAll(async () => {
      silent.closeAllConnections();
      await new Promise((done) => silent.close(done));
    });

    it('gives up after the timeout with status 0, and an unreachable GPD likewise', async () => {
      const slow = new GpdHttpClient({ baseUrl: base, subscriptionKey: KEY, timeoutMs: 200 });
      const started = performance.now();
      await expect(slow.createPosition(aPosition().position)).rejects.toMatchObject({
        status: 0,
        message: expect.stringContaining('no answer within 200 ms'),
      });
      expect(performance.now() - started).toBeLessThan(2_000);
      const closed = new GpdHttpClient({ baseUrl: 'http://127.0.0.1:9', subscriptionKey: KEY });
      await expect(closed.positionStatus(aPosition().position.iupd)).rejects.toMatchObject({ status: 0 });
    });
  });
});
