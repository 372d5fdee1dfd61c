// The SMTP transport against a real SMTP server on loopback, over STARTTLS with a certificate made
// at test time: the contract, then what only SMTP has (HTML variant, Message-ID, From, credentials,
// refusals and timeouts), then TLS itself (required unless explicitly turned off).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { plainTextToHtml } from '../../src/adapters/mail/mail-html.js';
import { messageIdFor, SmtpMailTransport } from '../../src/adapters/mail/smtp-mail-transport.js';
import { aMail, mailTransportContract } from '../contracts/mail-transport.contract.js';
import type { ReceivedMail } from './smtp-test-server.js';
import { startTestSmtpServer, type TestSmtpServer } from './smtp-test-server.js';

const outboxIdOf = (mail: ReceivedMail) =>
  decodeURIComponent(/^<(.+)@pa-policy-engine>$/.exec(mail.messageId ?? '')?.[1] ?? '');

mailTransportContract('SmtpMailTransport (smtp-server on loopback)', async () => {
  const server = await startTestSmtpServer(undefined, { tls: true });
  const transport = new SmtpMailTransport({
    url: server.url,
    timeoutMs: 5_000,
    tls: { ca: server.ca ?? '' },
  });
  return {
    send: (m) => transport.send(m),
    delivered: async () =>
      server.received.map((r) => ({
        outboxId: outboxIdOf(r),
        to: r.envelopeTo.join(', '),
        subject: r.subject ?? '',
        text: r.text ?? '',
        attachments: r.attachments.map((a) => ({
          filename: a.filename ?? '',
          contentType: a.contentType,
          content: a.content,
        })),
      })),
    dispose: async () => {
      transport.close();
      await server.close();
    },
  };
});

describe('SmtpMailTransport', () => {
  let server: TestSmtpServer;
  let transport: SmtpMailTransport;
  beforeEach(async () => {
    server = await startTestSmtpServer({ user: 'portale', pass: 'p@ss:w/rd' }, { tls: true });
    transport = new SmtpMailTransport({
      url: server.url,
      from: '"Albo Autotrasportatori" <albo@example.it>',
      timeoutMs: 600,
      tls: { ca: server.ca ?? '' },
    });
  });
  afterEach(async () => {
    transport.close();
    await server.close();
  });

  it('logs in with the credentials of the URL and sends text, HTML, From and a deterministic Message-ID', async () => {
    const mail = aMail('0b6f4c1e-9d2a-4f3b-8e7d-5a1c2b3d4e5f');
    await transport.send(mail);
    const [received] = server.received;
    expect(server.secured).toEqual([true]);
    expect(received?.messageId).toBe('<0b6f4c1e-9d2a-4f3b-8e7d-5a1c2b3d4e5f@pa-policy-engine>');
    expect(received?.from).toBe('Albo Autotrasportatori <albo@example.it>');
    expect(received?.to).toBe('mario.rossi@example.it');
    expect(received?.headers.get('content-language')).toBe('it');
    expect(received?.headers.get('date')).toBe(
      new Date(mail.createdAt).toUTCString().replace('GMT', '+0000'),
    );
    expect(received?.text).toBe(mail.text);
    expect(received?.html).toBe(plainTextToHtml(mail.text));
  });

  it('sends the same bytes again for a resend (same Message-ID and Date)', async () => {
    await transport.send(aMail('resend'));
    await transport.send(aMail('resend'));
    const [first, second] = server.received;
    expect(second?.messageId).toBe(first?.messageId);
    expect(second?.headers.get('date')).toBe(first?.headers.get('date'));
  });

  it('throws when the server refuses, so the dispatcher tries again later', async () => {
    server.refuseNext(1, 451);
    await expect(transport.send(aMail('refused'))).rejects.toThrow(/451/);
    expect(server.received).toEqual([]);
    await transport.send(aMail('refused'));
    expect(server.received.map(outboxIdOf)).toEqual(['refused']);
  });

  it('throws on wrong credentials', async () => {
    const url = new URL(server.url);
    url.password = 'sbagliata';
    const wrong = new SmtpMailTransport({ url: url.href, timeoutMs: 1_000, tls: { ca: server.ca ?? '' } });
    try {
      await expect(wrong.send(aMail('x'))).rejects.toThrow(/535|auth/i);
    } finally {
      wrong.close();
    }
  });

  it('gives up after the timeout when the server does not answer', async () => {
    server.hangNext(1);
    const started = Date.now();
    await expect(transport.send(aMail('slow'))).rejects.toThrow(/SMTP delivery to .* failed/);
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it('throws when no server listens', async () => {
    const port = new URL(server.url).port;
    await server.close();
    server = await startTestSmtpServer(); // afterEach closes this one
    const nobody = new SmtpMailTransport({ url: `smtp://127.0.0.1:${port}`, timeoutMs: 1_000 });
    try {
      await expect(nobody.send(aMail('x'))).rejects.toThrow(/ECONNREFUSED|failed/);
    } finally {
      nobody.close();
    }
  });
});

describe('SmtpMailTransport and TLS (issue #16)', () => {
  it('refuses a server that offers no STARTTLS: nothing is sent in clear', async () => {
    const plain = await startTestSmtpServer({ user: 'portale', pass: 'segreta' });
    const transport = new SmtpMailTransport({ url: plain.url, timeoutMs: 2_000 });
    try {
      await expect(transport.send(aMail('clear'))).rejects.toThrow(/STARTTLS|TLS/i);
      expect(plain.dataAttempts()).toBe(0);
    } finally {
      transport.close();
      await plain.close();
    }
  });

  it('sends in clear only with the explicit opt-out for a local relay (SMTP_REQUIRE_TLS=false)', async () => {
    const plain = await startTestSmtpServer();
    const transport = new SmtpMailTransport({ url: plain.url, timeoutMs: 2_000, requireTLS: false });
    try {
      await transport.send(aMail('relay'));
      expect(plain.secured).toEqual([false]);
    } finally {
      transport.close();
      await plain.close();
    }
  });

  it('upgrades with STARTTLS, and refuses a certificate it does not trust', async () => {
    const server = await startTestSmtpServer(undefined, { tls: true });
    const trusting = new SmtpMailTransport({
      url: server.url,
      timeoutMs: 2_000,
      tls: { ca: server.ca ?? '' },
    });
    const untrusting = new SmtpMailTransport({ url: server.url, timeoutMs: 2_000 });
    try {
      await trusting.send(aMail('secure'));
      expect(server.secured).toEqual([true]);
      await expect(untrusting.send(aMail('untrusted'))).rejects.toThrow(/certificate/i);
      expect(server.received).toHaveLength(1);
    } finally {
      trusting.close();
      untrusting.close();
      await server.close();
    }
  });
});

describe('messageIdFor', () => {
  it('keeps ids made of Message-ID characters and percent-encodes the rest', () => {
    expect(messageIdFor('abc-123.x')).toBe('<abc-123.x@pa-policy-engine>');
    expect(messageIdFor('a b@c<d>')).toBe('<a%20b%40c%3Cd%3E@pa-policy-engine>');
  });
});

describe('plainTextToHtml', () => {
  it('escapes the text and turns blank lines into paragraphs and line breaks into <br>', () => {
    const html = plainTextToHtml('Gentile <Mario> & "Anna",\r\n\r\n\r\nriga 1\nriga 2\n\n  \n');
    expect(html).toContain('<p>Gentile &lt;Mario&gt; &amp; &quot;Anna&quot;,</p>\n<p>riga 1<br>\nriga 2</p>');
    expect(html).toContain('<html lang="it">');
    expect(html).not.toContain('<Mario>');
  });
});
