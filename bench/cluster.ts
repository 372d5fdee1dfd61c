// `npm run bench:cluster`: mixed traffic against 1, then 2 service processes (`npm start`'s
// main.ts, configured by the environment) on one MongoDB-wire server: FerretDB started here (the
// tests' build, cached), or MONGODB_URI when set. Each connection cycles through a realistic mix:
// 3 decisions (albo.quota, logged), 2 fee views of a company (its token, its fleet, albo.quota on
// it), 2 CNS timeline reads (an applicant's token) and 1 login (a full scrypt). Prints req/s, p50,
// p99 and errors for each, and the 2-vs-1 ratio. Not part of npm test; the figures go to
// bench/RESULTS.md by hand.
import os from 'node:os';
import autocannon, { type Request } from 'autocannon';
import { FLEET } from '../test/albo/fleet.js';
import { ROSSI, registrationOf } from '../test/albo/support.js';
import { type Cluster, startCluster } from '../test/cluster/support/cluster.js';
import { anApplication } from '../test/cns/support.js';
import { KEYS } from '../test/http/support.js';
import { startFerretDb } from '../test/support/ferretdb.js';
import { LIVE_RULES_DIR } from '../test/support/load-rules.js';
import { fmt, QUOTA_DECISION_BODY, table } from './support.js';

const SECONDS = Number(process.env.SECONDS ?? 20);
const CONNECTIONS = Number(process.env.CONNECTIONS ?? 24);
const PASSWORD = 'Benchmark#2017';

interface Row {
  instances: number;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  requests: number;
  errors: number;
  non2xx: number;
  /** The answers that were not 2xx, by status (`503×12`). */
  others: string;
}

/** The company and the applicant the traffic acts as, made through the API as a user would. */
async function prepare(cluster: Cluster): Promise<Request[]> {
  // ROSSI registers (the PEC checked by the embedded registry), reads the credentials e-mail from the embedded
  // mailbox, changes the temporary password; an operator enters the fleet.
  const registration = registrationOf(ROSSI);
  const registered = await cluster.call('POST', '/v1/albo/registrations', 'service', registration);
  const mailbox = await cluster.call<{ messages: Array<{ subject: string; text: string }> }>(
    'GET',
    `/v1/dev/mailbox?to=${registration.email}`,
    'operator',
  );
  const text = mailbox.body.messages?.find((m) => m.subject.startsWith('Credenziali'))?.text ?? '';
  const field = (label: string) =>
    text
      .split('\n')
      .find((l) => l.startsWith(`${label}: `))
      ?.slice(label.length + 2) ?? '';
  const matricola = field('Numero di matricola');
  const first = await cluster.call('POST', '/v1/albo/sessions', 'service', {
    matricola,
    password: field('Password temporanea'),
  });
  const changed = await cluster.call(
    'POST',
    `/v1/albo/accounts/${matricola}/password`,
    { token: String(first.body.token) },
    { currentPassword: field('Password temporanea'), newPassword: PASSWORD, confirmPassword: PASSWORD },
  );
  const fleet = await cluster.call('PUT', `/v1/albo/companies/${matricola}/fleet`, 'operator', {
    vehicles: FLEET,
  });
  const login = { matricola, password: PASSWORD };
  const session = await cluster.call('POST', '/v1/albo/sessions', 'service', login);
  const company = String(session.body.token);
  const filed = await cluster.call('POST', '/v1/cns/applications', 'service', anApplication().build());
  const application = String(filed.body.id);
  const applicant = String(filed.body.accessToken);
  const checks = [
    registered,
    first,
    changed,
    fleet,
    session,
    filed,
    await cluster.call('GET', '/v1/albo/quotas/2017', { token: company }),
    await cluster.call('GET', `/v1/cns/applications/${application}/timeline`, { token: applicant }),
  ];
  for (const check of checks)
    if (check.status >= 300) throw new Error(`set-up failed: ${check.status} ${JSON.stringify(check.body)}`);
  const json = { 'content-type': 'application/json' };
  const decision: Request = {
    method: 'POST',
    path: '/v1/policies/albo.quota/decisions',
    headers: { authorization: `Bearer ${KEYS.service}`, ...json },
    body: QUOTA_DECISION_BODY,
  };
  const fees: Request = {
    method: 'GET',
    path: '/v1/albo/quotas/2017',
    headers: { authorization: `Bearer ${company}` },
  };
  const timeline: Request = {
    method: 'GET',
    path: `/v1/cns/applications/${application}/timeline`,
    headers: { authorization: `Bearer ${applicant}` },
  };
  const logIn: Request = {
    method: 'POST',
    path: '/v1/albo/sessions',
    headers: { authorization: `Bearer ${KEYS.service}`, ...json },
    body: JSON.stringify(login),
  };
  return [decision, fees, timeline, decision, fees, timeline, decision, logIn];
}

async function drive(cluster: Cluster, requests: Request[]): Promise<Row> {
  const urls = cluster.instances.map((i) => i.url);
  const options = { url: urls.length === 1 ? (urls[0] as string) : urls, connections: CONNECTIONS, requests };
  await autocannon({ ...options, duration: 3 }); // warm-up: JIT, connection pools, caches
  const r = await autocannon({ ...options, duration: SECONDS });
  return {
    instances: urls.length,
    requestsPerSecond: r['2xx'] / r.duration,
    p50: r.latency.p50,
    p99: r.latency.p99,
    requests: r.requests.total,
    errors: r.errors + r.timeouts,
    non2xx: r.non2xx,
    others: Object.entries(r.statusCodeStats ?? {})
      .filter(([code]) => !code.startsWith('2'))
      .map(([code, { count }]) => `${code}×${count}`)
      .join(' '),
  };
}

const given = process.env.MONGODB_URI?.trim();
const ferret = given ? null : await startFerretDb((line) => console.log(line));
const cluster = await startCluster({
  mongoUri: given ?? (ferret?.uri as string),
  instances: 1,
  env: { RULES_DIR: LIVE_RULES_DIR, CLOCK_AT: '2017-01-20', LOG_LEVEL: 'error' },
});
try {
  const requests = await prepare(cluster);
  const rows = [await drive(cluster, requests)];
  await cluster.addInstance();
  rows.push(await drive(cluster, requests));
  const [one, two] = rows as [Row, Row];
  console.log(
    `\nbench:cluster — ${SECONDS} s, ${CONNECTIONS} connections, mix per connection: 3 albo.quota decisions, 2 fee views, 2 CNS timelines, 1 login`,
  );
  console.log(
    `machine: ${os.cpus().length} CPU (${os.cpus()[0]?.model}), Node ${process.version}, load ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
  console.log(`store: ${given ? 'MONGODB_URI' : 'FerretDB (SQLite) started by the bench'}\n`);
  console.log(
    table(
      ['instances', 'req/s (2xx)', 'p50 ms', 'p99 ms', 'requests', 'errors', 'non-2xx', 'by status'],
      rows.map((r) => [
        String(r.instances),
        fmt(r.requestsPerSecond),
        fmt(r.p50),
        fmt(r.p99),
        fmt(r.requests),
        String(r.errors),
        String(r.non2xx),
        r.others || '–',
      ]),
    ),
  );
  console.log(`\n2 vs 1 instance: ${(two.requestsPerSecond / one.requestsPerSecond).toFixed(2)}×`);
} finally {
  await cluster.close();
  await ferret?.stop();
}
