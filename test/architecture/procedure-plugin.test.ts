// A procedure is added by one registration line: a test-only procedure module, appended to the
// registered list, gets its repositories bound, its routes served and its OpenAPI paths documented,
// and the core (app, wiring, stores, OpenAPI builder) needs no edit for it.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildContainer } from '../../src/adapters/composition-root.js';
import { allowRoles } from '../../src/adapters/http/auth.js';
import type { Procedure } from '../../src/adapters/procedure.js';
import { PROCEDURES } from '../../src/adapters/procedures.js';
import { loadRules } from '../../src/adapters/rules-watch.js';
import { memoryStores } from '../../src/adapters/stores.js';
import { bindValue, resolve, TOKENS, token } from '../../src/adapters/tokens.js';
import { apiKeys, KEYS } from '../http/support.js';
import { RULES_DIR } from '../support/load-rules.js';

const GREETINGS = token<string[]>('Greetings');

const greetingsOn = (greetings: string[]) => ({
  bind: (c: Parameters<Procedure['bind']>[0]) => bindValue(c, GREETINGS, greetings),
  outboxes: [],
});

const greetingProcedure: Procedure = {
  name: 'greeting',
  stores: {
    memory: () => greetingsOn(['buongiorno']),
    mongo: () => greetingsOn([]),
    indexes: [],
  },
  bind: () => {},
  routes: (get) => ({
    name: 'greeting',
    register(app) {
      app.get('/v1/greetings', allowRoles('service'), (c) => c.json({ greetings: get(GREETINGS) }));
    },
    openApi: {
      tags: [{ name: 'greeting', description: 'A test-only procedure.' }],
      paths: {
        '/v1/greetings': {
          get: {
            tags: ['greeting'],
            operationId: 'listGreetings',
            summary: 'The greetings kept',
            responses: { 200: { description: 'The greetings.' } },
          },
        },
      },
    },
  }),
};

async function serviceWith(procedures: readonly Procedure[]) {
  const container = buildContainer(
    { port: 0, rulesDir: RULES_DIR, apiKeys, logLevel: 'silent' },
    undefined,
    procedures,
  );
  await loadRules(container);
  const app = resolve(container, TOKENS.HttpApp);
  return (path: string) => app.request(path, { headers: { authorization: `Bearer ${KEYS.service}` } });
}

describe('a procedure is a module registered in one list', () => {
  it('serves the routes, OpenAPI paths and repositories of a procedure appended to the list', async () => {
    const request = await serviceWith([...PROCEDURES, greetingProcedure]);
    const served = await request('/v1/greetings');
    expect(served.status).toBe(200);
    expect(await served.json()).toEqual({ greetings: ['buongiorno'] });
    const document = (await (await request('/openapi.json')).json()) as {
      paths: Record<string, unknown>;
      tags: Array<{ name: string }>;
    };
    expect(document.paths['/v1/greetings']).toBeDefined();
    expect(document.tags.map((t) => t.name)).toContain('greeting');
    // The registered procedures are still all there.
    expect(Object.keys(document.paths).some((p) => p.startsWith('/v1/albo/'))).toBe(true);
    expect(Object.keys(document.paths).some((p) => p.startsWith('/v1/cns/'))).toBe(true);
  });

  it('serves nothing of a procedure that is not in the list', async () => {
    const request = await serviceWith(PROCEDURES);
    expect((await request('/v1/greetings')).status).toBe(404);
    const document = (await (await request('/openapi.json')).json()) as { paths: Record<string, unknown> };
    expect(document.paths['/v1/greetings']).toBeUndefined();
  });

  it('keeps each listed procedure’s repositories in the stores, by name', () => {
    const stores = memoryStores([...PROCEDURES, greetingProcedure]);
    expect([...stores.procedures.keys()]).toEqual([...PROCEDURES.map((p) => p.name), 'greeting']);
  });
});

/** The core: what runs every procedure and must name none of them. */
const CORE = [
  'src/adapters/composition-root.ts',
  'src/adapters/service.ts',
  'src/adapters/tokens.ts',
  'src/adapters/procedure.ts',
  'src/adapters/stores.ts',
  'src/adapters/mongo/mongo-stores.ts',
  'src/adapters/http/app.ts',
  'src/adapters/http/app-env.ts',
  'src/adapters/http/auth.ts',
  'src/adapters/http/sessions.ts',
  'src/adapters/http/openapi/build-openapi.ts',
];

describe('the core', () => {
  it.each(CORE)('%s names no procedure', (path) => {
    const text = readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');
    expect(text).not.toMatch(/albo|cns/i);
  });
});
