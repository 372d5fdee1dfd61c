// The CNS issuance procedure as an HTTP route module; `forwarded`: the proxy that hands over TLS
// client certificates for recognition by CNS, if any.
import type { ForwardedCertificateConfig } from '../../crypto/cns-recognition-config.js';
import type { RouteModule } from '../route-module.js';
import { forwardedCertificateReader } from './forwarded-certificate.js';
import { cnsOpenApi } from './openapi.js';
import { registerCnsRoutes } from './routes.js';

export function cnsModule(forwarded: ForwardedCertificateConfig | null = null): RouteModule {
  const readForwarded = forwardedCertificateReader(forwarded);
  return {
    name: 'cns',
    register(app, deps) {
      if (deps.cns) registerCnsRoutes(app, deps.cns, readForwarded, deps.rateLimits);
    },
    openApi: cnsOpenApi,
  };
}
