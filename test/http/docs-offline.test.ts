// [#20] /docs works offline: the page and every asset it references (scripts, styles, icons) are
// served by the service itself, none from a CDN.
import { describe, expect, it } from 'vitest';
import { startTestService } from './support.js';

const service = await startTestService();

describe('/docs', () => {
  it('references only assets the service serves itself', async () => {
    const page = await service.request('/docs');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await page.text();
    const references = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1] as string);
    expect(references.length).toBeGreaterThanOrEqual(3);
    for (const reference of references) {
      expect(reference, 'no absolute URL to another host').not.toMatch(/^(https?:)?\/\//);
      const asset = await service.request(new URL(reference, 'http://localhost/docs').pathname);
      expect(asset.status, reference).toBe(200);
    }
  });

  it('serves scripts and styles with their content types, and the initializer points at /openapi.json', async () => {
    const js = await service.request('/docs/assets/swagger-ui-bundle.js');
    expect(js.headers.get('content-type')).toMatch(/javascript/);
    const css = await service.request('/docs/assets/swagger-ui.css');
    expect(css.headers.get('content-type')).toMatch(/^text\/css/);
    const init = await (await service.request('/docs/init.js')).text();
    expect(init).toContain('/openapi.json');
  });

  it('refuses paths outside the assets it publishes', async () => {
    expect((await service.request('/docs/assets/package.json')).status).toBe(404);
    expect((await service.request('/docs/assets/..%2F..%2Fpackage.json')).status).toBe(404);
  });
});
