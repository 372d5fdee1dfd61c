// `/v1/dev/*` (the embedded mailbox, the pagoPA simulator's "pay"): for people trying the embedded
// default, so each route exists only while its embedded adapter is in use, and none ever when
// NODE_ENV=production, whatever else is configured.
import type { IntegrationsConfig } from './integrations-config.js';
import type { MailConfig } from './mail/mail-config.js';

export interface DevRoutes {
  /** GET /v1/dev/mailbox: only while mail stays in the process (no SMTP_URL). */
  mailbox: boolean;
  /** POST /v1/dev/pagopa/payments: only with the embedded GPD simulator (no PAGOPA_GPD_URL). */
  payments: boolean;
}

export function devRoutesFor(config: {
  production?: boolean;
  mail?: Pick<MailConfig, 'smtpUrl'>;
  integrations?: Pick<IntegrationsConfig, 'pagopa'>;
}): DevRoutes {
  if (config.production) return { mailbox: false, payments: false };
  return { mailbox: !config.mail?.smtpUrl, payments: !config.integrations?.pagopa };
}

/** For the start-up banner. */
export function describeDevRoutes(routes: DevRoutes, production: boolean): string {
  const on = [
    routes.mailbox ? 'GET /v1/dev/mailbox' : null,
    routes.payments ? 'POST /v1/dev/pagopa/payments' : null,
  ].filter((r) => r !== null);
  if (on.length > 0)
    return `Dev routes: ON (${on.join(', ')}; operator or admin key; never with NODE_ENV=production)`;
  return production
    ? 'Dev routes: off (NODE_ENV=production)'
    : 'Dev routes: off (mail leaves over SMTP and pagoPA is GPD over HTTP)';
}
