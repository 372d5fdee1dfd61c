// [P-PASSPHRASE] The proof: the PIN, PUK and emergency code e-mailed at production open with the
// applicant's passphrase, and with nothing the system keeps — not the stored keys alone, not a
// wrong passphrase, not any string stored in the application, the decision log or the mail.
import * as openpgp from 'openpgp';
import { beforeAll, describe, expect, it } from 'vitest';
import { CNS_TOKENS } from '../../src/adapters/cns/cns-procedure.js';
import { OpenPgpCodeSealer } from '../../src/adapters/crypto/openpgp-code-sealer.js';
import { resolve, TOKENS } from '../../src/adapters/tokens.js';
import type { CnsApplication } from '../../src/application/cns/application.js';
import type { OutboxMessage } from '../../src/application/ports/mail.js';
import { ERASED_AFTER_SENDING } from '../../src/application/ports/mail.js';
import {
  aRecognizedApplication,
  type CnsTestService,
  PASSPHRASE,
  startCnsService,
  successValue,
} from './support.js';

async function open(sealed: string, lockedKey: string, passphrase?: string): Promise<string> {
  const key = await openpgp.readPrivateKey({ armoredKey: lockedKey });
  const decryptionKeys =
    passphrase === undefined ? key : await openpgp.decryptKey({ privateKey: key, passphrase });
  const { data } = await openpgp.decrypt({
    message: await openpgp.readMessage({ armoredMessage: sealed }),
    decryptionKeys,
  });
  return data as string;
}

/** Every string inside a stored document. */
function stringsIn(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(stringsIn);
  if (value && typeof value === 'object') return Object.values(value).flatMap(stringsIn);
  return [];
}

let service: CnsTestService;
let stored: CnsApplication;
let codesMail: OutboxMessage;

beforeAll(async () => {
  service = await startCnsService();
  const recognized = await aRecognizedApplication(service);
  successValue(await service.cns.advance.execute(recognized.id, 'in-production'));
  const found = await resolve(service.container, CNS_TOKENS.Applications).get(recognized.id);
  if (!found) throw new Error('lost the application');
  stored = found;
  const mail = (await service.mail('mario.rossi@example.it')).find((m) => m.subject.startsWith('Codici PIN'));
  if (!mail) throw new Error('no codes e-mail');
  codesMail = mail;
});

const sealedIn = (m: OutboxMessage) =>
  m.attachments?.find((a) => a.filename === 'codici-cns.asc')?.content ?? '';
const keyIn = (m: OutboxMessage) =>
  m.attachments?.find((a) => a.filename === 'chiave-privata.asc')?.content ?? '';

describe('the passphrase', () => {
  it('opens the e-mailed codes with the key attached to the same e-mail', async () => {
    const text = await open(sealedIn(codesMail), keyIn(codesMail), PASSPHRASE);
    expect(text).toMatch(/^PIN: \d{8}\nPUK: \d{8}\nCodice di emergenza: \d{8}\n$/);
    expect(codesMail.text).toContain('-----BEGIN PGP MESSAGE-----');
  });

  it('is needed: the stored locked key alone opens nothing', async () => {
    await expect(open(sealedIn(codesMail), stored.sealing.lockedPrivateKey)).rejects.toThrow(/not decrypted/);
  });

  it('cannot be replaced by a wrong passphrase or by anything the system stores', async () => {
    await expect(open(sealedIn(codesMail), stored.sealing.lockedPrivateKey, 'Torino2025CNS')).rejects.toThrow(
      // AEAD-protected key: a wrong passphrase fails the authentication tag.
      /Incorrect key passphrase|unable to authenticate data/,
    );
    const log = resolve(service.container, TOKENS.DecisionLog);
    const decisionIds = stored.timeline ? [stored.timeline.decisionId] : [];
    const logged = await Promise.all(decisionIds.map((id) => log.get(id)));
    const candidates = [...new Set([...stringsIn(stored), ...stringsIn(logged)])].filter((s) => s.length > 0);
    expect(candidates.length).toBeGreaterThan(20);
    for (const candidate of candidates)
      await expect(open(sealedIn(codesMail), stored.sealing.lockedPrivateKey, candidate)).rejects.toThrow();
  }, 60_000); // one OpenPGP S2K derivation per candidate

  it('is kept nowhere: not in the stored application, not in any e-mail, not in the codes kept', async () => {
    const everything = JSON.stringify([stored, await service.mail('mario.rossi@example.it')]);
    expect(everything).not.toContain(PASSPHRASE);
    const codes = (await open(sealedIn(codesMail), keyIn(codesMail), PASSPHRASE)).match(/\d{8}/g) ?? [];
    expect(codes).toHaveLength(3);
    for (const code of codes) expect(JSON.stringify(stored)).not.toContain(code);
  });
});

describe('the locked private key (issue #16)', () => {
  /** The S2K of a locked key: OpenPGP.js keeps it on the secret key packet. */
  async function s2kOf(armoredKey: string) {
    const key = await openpgp.readPrivateKey({ armoredKey });
    const packet = key.keyPacket as unknown as {
      s2kUsage: number;
      s2k: { type: string; t?: number; p?: number; encodedM?: number };
    };
    return { usage: packet.s2kUsage, ...packet.s2k };
  }

  it('is locked with Argon2 S2K, AEAD-protected (RFC 9580: Argon2 only with S2K usage 253)', async () => {
    expect(await s2kOf(keyIn(codesMail))).toMatchObject({ usage: 253, type: 'argon2' });
  });

  it('costs an attacker 64 MiB and 3 passes per guess with the production parameters', async () => {
    const { lockedPrivateKey } = await new OpenPgpCodeSealer().createKeys(PASSPHRASE, {
      name: 'Mario Rossi',
      email: 'mario.rossi@example.it',
    });
    expect(await s2kOf(lockedPrivateKey)).toMatchObject({
      usage: 253,
      type: 'argon2',
      t: 3,
      p: 4,
      encodedM: 16,
    });
  }, 60_000);

  it('and the codes sealed to it leave the outbox once sent, like temporary passwords', async () => {
    const after = await resolve(service.container, CNS_TOKENS.Applications).get(stored.id);
    const sent = after?.outbox.find((m) => m.id === codesMail.id);
    expect(sent?.sentAt).not.toBeNull();
    expect(sent?.text).toBe(ERASED_AFTER_SENDING);
    expect(sent?.attachments).toBeUndefined();
    expect(JSON.stringify(after)).not.toContain(sealedIn(codesMail));
  });
});
