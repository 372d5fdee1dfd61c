// [§6 InfoCamere] The company's registered seat: the gateway's `sede` when it gives a complete one
// (municipality, six-digit ISTAT code, province sigla), else the roll's; a company outside the
// roll takes its province from the seat.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixtureCompanyRegistry } from '../../src/adapters/registry/fixture-company-registry.js';
import {
  InfoCamereHttpClient,
  type InfoCamerePecAnswer,
} from '../../src/adapters/registry/infocamere-http-client.js';
import { ROSSI } from '../albo/support.js';

const ANSWERS: Record<string, InfoCamerePecAnswer> = {
  // Moved from Torino to Moncalieri since the roll was printed.
  [ROSSI.fiscalCode]: {
    codiceFiscale: ROSSI.fiscalCode,
    denominazione: ROSSI.name,
    pec: ROSSI.pec,
    sede: { comune: 'Moncalieri', codiceIstat: '001156', provincia: 'TO' },
  },
  '12345678903': {
    codiceFiscale: '12345678903',
    denominazione: 'Trasporti Fuori Albo S.r.l.',
    pec: null,
    sede: { comune: 'Palermo', codiceIstat: '082053', provincia: 'PA' },
  },
  '12345678904': {
    codiceFiscale: '12345678904',
    denominazione: 'Sede Incompleta S.r.l.',
    pec: null,
    sede: { comune: 'Palermo', codiceIstat: '82053', provincia: 'PA' },
  },
};

let url = '';
const server = createServer((request, response) => {
  const fiscalCode = /^\/imprese\/([^/]+)\/pec$/.exec(request.url ?? '')?.[1] ?? '';
  const answer = ANSWERS[fiscalCode];
  if (!answer) return void response.writeHead(404).end();
  response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
});
beforeAll(async () => {
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((done) => server.close(() => done())));

const client = () =>
  new InfoCamereHttpClient({ baseUrl: url, timeoutMs: 1_000 }, new FixtureCompanyRegistry());

describe('the seat from InfoCamere', () => {
  it('is the gateway’s when it gives one, over the roll’s', async () => {
    expect(await client().lookup(ROSSI.fiscalCode)).toEqual({
      status: 'found',
      company: { ...ROSSI, seat: { municipality: 'Moncalieri', istatCode: '001156', province: 'TO' } },
    });
  });

  it('gives a company outside the roll its seat and province', async () => {
    expect(await client().lookup('12345678903')).toMatchObject({
      status: 'found',
      company: { province: 'PA', seat: { municipality: 'Palermo', istatCode: '082053', province: 'PA' } },
    });
  });

  it('is left out when incomplete or malformed', async () => {
    const answer = await client().lookup('12345678904');
    expect(answer).toMatchObject({ status: 'found', company: { province: '' } });
    expect(answer.status === 'found' && 'seat' in answer.company).toBe(false);
  });
});
