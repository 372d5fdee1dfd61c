// Mail over SMTP with nodemailer [§6 Mail], selected by SMTP_URL. Every failure (refused, timed
// out, unreachable) is thrown, so DispatchOutbox records it and tries again after its backoff.
// The Message-ID comes from the outbox message id: a message sent again after a crash (sent, but
// not yet marked sent) carries the same Message-ID, and the receiving side can recognise it.
import { rootCertificates as tlsRootCertificates } from 'node:tls';
import nodemailer, { type Transporter } from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport/index.js';
import type { MailTransport, OutboxMessage } from '../../application/ports/mail.js';
import { DEFAULT_MAIL_FROM } from './mail-config.js';
import { plainTextToHtml } from './mail-html.js';

export interface SmtpMailOptions {
  /** smtp://user:password@host:587 (STARTTLS, required by default) or smtps://user:password@host:465. */
  url: string;
  /**
   * smtp:// only: refuse to go on without STARTTLS, so neither credentials nor mail (temporary
   * passwords, sealed codes) ever cross the network in clear. Default true; false only for a local
   * relay (SMTP_REQUIRE_TLS=false). smtps:// is TLS from the first byte either way.
   */
  requireTLS?: boolean;
  /** Extra certificate authorities to trust (PEM), e.g. a relay's own; the system's are kept. */
  tls?: { ca?: string };
  /** The From header; DEFAULT_MAIL_FROM when absent. */
  from?: string;
  /** Longest wait for the connection, the greeting and each reply (default 30 s). */
  timeoutMs?: number;
}

/** `<id@pa-policy-engine>`; characters a Message-ID cannot hold are percent-encoded. */
export const messageIdFor = (outboxId: string) =>
  `<${outboxId.replace(/[^A-Za-z0-9!#$&'*+/=?^_`{|}~.-]/g, (ch) => encodeURIComponent(ch))}@pa-policy-engine>`;

/**
 * Host, port, TLS and credentials from the URL. (nodemailer's own `url` option is not used: with it,
 * nodemailer drops every other option, the timeouts included.)
 */
function connectionOf(
  text: string,
  options: Pick<SmtpMailOptions, 'requireTLS' | 'tls'>,
): SMTPTransport.Options {
  const url = new URL(text);
  const secure = url.protocol === 'smtps:';
  return {
    host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: url.port ? Number(url.port) : secure ? 465 : 587,
    secure,
    requireTLS: !secure && options.requireTLS !== false,
    // Certificates are always verified (nodemailer's default, said here so no one turns it off).
    tls: {
      rejectUnauthorized: true,
      minVersion: 'TLSv1.2',
      ...(options.tls?.ca ? { ca: [...tlsRootCertificates, options.tls.ca] } : {}),
    },
    ...(url.username
      ? { auth: { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } }
      : {}),
  };
}

export class SmtpMailTransport implements MailTransport {
  private readonly transporter: Transporter<SMTPTransport.SentMessageInfo, SMTPTransport.Options>;
  private readonly from: string;

  constructor(options: SmtpMailOptions) {
    const timeout = options.timeoutMs ?? 30_000;
    this.from = options.from ?? DEFAULT_MAIL_FROM;
    this.transporter = nodemailer.createTransport({
      ...connectionOf(options.url, options),
      connectionTimeout: timeout,
      greetingTimeout: timeout,
      socketTimeout: timeout,
      // Attachments are given as text: never let a message make nodemailer read a file or a URL.
      disableFileAccess: true,
      disableUrlAccess: true,
    });
  }

  async send(message: OutboxMessage): Promise<void> {
    let info: SMTPTransport.SentMessageInfo;
    try {
      info = await this.transporter.sendMail({
        from: this.from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        html: plainTextToHtml(message.text),
        attachments: (message.attachments ?? []).map((a) => ({
          filename: a.filename,
          contentType: a.contentType,
          content: a.content,
        })),
        messageId: messageIdFor(message.id),
        // The same Date on every attempt: a resend is the same message, byte for byte.
        date: new Date(message.createdAt),
        headers: { 'Content-Language': 'it' },
      });
    } catch (error) {
      throw new Error(`SMTP delivery to ${message.to} failed: ${(error as Error).message}`);
    }
    if (info.rejected.length > 0)
      throw new Error(`SMTP server refused the recipient ${info.rejected.map(String).join(', ')}`);
  }

  close(): void {
    this.transporter.close();
  }
}
