// The mail part of the configuration [§6 Mail]: SMTP_URL selects SMTP (else the embedded mailbox),
// MAIL_FROM the sender. Checked at start-up; the URL is shown (banner, errors) without its password.

export const DEFAULT_MAIL_FROM = '"Portale PA" <noreply@localhost>';

export interface MailConfig {
  /** SMTP_URL: smtp:// or smtps:// with the credentials in it; null: the embedded mailbox. */
  smtpUrl: string | null;
  /** MAIL_FROM: the From of every message. */
  from: string;
  /**
   * SMTP_REQUIRE_TLS (default true): smtp:// must upgrade with STARTTLS or nothing is sent; false
   * only for a local relay. smtps:// is TLS from the start whatever this says. Absent: true.
   */
  requireTls?: boolean;
}

/** Reads the variables; every problem goes to `errors`, naming the variable and what it expects. */
export function readMailConfig(env: Record<string, string | undefined>, errors: string[]): MailConfig {
  const smtpUrl = env.SMTP_URL?.trim() || null;
  if (smtpUrl !== null) {
    const check = checkSmtpUrl(smtpUrl);
    if (check.error) errors.push(check.error);
  }
  const from = env.MAIL_FROM?.trim() || DEFAULT_MAIL_FROM;
  const fromError = checkMailFrom(from);
  if (fromError) errors.push(fromError);
  const requireText = env.SMTP_REQUIRE_TLS?.trim().toLowerCase() || 'true';
  if (requireText !== 'true' && requireText !== 'false')
    errors.push(
      `SMTP_REQUIRE_TLS must be true or false (false only for a local relay), got "${requireText}"`,
    );
  return { smtpUrl, from, requireTls: requireText !== 'false' };
}

/** For the start-up banner: which adapter delivers mail. */
export function describeMail(config: MailConfig): string {
  return config.smtpUrl
    ? `Mail: SMTP at ${shownSmtpUrl(config.smtpUrl)}, From ${config.from}, ${tlsOf(config.smtpUrl, config.requireTls)}`
    : 'Mail: embedded mailbox, nothing leaves the process (read it: GET /v1/dev/mailbox; SMTP_URL sends for real)';
}

function tlsOf(smtpUrl: string, requireTls: boolean | undefined): string {
  if (smtpUrl.startsWith('smtps:')) return 'TLS from the start';
  return requireTls === false
    ? 'TLS NOT required (SMTP_REQUIRE_TLS=false: local relay only)'
    : 'STARTTLS required';
}

interface SmtpUrlCheck {
  ok: boolean;
  /** The URL with its password masked, safe to print. */
  shown: string;
  error?: string;
}

const EXAMPLE = 'smtps://utente:password@posta.example.it:465';

/** Accepts smtp:// (STARTTLS, required unless SMTP_REQUIRE_TLS=false) and smtps:// (TLS from the start). */
export function checkSmtpUrl(text: string): SmtpUrlCheck {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return {
      ok: false,
      shown: redactUserInfo(text),
      error: `SMTP_URL must be an smtp:// or smtps:// URL such as ${EXAMPLE}, got "${redactUserInfo(text)}"`,
    };
  }
  const shown = redacted(url);
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:')
    return { ok: false, shown, error: `SMTP_URL must start with smtp:// or smtps://, got "${shown}"` };
  if (!url.hostname)
    return { ok: false, shown, error: `SMTP_URL must name the mail server's host, got "${shown}"` };
  if (url.password && !url.username)
    return { ok: false, shown, error: `SMTP_URL has a password but no user name, got "${shown}"` };
  return { ok: true, shown };
}

/** The URL with the password replaced by ***, for logs and the start-up banner. */
export function shownSmtpUrl(text: string): string {
  try {
    return redacted(new URL(text));
  } catch {
    return redactUserInfo(text);
  }
}

function redacted(url: URL): string {
  const copy = new URL(url.href);
  if (copy.password) copy.password = '***';
  return copy.href;
}

/** For text that is not even a URL: drop anything between "//" and "@". */
const redactUserInfo = (text: string) => text.replace(/\/\/[^/@]*@/, '//***@');

// A display name (quoted or not) followed by <address>, or a bare address.
const ADDRESS = /[^\s<>@"]+@[^\s<>@"]+/.source;
const MAIL_FROM = new RegExp(`^(?:(?:"[^"\\r\\n]*"|[^"<>\\r\\n]*)\\s*<${ADDRESS}>|${ADDRESS})$`);

export function checkMailFrom(text: string): string | null {
  return MAIL_FROM.test(text.trim())
    ? null
    : `MAIL_FROM must be an address such as "Portale PA" <noreply@example.it> or noreply@example.it, got "${text}"`;
}
