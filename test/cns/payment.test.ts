// [P-PAYMENT-READY][P-RECEIPT-HEADING] Every requirement before the pagoPA position; cost items
// from the dated fee parameters; the receipt lists each item and the PSP commission, no VAT, no
// invoice; the heading freezes on payment; the video link goes out; receipts are idempotent.
import { describe, expect, it } from 'vitest';
import { resolve, TOKENS } from '../../src/adapters/tokens.js';
import type { ApplicationInput } from '../../src/application/cns/application-input.js';
import { isValidNoticeNumber } from '../../src/domain/pagopa/notice-number.js';
import { copyOfRules } from '../http/support.js';
import { aFreshServiceForEachTest } from './fresh-service.js';
import {
  anApplication,
  aPaidApplication,
  aRegisteredApplication,
  deniedCodes,
  errorOf,
  slotsFrom,
  startCnsService,
  successValue,
} from './support.js';

const service = aFreshServiceForEachTest();

const register = (input?: ApplicationInput) => aRegisteredApplication(service, input);

describe('paying for the CNS', () => {
  it('reports every unmet requirement at once before opening any position', async () => {
    const app = await register(anApplication().withoutMobile().build());
    const result = await service.cns.pay.execute(app.id);
    expect(deniedCodes(result)).toEqual(['MOBILE_REQUIRED', 'APPOINTMENT_REQUIRED']);
    expect((await service.cns.get(app.id))?.payment).toBeNull();
  });

  it('opens one pagoPA notice with the device and shipping items, however often it is asked', async () => {
    const app = await register();
    await service.cns.loadAgenda.execute(slotsFrom(1));
    successValue(await service.cns.book.execute(app.id));
    const [a, b] = await Promise.all([service.cns.pay.execute(app.id), service.cns.pay.execute(app.id)]);
    const payment = successValue(a).payment;
    expect(successValue(b).payment.id).toBe(payment.id);
    expect(isValidNoticeNumber(payment.noticeNumber)).toBe(true);
    expect(payment).toMatchObject({
      purpose: { kind: 'cns-issuance', applicationId: app.id },
      amountCents: 3500,
      items: [
        { description: 'Dispositivo CNS su smart card (diritti di segreteria)', amountCents: 2500 },
        { description: 'Spedizione con pacco assicurato con ricevuta di ritorno', amountCents: 1000 },
      ],
      dueDate: '2025-07-16',
    });
    expect(await resolve(service.container, TOKENS.GpdSimulator).positionStatus(payment.iupd)).toBe('VALID');
    expect((await service.cns.get(app.id))?.payment).toMatchObject({
      noticeNumber: payment.noticeNumber,
      shippingCents: 1000,
    });
  });

  it('needs no appointment for recognition by CNS', async () => {
    const app = await register(anApplication().recognisedBy('cns').build());
    expect(successValue(await service.cns.pay.execute(app.id)).payment.amountCents).toBe(3500);
  });

  it('records the receipt with each cost item and the PSP commission, no VAT and no invoice, and e-mails it with the video link', async () => {
    const paid = await aPaidApplication(service);
    expect(paid.status).toBe('paid');
    expect(paid.receipt).toMatchObject({
      heading: { name: 'Mario Rossi', fiscalCode: 'RSSMRA80A01L219M' },
      items: [{ amountCents: 2500 }, { amountCents: 1000 }],
      pspName: 'Banca di prova',
      pspCommissionCents: 150,
      totalCents: 3650,
      paymentDate: '2025-06-16',
      vatApplicable: false,
      invoiceIssued: false,
    });
    const subjects = (await service.mail('mario.rossi@example.it')).map((m) => m.subject);
    expect(subjects.slice(0, 2)).toEqual([
      expect.stringContaining('Link per il riconoscimento via webcam'),
      expect.stringContaining('Ricevuta di pagamento'),
    ]);
    const receipt = (await service.mail('mario.rossi@example.it')).find((m) =>
      m.subject.startsWith('Ricevuta'),
    );
    expect(receipt?.text).toContain(
      'Commissione del prestatore di servizi di pagamento (Banca di prova): 1,50 €',
    );
    expect(receipt?.text).toContain('Totale pagato: 36,50 €');
    expect(receipt?.text).toMatch(/; ricevuta \S+ del \d\d\/\d\d\/\d{4} \d\d:\d\d\n/);
    expect(receipt?.text).toContain('non è soggetto a IVA');
    const link = (await service.mail('mario.rossi@example.it')).find((m) => m.subject.startsWith('Link'));
    expect(link?.text).toContain(paid.appointment?.videoLink);
  });

  it('lets the receipt heading change until payment, and freezes it after', async () => {
    const app = await register();
    const heading = { name: 'Rossi Srl', fiscalCode: '01234567890', address: 'Via Po 2, Torino' };
    const changed = successValue(await service.cns.rectify.execute(app.id, { receiptHeading: heading }));
    expect(changed.receiptHeading).toEqual(heading);
    await service.cns.loadAgenda.execute(slotsFrom(1));
    successValue(await service.cns.book.execute(app.id));
    const { payment } = successValue(await service.cns.pay.execute(app.id));
    await service.pay(payment.noticeNumber);
    expect((await service.cns.get(app.id))?.receipt?.heading).toEqual(heading);
    const frozen = await service.cns.rectify.execute(app.id, { receiptHeading: null });
    expect(deniedCodes(frozen)).toEqual(['RECEIPT_HEADING_FROZEN']);
    expect(errorOf(frozen)).toMatchObject({ denials: [{ field: '/receiptHeading' }] });
  });

  it('applies a receipt once, even when the paid handler runs ten times at once', async () => {
    const paid = await aPaidApplication(service);
    const payment = await resolve(service.container, TOKENS.PaymentRepository).findByNoticeNumber(
      paid.payment?.noticeNumber ?? '',
    );
    if (!payment) throw new Error('no payment');
    await Promise.all(Array.from({ length: 10 }, () => service.cns.paid.onPaid(payment)));
    const after = await service.cns.get(paid.id);
    expect(after?.receipt).toEqual(paid.receipt);
    expect(after?.history.filter((h) => h.status === 'paid')).toHaveLength(1);
    const subjects = (await service.mail('mario.rossi@example.it')).map((m) => m.subject);
    expect(subjects.filter((s) => s.startsWith('Ricevuta'))).toHaveLength(1);
    expect(subjects.filter((s) => s.startsWith('Link'))).toHaveLength(1);
  });

  it('stops with PARAMETER_UNAVAILABLE rather than guess when the fee items are broken', async () => {
    const rules = await copyOfRules();
    try {
      await rules.edit('cns/fees.parameters.json', (text) =>
        text.replace('"amountCents": 2500', '"amountCents": "25 euro"'),
      );
      const broken = await startCnsService(undefined, rules.dir);
      const app = successValue(
        await broken.cns.create.execute(anApplication().recognisedBy('cns').build()),
      ).application;
      expect(errorOf(await broken.cns.pay.execute(app.id))).toMatchObject({
        code: 'PARAMETER_UNAVAILABLE',
        parameter: 'cns.fees.items',
      });
      const response = await broken.http('POST', `/v1/cns/applications/${app.id}/payment`, 'operator');
      expect(response.status).toBe(503);
    } finally {
      await rules.dispose();
    }
  });

  it('refuses to pay twice', async () => {
    const paid = await aPaidApplication(service);
    expect(errorOf(await service.cns.pay.execute(paid.id))).toMatchObject({
      code: 'STATE_CONFLICT',
      status: 'paid',
    });
  });
});
