// The contract every PaymentGateway keeps (the in-memory simulator, GPD over HTTP): a position is
// created and published once per iupd, a repeat is harmless, and its status follows the payment.
import { describe, expect, it } from 'vitest';
import type { GpdDebtPosition, PaymentGateway } from '../../src/application/ports/payment-gateway.js';
import { noticeNumberFor } from '../../src/domain/pagopa/notice-number.js';

export interface GatewayUnderTest {
  gateway: PaymentGateway;
  /** Pays the notice as a PSP would (through the adapter's simulator). */
  pay(noticeNumber: string): Promise<void>;
}

const ORGANIZATION = '97000000000';
let next = 0;

/** A position as OpenPayment builds it: iupd `<organization>-<iuv>`, one option, one transfer. */
export function aPosition(amount = 3516): { position: GpdDebtPosition; noticeNumber: string } {
  const base = `${Date.now() % 1e9}`.padStart(9, '0') + String(++next % 1e4).padStart(4, '0');
  const { iuv, noticeNumber } = noticeNumberFor('47', base);
  const description = 'Quota associativa Albo autotrasportatori 2017';
  return {
    noticeNumber,
    position: {
      iupd: `${ORGANIZATION}-${iuv}`,
      type: 'G',
      fiscalCode: '07845120018',
      fullName: 'Autotrasporti Rossi Giuseppe & C. s.n.c.',
      email: 'rossi.autotrasporti@pec.it',
      companyName: 'Autotrasporti Rossi Giuseppe & C. s.n.c.',
      switchToExpired: true,
      paymentOption: [
        {
          iuv,
          amount,
          description,
          isPartialPayment: false,
          dueDate: '2017-02-28T23:59:59+01:00',
          transfer: [
            {
              idTransfer: '1',
              amount,
              remittanceInformation: description,
              category: '9/0101108TS/',
              iban: 'IT60X0542811101000000123456',
            },
          ],
        },
      ],
    },
  };
}

export function paymentGatewayContract(name: string, make: () => Promise<GatewayUnderTest>): void {
  describe(`${name} keeps the PaymentGateway contract`, () => {
    it('creates and publishes a position: it is VALID at once', async () => {
      const { gateway } = await make();
      const { position } = aPosition();
      expect(await gateway.createPosition(position)).toEqual({ iupd: position.iupd, status: 'VALID' });
      expect(await gateway.positionStatus(position.iupd)).toBe('VALID');
    });

    it('creating the same iupd again (a retry) is harmless, also concurrently', async () => {
      const { gateway } = await make();
      const { position } = aPosition();
      const results = await Promise.all([1, 2, 3].map(() => gateway.createPosition(position)));
      expect(results).toEqual(Array(3).fill({ iupd: position.iupd, status: 'VALID' }));
      expect(await gateway.createPosition(position)).toEqual({ iupd: position.iupd, status: 'VALID' });
    });

    it('answers null for a position it does not hold', async () => {
      const { gateway } = await make();
      expect(await gateway.positionStatus(aPosition().position.iupd)).toBeNull();
    });

    it('refuses a position whose transfers do not add up to the amount', async () => {
      const { gateway } = await make();
      const { position } = aPosition();
      const option = position.paymentOption[0];
      if (option) option.amount += 1;
      await expect(gateway.createPosition(position)).rejects.toThrow(/GPD/);
      expect(await gateway.positionStatus(position.iupd)).toBeNull();
    });

    it('reports PAID once the notice is paid, and a late retry of the creation says so too', async () => {
      const { gateway, pay } = await make();
      const { position, noticeNumber } = aPosition();
      await gateway.createPosition(position);
      await pay(noticeNumber);
      expect(await gateway.positionStatus(position.iupd)).toBe('PAID');
      expect(await gateway.createPosition(position)).toEqual({ iupd: position.iupd, status: 'PAID' });
    });

    it("gives GPD's record a receipt is checked against: creditor, option amount and status, then paid", async () => {
      const { gateway, pay } = await make();
      const { position, noticeNumber } = aPosition(4200);
      expect(await gateway.position(position.iupd)).toBeNull();
      await gateway.createPosition(position);
      const iuv = position.paymentOption[0]?.iuv;
      expect(await gateway.position(position.iupd)).toEqual({
        status: 'VALID',
        organizationFiscalCode: ORGANIZATION,
        paymentOption: [{ iuv, amount: 4200, status: 'PO_UNPAID' }],
      });
      await pay(noticeNumber);
      const paid = await gateway.position(position.iupd);
      expect(paid).toMatchObject({
        status: 'PAID',
        organizationFiscalCode: ORGANIZATION,
        paymentOption: [{ iuv, amount: 4200, status: 'PO_PAID' }],
      });
      expect(paid?.paymentOption[0]?.idReceipt).toEqual(expect.any(String));
    });
  });
}
