// At debug level every request is logged once it is answered (method, path, status, time); at any
// other level no request line is built or written.
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { buildContainer } from '../../src/adapters/composition-root.js';
import { loadRules } from '../../src/adapters/rules-watch.js';
import { resolve, TOKENS } from '../../src/adapters/tokens.js';
import { RULES_DIR } from '../support/load-rules.js';
import { apiKeys, KEYS } from './support.js';

async function linesAt(
  level: 'debug' | 'info',
  answers: Response[] = [],
): Promise<Array<Record<string, unknown>>> {
  const lines: Array<Record<string, unknown>> = [];
  const container = buildContainer({ port: 0, rulesDir: RULES_DIR, apiKeys, logLevel: level });
  const destination = { write: (line: string) => lines.push(JSON.parse(line) as Record<string, unknown>) };
  container.rebindSync(TOKENS.Logger).toConstantValue(pino({ level }, destination));
  await loadRules(container);
  const app = resolve(container, TOKENS.HttpApp);
  answers.push(
    await app.request('/v1/policies', { headers: { authorization: `Bearer ${KEYS.service}` } }),
    await app.request('/v1/policies'),
  );
  expect(answers.map((a) => a.status)).toEqual([200, 401]);
  return lines.filter((line) => line.msg === 'request');
}

describe('request log', () => {
  it('logs each answered request at debug level', async () => {
    const lines = await linesAt('debug');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({ method: 'GET', path: '/v1/policies', status: 200 });
    expect(lines[1]).toMatchObject({ method: 'GET', path: '/v1/policies', status: 401 });
    for (const line of lines) expect(typeof line.ms).toBe('number');
  });

  it("names the request: X-Request-Id, the problem's instance and the log line agree", async () => {
    const answers: Response[] = [];
    const lines = await linesAt('debug', answers);
    const [ok, refused] = answers.map((a) => a.headers.get('x-request-id'));
    expect(ok).toMatch(/^[0-9a-f-]{36}$/);
    expect(refused).not.toBe(ok);
    expect(await answers[1]?.json()).toMatchObject({ code: 'UNAUTHENTICATED', instance: refused });
    expect(lines.map((l) => l.requestId)).toEqual([ok, refused]);
  });

  it('writes no request line at info level', async () => {
    expect(await linesAt('info')).toEqual([]);
  });
});
