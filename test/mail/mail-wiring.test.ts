// [§6] The composition root picks the mail adapter: SMTP when SMTP_URL is set (and no mailbox
// route then), else the embedded mailbox. End to end: a registration's credentials e-mail reaches
// a real SMTP server on loopback.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ALBO_TOKENS } from '../../src/adapters/albo/albo-procedure.js';
import { buildContainer } from '../../src/adapters/composition-root.js';
import type { ApiKey, Role } from '../../src/adapters/http/api-keys.js';
import { MemoryMailbox } from '../../src/adapters/mail/memory-mailbox.js';
import { SmtpMailTransport } from '../../src/adapters/mail/smtp-mail-transport.js';
import { loadRules } from '../../src/adapters/rules-watch.js';
import { resolve, TOKENS } from '../../src/adapters/tokens.js';
import { KEYS, ROSSI, registrationOf } from '../albo/support.js';
import { RULES_DIR } from '../support/load-rules.js';
import { TestClock } from '../support/test-clock.js';
import { startTestSmtpServer, type TestSmtpServer } from './smtp-test-server.js';

const apiKeys: ApiKey[] = Object.entries(KEYS).map(([role, key]) => ({
  role: role as Role,
  key,
  label: `${role}-1`,
}));
const base = { port: 0, rulesDir: RULES_DIR, apiKeys, logLevel: 'silent' as const, passwordHashCost: 1 << 4 };

describe('mail wiring', () => {
  let server: TestSmtpServer;
  beforeEach(async () => {
    server = await startTestSmtpServer();
  });
  afterEach(async () => {
    await server.close();
  });

  it('without SMTP_URL: the embedded mailbox, readable at /v1/dev/mailbox', async () => {
    const container = buildContainer(base);
    await loadRules(container);
    expect(resolve(container, TOKENS.MailTransport)).toBeInstanceOf(MemoryMailbox);
    const response = await resolve(container, TOKENS.HttpApp).request('/v1/dev/mailbox', {
      headers: { authorization: `Bearer ${KEYS.operator}` },
    });
    expect(response.status).toBe(200);
  });

  it('with SMTP_URL: mail leaves over SMTP, From MAIL_FROM, and the mailbox route is gone', async () => {
    const container = buildContainer({
      ...base,
      // The test server is plain text on loopback: the explicit opt-out of a local relay.
      mail: { smtpUrl: server.url, from: 'Albo Autotrasportatori <albo@example.it>', requireTls: false },
    });
    container.rebindSync(TOKENS.Clock).toConstantValue(new TestClock());
    await loadRules(container);
    expect(resolve(container, TOKENS.MailTransport)).toBeInstanceOf(SmtpMailTransport);
    expect(container.isBound(TOKENS.Mailbox)).toBe(false);
    const app = resolve(container, TOKENS.HttpApp);
    const mailbox = await app.request('/v1/dev/mailbox', {
      headers: { authorization: `Bearer ${KEYS.operator}` },
    });
    expect(mailbox.status).toBe(404);

    const registered = await resolve(container, ALBO_TOKENS.UseCases).register.execute(registrationOf(ROSSI));
    expect(registered.ok).toBe(true);
    expect(await resolve(container, TOKENS.DispatchOutbox).run()).toMatchObject({ sent: 1, failed: 0 });
    const [received] = server.received;
    expect(received?.envelopeTo).toEqual([ROSSI.pec]);
    expect(received?.from).toBe('Albo Autotrasportatori <albo@example.it>');
    expect(received?.subject).toMatch(/^Credenziali/);
    expect(received?.text).toMatch(/Password temporanea: /);
    expect(received?.html).toMatch(/Password temporanea: /);
  });
});
