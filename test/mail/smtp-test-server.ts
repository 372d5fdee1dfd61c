// A real SMTP server on loopback (smtp-server) for the mail tests: it keeps what it accepts, and can
// be told to refuse (a 4xx reply to DATA) or to hang for the next few messages. With `tls`, it offers
// STARTTLS with a self-signed certificate made at test time (the client trusts it through `ca`).
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { leaves, type MimePart, param, parseMime } from './mime.js';
import { loopbackCertificate } from './self-signed.js';

export interface ReceivedMail {
  envelopeTo: string[];
  raw: string;
  messageId: string | undefined;
  from: string | undefined;
  to: string | undefined;
  subject: string | undefined;
  text: string | undefined;
  html: string | undefined;
  attachments: Array<{ filename: string | undefined; contentType: string; content: string }>;
  headers: Map<string, string>;
}

export interface TestSmtpServer {
  /** smtp://[user:pass@]127.0.0.1:port */
  url: string;
  /** With `tls`: the certificate to trust (the client's `ca`); otherwise null (no STARTTLS). */
  ca: string | null;
  /** Whether each session was upgraded with STARTTLS before the message, in order. */
  secured: boolean[];
  received: ReceivedMail[];
  /** How many messages reached DATA, refused or not. */
  dataAttempts(): number;
  /** The next `count` messages are refused with this reply code (451: try again later). */
  refuseNext(count: number, code?: number): void;
  /** The next `count` messages get no reply at all (the client must time out). */
  hangNext(count: number): void;
  close(): Promise<void>;
}

export async function startTestSmtpServer(
  auth?: { user: string; pass: string },
  options: { tls?: boolean } = {},
): Promise<TestSmtpServer> {
  const received: ReceivedMail[] = [];
  const secured: boolean[] = [];
  const certificate = options.tls ? await loopbackCertificate() : null;
  let attempts = 0;
  let refusals = 0;
  let refusalCode = 451;
  let hangs = 0;
  const server = new SMTPServer({
    // Without tls: plain text on loopback, no STARTTLS (what requireTLS must refuse), AUTH allowed.
    disabledCommands: [...(certificate ? [] : ['STARTTLS']), ...(auth ? [] : ['AUTH'])],
    ...(certificate ? { key: certificate.key, cert: certificate.cert } : {}),
    allowInsecureAuth: !certificate,
    authOptional: !auth,
    logger: false,
    closeTimeout: 200,
    disableReverseLookup: true, // no DNS wait on every connection
    onAuth(credentials, _session, callback) {
      if (auth && credentials.username === auth.user && credentials.password === auth.pass)
        return callback(null, { user: credentials.username });
      callback(Object.assign(new Error('Credenziali non valide'), { responseCode: 535 }));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        attempts++;
        if (hangs > 0) {
          hangs--;
          return; // never answers
        }
        if (refusals > 0) {
          refusals--;
          return callback(
            Object.assign(new Error('Servizio temporaneamente non disponibile'), {
              responseCode: refusalCode,
            }),
          );
        }
        const raw = Buffer.concat(chunks).toString('utf8');
        secured.push(session.secure);
        received.push(
          readMail(
            raw,
            session.envelope.rcptTo.map((r) => r.address),
          ),
        );
        callback();
      });
    },
  });
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => done());
  });
  const { port } = server.server.address() as AddressInfo;
  const credentials = auth ? `${encodeURIComponent(auth.user)}:${encodeURIComponent(auth.pass)}@` : '';
  return {
    url: `smtp://${credentials}127.0.0.1:${port}`,
    ca: certificate?.cert ?? null,
    secured,
    received,
    dataAttempts: () => attempts,
    refuseNext(count, code = 451) {
      refusals = count;
      refusalCode = code;
    },
    hangNext(count) {
      hangs = count;
    },
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}

function readMail(raw: string, envelopeTo: string[]): ReceivedMail {
  const mail = parseMime(raw);
  const parts = leaves(mail);
  const inline = (type: string) =>
    parts.find(
      (p) => contentType(p) === type && !p.headers.get('content-disposition')?.startsWith('attachment'),
    )?.body;
  return {
    envelopeTo,
    raw,
    messageId: mail.headers.get('message-id'),
    from: mail.headers.get('from'),
    to: mail.headers.get('to'),
    subject: mail.headers.get('subject'),
    text: inline('text/plain'),
    html: inline('text/html'),
    attachments: parts
      .filter((p) => p.headers.get('content-disposition')?.startsWith('attachment'))
      .map((p) => ({
        filename: param(p.headers.get('content-disposition') ?? '', 'filename'),
        contentType: contentType(p),
        content: p.body,
      })),
    headers: mail.headers,
  };
}

const contentType = (p: MimePart) =>
  (p.headers.get('content-type') ?? 'text/plain').split(';')[0]?.trim() ?? '';
