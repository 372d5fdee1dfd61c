// Where requests for technical assistance are kept.
import type { AssistanceTicket } from '../assistance-ticket.js';

export interface AssistanceTicketRepository {
  add(ticket: AssistanceTicket): Promise<void>;
  get(id: string): Promise<AssistanceTicket | null>;
  /** Oldest first. */
  list(status?: AssistanceTicket['status']): Promise<AssistanceTicket[]>;
}
