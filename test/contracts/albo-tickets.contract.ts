// The contract every AssistanceTicketRepository keeps.
import { describe, expect, it } from 'vitest';
import type { AssistanceTicket } from '../../src/application/albo/assistance-ticket.js';
import type { AssistanceTicketRepository } from '../../src/application/albo/ports/ticket-repository.js';

const aTicket = (
  id: string,
  receivedAt: string,
  status: AssistanceTicket['status'] = 'open',
): AssistanceTicket => ({
  id,
  description: 'La PEC non viene riconosciuta',
  registerNumber: 'TO/1234567/A',
  matricola: null,
  phone: '011 5678901',
  email: null,
  screenshot: null,
  receivedAt,
  status,
});

export function ticketRepositoryContract(
  adapter: string,
  make: () => AssistanceTicketRepository | Promise<AssistanceTicketRepository>,
) {
  describe(`AssistanceTicketRepository contract: ${adapter}`, () => {
    it('stores tickets, reads one, lists them oldest first by status', async () => {
      const repo = await make();
      await repo.add(aTicket('t2', '2017-02-02T10:00:00.000Z'));
      await repo.add(aTicket('t1', '2017-02-01T10:00:00.000Z'));
      await repo.add(aTicket('t3', '2017-02-03T10:00:00.000Z', 'closed'));
      expect(await repo.get('t1')).toEqual(aTicket('t1', '2017-02-01T10:00:00.000Z'));
      expect(await repo.get('t9')).toBeNull();
      expect((await repo.list()).map((t) => t.id)).toEqual(['t1', 't2', 't3']);
      expect((await repo.list('open')).map((t) => t.id)).toEqual(['t1', 't2']);
      expect((await repo.list('closed')).map((t) => t.id)).toEqual(['t3']);
    });
  });
}
