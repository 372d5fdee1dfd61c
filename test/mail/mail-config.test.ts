// [§6 Mail] SMTP_URL and MAIL_FROM: unset, the embedded mailbox; set, checked at start-up with
// messages naming the variable, never repeating the password.
import { describe, expect, it } from 'vitest';
import { readConfig } from '../../src/adapters/config.js';
import { DEFAULT_MAIL_FROM, describeMail } from '../../src/adapters/mail/mail-config.js';

const errorsOf = (env: Record<string, string>) => {
  const config = readConfig(env);
  return config.ok ? [] : config.errors;
};

describe('mail configuration', () => {
  it('defaults to the embedded mailbox and a noreply sender', () => {
    const config = readConfig({});
    expect(config.ok && config.value.mail).toEqual({
      smtpUrl: null,
      from: DEFAULT_MAIL_FROM,
      requireTls: true,
    });
    expect(config.ok && describeMail(config.value.mail)).toMatch(/embedded mailbox.*\/v1\/dev\/mailbox/);
  });

  it('reads smtp:// and smtps:// URLs with credentials, and shows them without the password', () => {
    for (const url of ['smtp://relay.example.it:587', 'smtps://portale:s%40greta@posta.example.it:465']) {
      const config = readConfig({ SMTP_URL: url, MAIL_FROM: '"Albo" <albo@example.it>' });
      expect(config.ok && config.value.mail).toEqual({
        smtpUrl: url,
        from: '"Albo" <albo@example.it>',
        requireTls: true,
      });
    }
    const config = readConfig({ SMTP_URL: 'smtps://portale:s%40greta@posta.example.it:465' });
    const shown = config.ok ? describeMail(config.value.mail) : '';
    expect(shown).toContain('SMTP at smtps://portale:***@posta.example.it:465');
    expect(shown).not.toContain('greta');
  });

  it.each([
    ['http://posta.example.it', /SMTP_URL must start with smtp:\/\/ or smtps:\/\//],
    ['posta.example.it:25', /SMTP_URL must start with smtp:\/\/ or smtps:\/\//],
    ['not a url', /SMTP_URL must be an smtp:\/\/ or smtps:\/\/ URL/],
    ['smtp://:segreta@posta.example.it', /SMTP_URL has a password but no user name/],
  ])('refuses SMTP_URL=%j', (url, message) => {
    expect(errorsOf({ SMTP_URL: url }).join('\n')).toMatch(message);
  });

  it('requires STARTTLS unless SMTP_REQUIRE_TLS=false, and says so in the banner line', () => {
    const shown = (env: Record<string, string>) => {
      const config = readConfig(env);
      return config.ok ? describeMail(config.value.mail) : config.errors.join('\n');
    };
    expect(shown({ SMTP_URL: 'smtp://posta.example.it:587' })).toContain('STARTTLS required');
    expect(shown({ SMTP_URL: 'smtp://127.0.0.1:25', SMTP_REQUIRE_TLS: 'false' })).toContain(
      'TLS NOT required',
    );
    expect(shown({ SMTP_URL: 'smtps://posta.example.it', SMTP_REQUIRE_TLS: 'false' })).toContain(
      'TLS from the start',
    );
    expect(errorsOf({ SMTP_REQUIRE_TLS: 'no' }).join('\n')).toMatch(/SMTP_REQUIRE_TLS must be true or false/);
  });

  it('never repeats the password of a refused SMTP_URL', () => {
    for (const url of ['ftp://utente:segreta@posta.example.it', 'smtp//utente:segreta@posta example']) {
      const errors = errorsOf({ SMTP_URL: url }).join('\n');
      expect(errors).toMatch(/SMTP_URL/);
      expect(errors).not.toContain('segreta');
    }
  });

  it.each(['noreply', 'Portale <noreply>', '"Portale" noreply@example.it', 'a@b.it\r\nBcc: x@y.it'])(
    'refuses MAIL_FROM=%j',
    (from) => {
      expect(errorsOf({ MAIL_FROM: from }).join('\n')).toMatch(/MAIL_FROM must be an address/);
    },
  );

  it.each(['noreply@comune.torino.it', 'Portale PA <noreply@example.it>', '"Portale, PA" <a@b.it>'])(
    'accepts MAIL_FROM=%j',
    (from) => {
      expect(errorsOf({ MAIL_FROM: from })).toEqual([]);
    },
  );
});
