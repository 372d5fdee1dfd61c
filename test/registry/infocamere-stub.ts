// A loopback stand-in for the InfoCamere PEC-check API (GET /imprese/{cf}/pec) that records when
// each call arrived, on the test's clock, so a test can count calls in every minute window.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FIXTURE_COMPANIES } from '../../src/adapters/registry/fixture-companies.js';
import type { InfoCamerePecAnswer } from '../../src/adapters/registry/infocamere-http-client.js';

export type StubMode = 'normal' | 'failing' | 'silent';

export interface InfoCamereStub {
  url: string;
  mode: StubMode;
  /** The test clock's time of each call received (ms). */
  calls: number[];
  /** Fiscal codes asked, in order. */
  asked: string[];
  /** The most calls that arrived within any 60-second window. */
  maxCallsInAMinute(): number;
  close(): Promise<void>;
}

export async function startInfoCamereStub(now: () => number): Promise<InfoCamereStub> {
  const server: Server = createServer((request, response) => {
    const match = /^\/imprese\/([^/]+)\/pec$/.exec(request.url ?? '');
    stub.calls.push(now());
    if (!match?.[1] || request.method !== 'GET') return void response.writeHead(404).end();
    const fiscalCode = decodeURIComponent(match[1]);
    stub.asked.push(fiscalCode);
    if (stub.mode === 'silent') return; // never answers
    if (stub.mode === 'failing') return void response.writeHead(503).end('overloaded');
    const company = FIXTURE_COMPANIES.find((c) => c.fiscalCode === fiscalCode);
    if (!company) return void response.writeHead(404).end();
    const answer: InfoCamerePecAnswer = {
      codiceFiscale: company.fiscalCode,
      denominazione: company.name,
      pec: company.pec,
      ...(company.seat
        ? {
            sede: {
              comune: company.seat.municipality,
              codiceIstat: company.seat.istatCode,
              provincia: company.seat.province,
            },
          }
        : {}),
    };
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const stub: InfoCamereStub = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    mode: 'normal',
    calls: [],
    asked: [],
    maxCallsInAMinute() {
      const sorted = [...this.calls].sort((a, b) => a - b);
      let most = 0;
      for (let end = 0, start = 0; end < sorted.length; end++) {
        while ((sorted[start] ?? 0) <= (sorted[end] ?? 0) - 60_000) start++;
        most = Math.max(most, end - start + 1);
      }
      return most;
    },
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
  return stub;
}
