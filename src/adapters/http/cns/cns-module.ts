// The CNS issuance procedure as an HTTP route module: its routes on its use cases, its part of the
// OpenAPI document, and the check of the applicant tokens it issues. `forwarded`: the proxy that
// hands over TLS client certificates for recognition by CNS, if any.
import type { CnsUseCases } from '../../../application/cns/cns-use-cases.js';
import type { ForwardedCertificateConfig } from '../../crypto/cns-recognition-config.js';
import type { RouteModule } from '../route-module.js';
import { sessionEnded, sessionsOf } from '../sessions.js';
import { forwardedCertificateReader } from './forwarded-certificate.js';
import { cnsOpenApi } from './openapi.js';
import { registerCnsRoutes } from './routes.js';

export function cnsModule(
  cns: CnsUseCases,
  forwarded: ForwardedCertificateConfig | null = null,
): RouteModule {
  const readForwarded = forwardedCertificateReader(forwarded);
  return {
    name: 'cns',
    register(app, deps) {
      registerCnsRoutes(app, cns, readForwarded, deps.rateLimits);
    },
    openApi: { ...cnsOpenApi, bearer: 'a CNS applicant token' },
    sessions: sessionsOf('applicant', async (c, principal) => {
      const checked = await cns.sessions.check(principal);
      if (!checked.ok) return sessionEnded();
      c.set('applicantStatus', checked.value);
      return null;
    }),
  };
}
