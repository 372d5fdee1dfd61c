// Assistance tickets (seed 000): a description, an optional screenshot of the error page, the
// register number, the matricola when the company has one, and a telephone number. The screenshot
// is capped and must really be a PNG or JPEG image.

import { err, ok } from '../../domain/types.js';
import type { Clock } from '../ports/clock.js';
import type { IdGenerator } from '../ports/id-generator.js';
import type { AssistanceTicket, Screenshot } from './assistance-ticket.js';
import type { AlboResult } from './errors.js';
import type { AssistanceTicketRepository } from './ports/ticket-repository.js';

export interface TicketInput {
  description: string;
  registerNumber: string;
  matricola?: string;
  phone: string;
  email?: string;
  screenshot?: { contentType: Screenshot['contentType']; dataBase64: string };
}

/** 512 KiB: enough for a compressed screenshot of a page. */
export const MAX_SCREENSHOT_BYTES = 512 * 1024;

const SIGNATURES: Record<Screenshot['contentType'], number[]> = {
  'image/png': [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
  'image/jpeg': [0xff, 0xd8, 0xff],
};

export class AssistanceDesk {
  constructor(
    private readonly deps: {
      tickets: AssistanceTicketRepository;
      ids: IdGenerator;
      clock: Clock;
      maxScreenshotBytes?: number;
    },
  ) {}

  async open(input: TicketInput): Promise<AlboResult<AssistanceTicket>> {
    let screenshot: Screenshot | null = null;
    if (input.screenshot) {
      const checked = checkScreenshot(input.screenshot, this.deps.maxScreenshotBytes ?? MAX_SCREENSHOT_BYTES);
      if (typeof checked === 'string') return err({ code: 'INVALID_SCREENSHOT', reason: checked });
      screenshot = checked;
    }
    const ticket: AssistanceTicket = {
      id: this.deps.ids.next(),
      description: input.description.trim(),
      registerNumber: input.registerNumber.trim(),
      matricola: input.matricola ?? null,
      phone: input.phone.trim(),
      email: input.email ?? null,
      screenshot,
      receivedAt: this.deps.clock.now().toISOString(),
      status: 'open',
    };
    await this.deps.tickets.add(ticket);
    return ok(ticket);
  }

  async get(id: string): Promise<AlboResult<AssistanceTicket>> {
    const ticket = await this.deps.tickets.get(id);
    return ticket ? ok(ticket) : err({ code: 'UNKNOWN_TICKET', ticketId: id });
  }

  list(status?: AssistanceTicket['status']): Promise<AssistanceTicket[]> {
    return this.deps.tickets.list(status);
  }
}

/** The screenshot as stored, or why it is refused. */
function checkScreenshot(
  s: { contentType: Screenshot['contentType']; dataBase64: string },
  maxBytes: number,
): Screenshot | string {
  const data = s.dataBase64.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(data) || data.length % 4 !== 0) return 'dataBase64 is not base64';
  const padding = data.endsWith('==') ? 2 : data.endsWith('=') ? 1 : 0;
  const sizeBytes = (data.length / 4) * 3 - padding;
  if (sizeBytes === 0) return 'the screenshot is empty';
  if (sizeBytes > maxBytes) return `the screenshot is ${sizeBytes} bytes; at most ${maxBytes} are accepted`;
  const head = Array.from(atob(data.slice(0, 12)), (ch) => ch.charCodeAt(0));
  const signature = SIGNATURES[s.contentType];
  if (!signature.every((byte, i) => head[i] === byte))
    return `the data is not an image of type ${s.contentType}`;
  return { contentType: s.contentType, sizeBytes, dataBase64: data };
}
