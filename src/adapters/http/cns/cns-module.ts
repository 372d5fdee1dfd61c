// The CNS issuance procedure as an HTTP route module.
import type { RouteModule } from '../route-module.js';
import { cnsOpenApi } from './openapi.js';
import { registerCnsRoutes } from './routes.js';

export const cnsModule: RouteModule = {
  name: 'cns',
  register(app, deps) {
    if (deps.cns) registerCnsRoutes(app, deps.cns, deps.rateLimits);
  },
  openApi: cnsOpenApi,
};
