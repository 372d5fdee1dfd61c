// [§5] Bad input never gives a 500 on the CNS routes: random JSON, random text, and valid bodies
// with one field replaced by a random value or removed get a 2xx or a 4xx problem+json.
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { NO_CNS_RECOGNITION } from '../../src/adapters/crypto/cns-recognition-config.js';
import { resolve, TOKENS } from '../../src/adapters/tokens.js';
import { KEYS } from '../http/support.js';
import { FC_RUNS } from '../support/load-rules.js';
import { itAnswersRandomBodiesWithoutA500, expectNo500 as sendExpectingNo500 } from '../support/no-500.js';
import { aTestPki } from '../support/test-pki.js';
import { anApplication, FISCAL_CODE, MONDAY, slotsFrom, startCnsService } from './support.js';

// With trust anchors, so recognition by CNS runs its checks on what the fuzzer sends.
const pki = await aTestPki();
const card = await pki.card(FISCAL_CODE);
const service = await startCnsService(MONDAY, undefined, {
  cnsRecognition: { ...NO_CNS_RECOGNITION, trustAnchors: [pki.root.pem] },
});
const httpApp = resolve(service.container, TOKENS.HttpApp);
const created = (await (
  await service.http('POST', '/v1/cns/applications', 'service', anApplication().build())
).json()) as {
  id: string;
  accessToken: string;
};
const me = { token: created.accessToken };
const app = `/v1/cns/applications/${created.id}`;
const holder = (await (
  await service.http('POST', '/v1/cns/applications', 'service', anApplication().recognisedBy('cns').build())
).json()) as { id: string; accessToken: string };
const cardHolder = { token: holder.accessToken };
const cnsApp = `/v1/cns/applications/${holder.id}`;

type Route = { method: string; path: string; as: 'service' | 'operator' | { token: string }; valid: unknown };
const ROUTES: Route[] = [
  { method: 'POST', path: '/v1/cns/applications', as: 'service', valid: anApplication().build() },
  {
    method: 'PATCH',
    path: app,
    as: me,
    valid: { contact: { mobile: '+39 333 0000000' }, receiptHeading: { name: 'X' } },
  },
  { method: 'POST', path: '/v1/cns/appointment-slots', as: 'operator', valid: { slots: slotsFrom(2) } },
  { method: 'POST', path: `${app}/appointment`, as: me, valid: {} },
  {
    method: 'POST',
    path: `${app}/recognition`,
    as: 'operator',
    valid: { method: 'webcam', outcome: 'suspended', reason: 'technical' },
  },
  { method: 'POST', path: `${cnsApp}/recognition/challenge`, as: cardHolder, valid: {} },
  {
    method: 'POST',
    path: `${cnsApp}/recognition`,
    as: cardHolder,
    valid: {
      method: 'cns',
      certificate: card.pem,
      intermediates: [pki.intermediate.der],
      nonce: 'n',
      signature: 'AAAA',
    },
  },
  { method: 'POST', path: `${cnsApp}/recognition`, as: cardHolder, valid: { method: 'cns' } },
  { method: 'POST', path: `${app}/in-person-recognition`, as: 'operator', valid: { reason: 'x' } },
  { method: 'POST', path: `${app}/status`, as: 'operator', valid: { status: 'in-production' } },
  {
    method: 'POST',
    path: `${app}/revocation`,
    as: me,
    valid: { reason: 'x', corrections: { contact: { email: 'a@b.it' } } },
  },
];

/** Every path to a value inside a JSON document. */
function pathsOf(value: unknown, prefix: string[] = []): string[][] {
  if (value === null || typeof value !== 'object') return [prefix];
  return [prefix, ...Object.entries(value).flatMap(([k, v]) => pathsOf(v, [...prefix, k]))];
}

function mutate(value: unknown, path: string[], replacement: unknown, remove: boolean): unknown {
  if (path.length === 0) return replacement;
  const copy = structuredClone(value) as Record<string, unknown>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string, unknown>;
  const last = path[path.length - 1] as string;
  if (remove) delete node[last];
  else node[last] = replacement;
  return copy;
}

const expectNo500 = (route: Route, text: string) =>
  sendExpectingNo500(httpApp, route, typeof route.as === 'string' ? KEYS[route.as] : route.as.token, text);

describe('the CNS routes under random input', () => {
  itAnswersRandomBodiesWithoutA500(ROUTES, expectNo500);

  it('answer a valid body with one field replaced or removed without a 500', async () => {
    const mutated = fc
      .constantFrom(...ROUTES)
      .chain((route) =>
        fc.tuple(fc.constant(route), fc.constantFrom(...pathsOf(route.valid)), fc.jsonValue(), fc.boolean()),
      );
    await fc.assert(
      fc.asyncProperty(mutated, async ([route, path, replacement, remove]) =>
        expectNo500(route, JSON.stringify(mutate(route.valid, path, replacement, remove && path.length > 0))),
      ),
      { numRuns: FC_RUNS },
    );
  });
});
