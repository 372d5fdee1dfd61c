// A request for technical assistance as the seed asks it to be written: what went wrong, an
// optional screenshot of the error page, the register number, the matricola when the company has
// one, and a telephone number to be called back on.

export interface Screenshot {
  contentType: 'image/png' | 'image/jpeg';
  sizeBytes: number;
  dataBase64: string;
}

export interface AssistanceTicket {
  id: string;
  description: string;
  registerNumber: string;
  matricola: string | null;
  phone: string;
  email: string | null;
  screenshot: Screenshot | null;
  receivedAt: string;
  status: 'open' | 'closed';
}
