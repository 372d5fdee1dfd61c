import type { AssistanceTicket } from '../../application/albo/assistance-ticket.js';
import type { AssistanceTicketRepository } from '../../application/albo/ports/ticket-repository.js';
import { MemoryCollection } from './memory-collection.js';

/** Assistance tickets for the embedded default and tests. */
export class MemoryAlboTickets implements AssistanceTicketRepository {
  private readonly tickets = new MemoryCollection<AssistanceTicket>();

  async add(ticket: AssistanceTicket): Promise<void> {
    this.tickets.insert(ticket);
  }

  async get(id: string): Promise<AssistanceTicket | null> {
    return this.tickets.get(id);
  }

  async list(status?: AssistanceTicket['status']): Promise<AssistanceTicket[]> {
    return this.tickets
      .find((t) => status === undefined || t.status === status)
      .sort((a, b) => (a.receivedAt < b.receivedAt ? -1 : a.receivedAt > b.receivedAt ? 1 : 0));
  }
}
