import type { Collection, Document } from 'mongodb';
import type { AssistanceTicket } from '../../application/albo/assistance-ticket.js';
import type { AssistanceTicketRepository } from '../../application/albo/ports/ticket-repository.js';
import { fromDocument, type IndexSpec, toDocument } from './mongo-documents.js';

const COLLECTION = 'albo_tickets';

export const ALBO_TICKET_INDEXES: IndexSpec[] = [
  { collection: COLLECTION, keys: { status: 1, receivedAt: 1 }, name: 'byStatus' },
];

/** Assistance tickets in MongoDB, one document each. */
export class MongoAlboTickets implements AssistanceTicketRepository {
  private readonly tickets: Collection<Document>;

  constructor(db: { collection(name: string): Collection<Document> }) {
    this.tickets = db.collection(COLLECTION);
  }

  async add(ticket: AssistanceTicket): Promise<void> {
    await this.tickets.insertOne(toDocument(ticket));
  }

  async get(id: string): Promise<AssistanceTicket | null> {
    return fromDocument<AssistanceTicket>(await this.tickets.findOne({ _id: id as never }));
  }

  /** Oldest first. */
  async list(status?: AssistanceTicket['status']): Promise<AssistanceTicket[]> {
    const docs = await this.tickets
      .find(status === undefined ? {} : { status })
      .sort({ receivedAt: 1, _id: 1 })
      .toArray();
    return docs.map((d) => fromDocument<AssistanceTicket>(d) as AssistanceTicket);
  }
}
