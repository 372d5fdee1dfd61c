// The road-haulage register procedure as a route module [§5]: its routes on its use cases, its part
// of the OpenAPI document, and the check of the company tokens it issues.
import type { AlboUseCases } from '../../../application/albo/albo-use-cases.js';
import type { RouteModule } from '../route-module.js';
import { sessionsOf } from '../sessions.js';
import { registerAccountRoutes } from './account-routes.js';
import { alboProblemResponse } from './errors.js';
import { registerFeeRoutes } from './fee-routes.js';
import { registerHelpDeskRoutes } from './helpdesk-routes.js';
import { alboOpenApi } from './openapi.js';

export function alboModule(albo: AlboUseCases): RouteModule {
  return {
    name: 'albo',
    register(app, deps) {
      registerAccountRoutes(app, albo, deps.rateLimits);
      registerFeeRoutes(app, albo);
      registerHelpDeskRoutes(app, albo);
    },
    openApi: { ...alboOpenApi, bearer: 'a company token from POST /v1/albo/sessions' },
    sessions: sessionsOf('company', async (_c, principal) => {
      const checked = await albo.sessions.check(principal);
      return checked.ok ? null : alboProblemResponse(checked.error);
    }),
  };
}
