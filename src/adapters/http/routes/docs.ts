import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Hono } from 'hono';
import type { LoadedRuleset } from '../../../application/rules/load-ruleset.js';
import type { AppDeps, AppEnv } from '../app-env.js';
import { buildOpenApi } from '../openapi/build-openapi.js';
import type { JsonObject } from '../openapi/components.js';
import type { OpenApiContribution } from '../route-module.js';

/**
 * The OpenAPI document and Swagger UI, public. The document is rebuilt whenever a reload swaps the
 * set in force: always when the ruleset hash changes, and also when only the suites (its examples) did.
 */
export function registerDocsRoutes(
  app: Hono<AppEnv>,
  { registry }: AppDeps,
  contributions: readonly OpenApiContribution[] = [],
): void {
  let cached: { loaded: LoadedRuleset; document: JsonObject } | null = null;

  app.get('/openapi.json', (c) => {
    const loaded = registry.current();
    if (cached?.loaded !== loaded) cached = { loaded, document: buildOpenApi(loaded, contributions) };
    return c.json(cached.document);
  });

  app.get('/docs', (c) => c.html(DOCS_PAGE));
  app.get('/docs/init.js', (c) =>
    c.body(INITIALIZER, 200, { 'content-type': 'text/javascript; charset=utf-8' }),
  );
  app.get('/docs/assets/:file', (c) => {
    const asset = assets.get(c.req.param('file'));
    if (!asset) return c.notFound();
    return c.body(asset.content(), 200, {
      'content-type': asset.type,
      'cache-control': 'public, max-age=86400',
    });
  });
}

// Swagger UI from the installed swagger-ui-dist (pinned by the lockfile), never a CDN:
// public-administration networks often have no internet. Only the files the page needs are published.
const DIST = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
const ASSET_TYPES: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'swagger-ui-standalone-preset.js': 'text/javascript; charset=utf-8',
  'favicon-32x32.png': 'image/png',
};
const assets = new Map(
  Object.entries(ASSET_TYPES).map(([file, type]) => {
    let content: Uint8Array<ArrayBuffer> | null = null; // read on first use, kept after
    return [
      file,
      { type, content: () => (content ??= new Uint8Array(readFileSync(join(DIST, file)))) },
    ] as const;
  }),
);

const DOCS_PAGE = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>pa-policy-engine API</title>
  <link rel="stylesheet" href="/docs/assets/swagger-ui.css">
  <link rel="icon" type="image/png" href="/docs/assets/favicon-32x32.png">
</head>
<body>
  <div id="swagger-ui"></div>
  <script src="/docs/assets/swagger-ui-bundle.js"></script>
  <script src="/docs/assets/swagger-ui-standalone-preset.js"></script>
  <script src="/docs/init.js"></script>
</body>
</html>
`;

const INITIALIZER = `window.ui = SwaggerUIBundle({
  url: '/openapi.json',
  dom_id: '#swagger-ui',
  persistAuthorization: true,
  presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
  layout: 'BaseLayout',
});
`;
