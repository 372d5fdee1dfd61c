// The contract every MailTransport keeps: what the receiver gets is what the outbox held (address,
// subject, Italian text, attachments), and the outbox id can be read back from the delivery, so a
// message sent again after a crash is recognisable as the same message.
import { describe, expect, it } from 'vitest';
import {
  type MailAttachment,
  newOutboxMessage,
  type OutboxMessage,
} from '../../src/application/ports/mail.js';

/** A message as its receiver saw it. */
export interface Delivery {
  /** The outbox id the delivery carries (for SMTP, read back from the Message-ID). */
  outboxId: string;
  to: string;
  subject: string;
  text: string;
  attachments: MailAttachment[];
}

export interface TransportUnderTest {
  send(message: OutboxMessage): Promise<void>;
  /** Everything delivered so far, in delivery order. */
  delivered(): Promise<Delivery[]>;
  dispose(): Promise<void>;
}

const SENT_AT = new Date('2017-03-01T09:00:00.000Z');

export const aMail = (id: string, extra: Partial<Parameters<typeof newOutboxMessage>[1]> = {}) =>
  newOutboxMessage(
    id,
    {
      to: 'mario.rossi@example.it',
      subject: 'Ricevuta del pagamento – quota d’iscrizione 2017',
      text:
        'Gentile Mario Rossi,\n\nabbiamo ricevuto il pagamento di 150,00 € per l’anno 2017.\n' +
        'Può ristampare la ricevuta in qualsiasi momento.\n\nCordiali saluti\nL’ufficio Albo',
      ...extra,
    },
    SENT_AT,
  );

const ARMORED = [
  '-----BEGIN PGP MESSAGE-----',
  '',
  'wy4ECQMIx1m2kQ9sZ4Zg0mT8qk3o+Yb4l6c1ZsV3tFh8B1c5v1Q0a9uVx1W8nYqA',
  '=Qz1t',
  '-----END PGP MESSAGE-----',
  '',
].join('\n');

export function mailTransportContract(adapter: string, make: () => Promise<TransportUnderTest>) {
  describe(`MailTransport contract: ${adapter}`, () => {
    const withTransport = (test: (t: TransportUnderTest) => Promise<void>) => async () => {
      const t = await make();
      try {
        await test(t);
      } finally {
        await t.dispose();
      }
    };

    it(
      'delivers address, subject and Italian text as written, with the outbox id',
      withTransport(async (t) => {
        const mail = aMail('msg-1');
        await t.send(mail);
        expect(await t.delivered()).toEqual([
          { outboxId: 'msg-1', to: mail.to, subject: mail.subject, text: mail.text, attachments: [] },
        ]);
      }),
    );

    it(
      'delivers attachments with their name, type and content',
      withTransport(async (t) => {
        const attachments = [
          { filename: 'codici-cns.asc', contentType: 'application/pgp-encrypted', content: ARMORED },
          { filename: 'ricevuta.txt', contentType: 'text/plain', content: 'Importo: 150,00 €\n' },
        ];
        await t.send(aMail('msg-2', { attachments }));
        const [delivery] = await t.delivered();
        expect(delivery?.attachments).toEqual(attachments);
      }),
    );

    it(
      'a message sent again (after a crash) arrives with the same outbox id, so it can be recognised',
      withTransport(async (t) => {
        await t.send(aMail('msg-3'));
        await t.send(aMail('msg-3'));
        expect((await t.delivered()).map((d) => d.outboxId)).toEqual(['msg-3', 'msg-3']);
      }),
    );

    it(
      'delivers messages sent at the same time, each once',
      withTransport(async (t) => {
        const ids = ['a', 'b', 'c', 'd', 'e'].map((x) => `batch-${x}`);
        await Promise.all(ids.map((id) => t.send(aMail(id, { to: `${id}@example.it` }))));
        const delivered = await t.delivered();
        expect(delivered.map((d) => d.outboxId).sort()).toEqual(ids);
        for (const d of delivered) expect(d.to).toBe(`${d.outboxId}@example.it`);
      }),
    );
  });
}
