// [#21] The console is served by the service itself: the page and every file it references answer
// 200 with the right content type, and nothing is fetched from elsewhere.
import { describe, expect, it } from 'vitest';
import { easterSunday } from '../../src/domain/calendar/working-days.js';
import { KEYS, startTestService } from '../http/support.js';

describe('GET /console', () => {
  it('serves the page and every script and style sheet it references, from the service itself', async () => {
    const service = await startTestService();
    const page = await service.request('/console');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
    const html = await page.text();
    expect(html).toMatch(/<html lang="it">/);
    // `data:` (the empty favicon) is inline, not fetched.
    const refs = [...html.matchAll(/\s(?:src|href)="(?!data:)([^"#]+)"/g)].map((m) => m[1] as string);
    expect(refs.length).toBeGreaterThanOrEqual(4);
    const expected: Record<string, RegExp> = { js: /^text\/javascript/, css: /^text\/css/ };
    for (const ref of refs) {
      expect(ref, 'no asset from elsewhere').toMatch(/^\/console\//);
      const response = await service.request(ref);
      expect(response.status, ref).toBe(200);
      const ext = ref.split('.').at(-1) as string;
      expect(response.headers.get('content-type'), ref).toMatch(expected[ext] ?? /./);
      expect((await response.arrayBuffer()).byteLength, ref).toBeGreaterThan(100);
    }
  });

  it('holds every string in Italian and English, and the page carries no key', async () => {
    const service = await startTestService();
    const messages = (await (await service.request('/console/messages.json')).json()) as Record<
      string,
      { it?: string; en?: string }
    >;
    for (const [key, m] of Object.entries(messages)) {
      expect(m.it, key).toBeTruthy();
      expect(m.en, key).toBeTruthy();
    }
    const html = await (await service.request('/console')).text();
    for (const key of Object.values(KEYS)) expect(html).not.toContain(key);
  });

  it('uses only message keys that exist', async () => {
    const service = await startTestService();
    const messages = (await (await service.request('/console/messages.json')).json()) as Record<
      string,
      unknown
    >;
    const script = await (await service.request('/console/console.js')).text();
    const used = [...script.matchAll(/\bt\('([a-zA-Z]+\.[a-zA-Z0-9.]+)'/g)].map((m) => m[1] as string);
    expect(used.length).toBeGreaterThan(50);
    expect(used.filter((key) => !(key in messages))).toEqual([]);
  });

  it('serves the calendar tab the domain’s own Easter, which agrees with the service’s every year', async () => {
    const service = await startTestService();
    const served = await service.request('/console/calendar.js');
    expect(served.headers.get('content-type')).toMatch(/^text\/javascript/);
    const text = await served.text();
    const easterMonthDay = new Function(`${text.replace(/^export /, '')}\nreturn easterMonthDay;`)() as (
      year: number,
    ) => [number, number];
    for (let year = 1900; year <= 2200; year++) {
      const [month, day] = easterMonthDay(year);
      expect(`${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`).toBe(
        easterSunday(year),
      );
    }
  });
});
