// The web console for policy maintainers and auditors [#21], served by the service itself so it
// works offline: one HTML shell, a vanilla ES module, a style sheet and uPlot from node_modules.
// The page calls only the documented HTTP API, with the key the user types (kept in
// sessionStorage); the API decides what each role may see.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { easterMonthDay } from '../../../domain/calendar/easter.js';
import type { RouteModule } from '../route-module.js';
import { consolePage } from './page.js';

const require = createRequire(import.meta.url);
const own = (file: string) => new URL(`./assets/${file}`, import.meta.url);

/** A file that ships with the service, or a text made from the domain's code when it starts. */
type Asset = ({ file: URL | string } | { text: string }) & { type: string };

/** Every file the page references, by its path under /console/. */
export const CONSOLE_ASSETS: Record<string, Asset> = {
  'console.js': { file: own('console.js'), type: 'text/javascript; charset=utf-8' },
  'console.css': { file: own('console.css'), type: 'text/css; charset=utf-8' },
  // The domain's own Easter, compiled, for the calendar tab: the page keeps no copy of its own.
  'calendar.js': {
    text: `export ${easterMonthDay.toString()}\n`,
    type: 'text/javascript; charset=utf-8',
  },
  'messages.json': { file: own('messages.json'), type: 'application/json; charset=utf-8' },
  'vendor/uPlot.iife.min.js': {
    file: require.resolve('uplot/dist/uPlot.iife.min.js'),
    type: 'text/javascript; charset=utf-8',
  },
  'vendor/uPlot.min.css': {
    file: require.resolve('uplot/dist/uPlot.min.css'),
    type: 'text/css; charset=utf-8',
  },
};

export const consoleModule: RouteModule = {
  name: 'console',
  register(app) {
    // Read once: the files ship with the service and do not change while it runs.
    const bodies = new Map(
      Object.entries(CONSOLE_ASSETS).map(([path, asset]) => [
        path,
        'file' in asset ? readFileSync(asset.file) : Buffer.from(asset.text),
      ]),
    );
    const messages = JSON.parse(bodies.get('messages.json')?.toString('utf8') ?? '{}');
    const html = consolePage(messages);
    const headers = {
      'cache-control': 'no-cache',
      'x-content-type-options': 'nosniff',
      // Nothing from elsewhere: scripts, styles, images and calls all come from this service.
      'content-security-policy':
        "default-src 'self'; img-src 'self' data: blob:; style-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
      'referrer-policy': 'no-referrer',
    };
    app.get('/console', (c) => c.html(html, 200, headers));
    app.get('/console/', (c) => c.redirect('/console'));
    for (const [path, asset] of Object.entries(CONSOLE_ASSETS)) {
      const body = bodies.get(path) as Buffer;
      app.get(`/console/${path}`, (c) =>
        c.body(new Uint8Array(body), 200, { ...headers, 'content-type': asset.type }),
      );
    }
  },
  openApi: {
    paths: {
      '/console': {
        get: {
          tags: ['meta'],
          operationId: 'console',
          summary: 'The web console for policy maintainers and auditors (Italian and English)',
          description:
            'An HTML page with its script and styles under /console/; it asks for an API key and calls this API with it.',
          security: [],
          responses: { 200: { description: 'HTML page.', content: { 'text/html': {} } } },
        },
      },
    },
  },
};
