// The road-haulage register procedure as a route module [§5]: its routes, when the application
// gives the use cases, and its part of the OpenAPI document.
import type { RouteModule } from '../route-module.js';
import { registerAccountRoutes } from './account-routes.js';
import { registerFeeRoutes } from './fee-routes.js';
import { registerHelpDeskRoutes } from './helpdesk-routes.js';
import { alboOpenApi } from './openapi.js';

export const alboModule: RouteModule = {
  name: 'albo',
  register(app, deps) {
    if (!deps.albo) return;
    registerAccountRoutes(app, deps.albo, deps.rateLimits);
    registerFeeRoutes(app, deps.albo);
    registerHelpDeskRoutes(app, deps.albo);
  },
  openApi: alboOpenApi,
};
