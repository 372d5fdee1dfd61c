// What the payment use-case tests share: a fixed clock, counting ids and notice digits, and a
// register fee's opening request.
import type { OpenPaymentRequest } from '../../src/application/payments/open-payment.js';

export const clock = { now: () => new Date('2017-01-10T10:00:00Z') };
let n = 0;
export const ids = { next: () => `id-${++n}` };
let iuv = 0;
export const secrets = {
  token: () => 't',
  digits: () => String(++iuv).padStart(13, '0'),
  temporaryPassword: () => 'Aa1!aaaa',
};

export const feeRequest = (companyId = 'c1'): OpenPaymentRequest => ({
  purpose: { kind: 'albo-fee', companyId, year: 2017 },
  items: [{ description: 'Quota 2017', amountCents: 3516 }],
  dueDate: '2017-02-28',
  description: 'Quota associativa Albo autotrasportatori 2017',
  payer: { fiscalCode: '01234567890', name: 'Trasporti Rossi srl', email: 'a@b.it', type: 'G' },
  creditor: {
    organizationFiscalCode: '97000000000',
    iban: 'IT60X0542811101000000123456',
    segregationCode: '47',
    category: '9/0101108TS/',
  },
});
