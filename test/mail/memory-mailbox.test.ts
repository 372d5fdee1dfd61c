// The embedded mailbox keeps the MailTransport contract.
import { describe, expect, it } from 'vitest';
import { MemoryMailbox } from '../../src/adapters/mail/memory-mailbox.js';
import { aMail, mailTransportContract } from '../contracts/mail-transport.contract.js';

mailTransportContract('MemoryMailbox', async () => {
  const box = new MemoryMailbox();
  return {
    send: (m) => box.send(m),
    delivered: async () =>
      box
        .messages()
        .reverse()
        .map((m) => ({
          outboxId: m.id,
          to: m.to,
          subject: m.subject,
          text: m.text,
          attachments: m.attachments ?? [],
        })),
    dispose: async () => {},
  };
});

describe('MemoryMailbox', () => {
  it('lists messages newest first, filtered by address without regard to case', async () => {
    const box = new MemoryMailbox();
    await box.send(aMail('1', { to: 'Anna@Example.it' }));
    await box.send(aMail('2', { to: 'luca@example.it' }));
    await box.send(aMail('3', { to: 'anna@example.it' }));
    expect(box.messages().map((m) => m.id)).toEqual(['3', '2', '1']);
    expect(box.messages('ANNA@example.it').map((m) => m.id)).toEqual(['3', '1']);
  });
});
