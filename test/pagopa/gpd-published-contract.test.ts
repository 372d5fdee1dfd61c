// [#20] The outgoing contract with pagoPA GPD, held to pagoPA's published document (debt positions
// v1.1.37, src/adapters/pagopa/published/), not to our restatement of it: every body GpdHttpClient
// sends, as OpenPayment builds it, and every answer the GPD simulator gives, over a whole payment
// (create, a retry that finds it, publish of a draft, read before and after the payment). The
// payments API document (receipts by IUV) is kept beside it; neither party here calls it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkAgainst } from '../../src/adapters/http/json-body.js';
import { ReceiptNotificationBody } from '../../src/adapters/http/routes/payments.js';
import { MemoryPaymentRepository } from '../../src/adapters/memory/memory-payment-repository.js';
import { GpdHttpClient } from '../../src/adapters/pagopa/gpd-http-client.js';
import {
  type RunningGpdSimulator,
  receiptNotificationBody,
  startGpdHttpSimulator,
} from '../../src/adapters/pagopa/gpd-http-simulator.js';
import { gpdRequestCheck, gpdResponseCheck } from '../../src/adapters/pagopa/gpd-published-schema.js';
import { OpenPayment } from '../../src/application/payments/open-payment.js';
import { clock, feeRequest, ids, secrets } from '../payments/support.js';

const KEY = 'gpd-contract-key';
let simulator: RunningGpdSimulator;

interface Exchange {
  operation: string;
  method: string;
  body: unknown;
  status: number;
  answer: unknown;
}

/** Which published operation a request is. */
function operationOf(method: string, url: string): string {
  const path = new URL(url).pathname;
  if (method === 'POST' && /\/debtpositions$/.test(path)) return 'createPosition';
  if (method === 'POST' && /\/publish$/.test(path)) return 'publishPosition';
  if (method === 'GET') return 'getOrganizationDebtPositionByIUPD';
  throw new Error(`not a GPD operation: ${method} ${path}`);
}

/** GpdHttpClient with its traffic recorded: what it sends and what the simulator answers. */
function recordingClient(exchanges: Exchange[]): GpdHttpClient {
  const client = new GpdHttpClient({ baseUrl: simulator.url, subscriptionKey: KEY });
  const real = globalThis.fetch;
  const recording: typeof fetch = async (input, init) => {
    const url = String(input);
    const method = init?.method ?? 'GET';
    const response = await real(input, init);
    const text = await response.clone().text();
    exchanges.push({
      operation: operationOf(method, url),
      method,
      body: init?.body ? JSON.parse(String(init.body)) : undefined,
      status: response.status,
      answer: text ? JSON.parse(text) : undefined,
    });
    return response;
  };
  return new Proxy(client, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      return async (...args: unknown[]) => {
        globalThis.fetch = recording;
        try {
          return await value.apply(target, args);
        } finally {
          globalThis.fetch = real;
        }
      };
    },
  });
}

beforeAll(async () => {
  simulator = await startGpdHttpSimulator({ subscriptionKey: KEY });
});
afterAll(() => simulator.close());

describe('GPD as pagoPA publishes it', () => {
  it('gets from the client only bodies the published document accepts, and answers only as it says', async () => {
    const exchanges: Exchange[] = [];
    const client = recordingClient(exchanges);
    const open = new OpenPayment(new MemoryPaymentRepository(), client, clock, ids, secrets);
    const payment = await open.execute(feeRequest('contract-1'));
    await client.createPosition(simulator.ledger.get(payment.iupd)?.position ?? fail());
    const second = await open.execute(feeRequest('contract-2'));
    const draft = simulator.ledger.get(second.iupd)?.position ?? fail();
    // A draft left by an earlier attempt: the client publishes it.
    const iupd = draft.iupd.replace(/\d{4}$/, '9999');
    simulator.ledger.create(iupd.slice(0, 11), { ...structuredClone(draft), iupd }, false);
    await client.createPosition({ ...structuredClone(draft), iupd });
    await client.position(payment.iupd);
    await simulator.pay(payment.noticeNumber);
    await client.position(payment.iupd);

    expect(exchanges.map((e) => `${e.operation} ${e.status}`)).toEqual([
      'createPosition 201',
      'createPosition 409',
      'getOrganizationDebtPositionByIUPD 200',
      'createPosition 201',
      'createPosition 409',
      'getOrganizationDebtPositionByIUPD 200',
      'publishPosition 200',
      'getOrganizationDebtPositionByIUPD 200',
      'getOrganizationDebtPositionByIUPD 200',
    ]);
    for (const e of exchanges) {
      if (e.body !== undefined)
        expect([e.operation, gpdRequestCheck(e.operation)(e.body)]).toEqual([e.operation, []]);
      if (e.status === 409) expect(e.answer).toMatchObject({ status: 409, title: expect.any(String) });
      else
        expect([e.operation, gpdResponseCheck(e.operation, e.status)(e.answer)]).toEqual([e.operation, []]);
    }
  });

  it('sends the due date as the end of the Rome day, with its offset, and asks GPD to expire it after', async () => {
    const exchanges: Exchange[] = [];
    await new OpenPayment(
      new MemoryPaymentRepository(),
      recordingClient(exchanges),
      clock,
      ids,
      secrets,
    ).execute(feeRequest('contract-3'));
    expect(exchanges[0]?.body).toMatchObject({
      switchToExpired: true,
      paymentOption: [{ dueDate: '2017-02-28T23:59:59+01:00' }],
    });
  });

  it('refuses, as GPD does, a position the published document refuses: 400 with a ProblemJson', async () => {
    const url = `${simulator.url}/organizations/97000000000/debtpositions?toPublish=true`;
    const post = (body: unknown) =>
      fetch(url, {
        method: 'POST',
        headers: { 'Ocp-Apim-Subscription-Key': KEY, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    for (const body of [{}, { iupd: 'x', type: 'Z' }, 'text']) {
      const answer = await post(body);
      expect(answer.status).toBe(400);
      const problem = await answer.json();
      expect(problem).toMatchObject({ status: 400, title: 'BAD_REQUEST' });
      expect(gpdResponseCheck('createPosition', 400)(problem)).toEqual([]);
    }
  });

  it('notifies receipts in the very shape POST /v1/pagopa/receipts accepts', async () => {
    const open = new OpenPayment(new MemoryPaymentRepository(), simulator.ledger, clock, ids, secrets);
    const payment = await open.execute(feeRequest('contract-4'));
    const outcome = await simulator.pay(payment.noticeNumber);
    const body = receiptNotificationBody(outcome?.notification ?? fail());
    expect(checkAgainst(ReceiptNotificationBody, body).ok).toBe(true);
  });
});

function fail(): never {
  throw new Error('expected a value');
}
