import { swaggerUI } from '@hono/swagger-ui';
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

  app.get('/docs', swaggerUI({ url: '/openapi.json', persistAuthorization: true }));
}
