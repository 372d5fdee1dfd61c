// Recognition [§4][P-CERTIFICATE][P-RECTIFICATION]: webcam sessions recorded by operators with the
// OTP signatures sent to the registered mobile; suspension and a new booking; recognition by CNS
// copying and locking the identity; the counter fallback, shipping not refunded.
import { beforeEach, describe, expect, it } from 'vitest';
import { CNS_TOKENS, resolve } from '../../src/adapters/composition-root.js';
import {
  anApplication,
  aPaidApplication,
  type CnsTestService,
  deniedCodes,
  errorOf,
  FISCAL_CODE,
  slotsFrom,
  startCnsService,
  valueOf,
} from './support.js';

let service: CnsTestService;
beforeEach(async () => {
  service = await startCnsService();
});

const authentication = {
  subjectCN: `${FISCAL_CODE}/7420000012345678.abcdEFGH=`,
  keyUsage: ['digitalSignature', 'keyEncipherment'],
  notAfter: '2027-12-31',
  givenName: 'MARIO',
  surname: 'ROSSI',
  email: 'mario.rossi@pec.example.it',
};

describe('recognition via webcam', () => {
  it('records a completed session with its OTP signatures and starts the timeline', async () => {
    const paid = await aPaidApplication(service);
    service.clock.set('2025-06-20T09:30:00Z');
    const recognized = valueOf(
      await service.cns.recordSession.execute(paid.id, {
        channel: 'webcam',
        outcome: 'completed',
        signedDocuments: ['richiesta di rilascio', 'condizioni di servizio'],
      }),
    );
    expect(recognized.status).toBe('recognized');
    expect(recognized.sessions[0]?.otpSignatures).toEqual([
      { document: 'richiesta di rilascio', sentTo: '+39 333 1234567', sentAt: '2025-06-20T09:30:00.000Z' },
      { document: 'condizioni di servizio', sentTo: '+39 333 1234567', sentAt: '2025-06-20T09:30:00.000Z' },
    ]);
    // Friday 20 June: Monday 23, then 24 June (San Giovanni) skipped.
    expect(recognized.timeline).toMatchObject({
      clockStart: '2025-06-20',
      productionStartBy: '2025-06-25',
      deliveryFrom: '2025-07-03',
      deliveryTo: '2025-07-07',
    });
    const slot = await resolve(service.container, CNS_TOKENS.Agenda).get(paid.appointment?.slotId ?? '');
    expect(slot?.state).toBe('used');
  });

  it('suspends a session for invalid documents; the applicant books again and is then recognised', async () => {
    const paid = await aPaidApplication(service);
    const suspended = valueOf(
      await service.cns.recordSession.execute(paid.id, {
        channel: 'webcam',
        outcome: 'suspended',
        reason: 'invalid-documents',
      }),
    );
    expect(suspended).toMatchObject({ status: 'paid', appointment: null, recognition: null });
    expect((await service.mail('mario.rossi@example.it'))[0]?.text).toContain('documenti non conformi');
    await service.cns.loadAgenda.execute(slotsFrom(1, '2025-06-23'));
    const rebooked = valueOf(await service.cns.book.execute(paid.id));
    expect(rebooked.appointment?.startsAt).toBe('2025-06-23T09:00:00.000Z');
    valueOf(
      await service.cns.recordSession.execute(paid.id, {
        channel: 'webcam',
        outcome: 'completed',
        signedDocuments: ['richiesta'],
      }),
    );
    expect((await service.cns.get(paid.id))?.sessions.map((s) => s.outcome)).toEqual([
      'suspended',
      'completed',
    ]);
  });

  it('refuses a session before payment, a suspension without reason, a completion without signatures', async () => {
    const app = valueOf(await service.cns.create.execute(anApplication().build())).application;
    expect(
      errorOf(
        await service.cns.recordSession.execute(app.id, {
          channel: 'webcam',
          outcome: 'completed',
          signedDocuments: ['x'],
        }),
      ),
    ).toMatchObject({ code: 'STATE_CONFLICT', status: 'registered' });
    expect(
      errorOf(await service.cns.recordSession.execute(app.id, { channel: 'webcam', outcome: 'suspended' })),
    ).toMatchObject({
      code: 'INVALID_INPUT',
      violations: [{ field: '/reason' }],
    });
    expect(
      errorOf(await service.cns.recordSession.execute(app.id, { channel: 'webcam', outcome: 'completed' })),
    ).toMatchObject({
      code: 'INVALID_INPUT',
      violations: [{ field: '/signedDocuments' }],
    });
  });
});

describe('recognition by CNS', () => {
  it('refuses the signature certificate and an expired card, with the policy reasons', async () => {
    const app = valueOf(
      await service.cns.create.execute(anApplication().recognisedBy('cns').build()),
    ).application;
    const signature = { ...authentication, keyUsage: ['nonRepudiation'] };
    expect(deniedCodes(await service.cns.recognizeByCertificate.execute(app.id, signature))).toEqual([
      'SIGNATURE_CERTIFICATE_SELECTED',
    ]);
    const expired = { ...authentication, notAfter: '2025-06-15' };
    expect(deniedCodes(await service.cns.recognizeByCertificate.execute(app.id, expired))).toEqual([
      'CNS_EXPIRED',
    ]);
  });

  it('copies the identity from the certificate, locks it, and starts the clock when the payment follows', async () => {
    const input = anApplication()
      .recognisedBy('cns')
      .with((i) => {
        i.applicant.firstName = 'Mario Giuseppe';
      })
      .build();
    const app = valueOf(await service.cns.create.execute(input)).application;
    const recognized = valueOf(await service.cns.recognizeByCertificate.execute(app.id, authentication));
    expect(recognized).toMatchObject({
      status: 'registered',
      identitySource: 'certificate',
      applicant: {
        firstName: 'MARIO',
        lastName: 'ROSSI',
        fiscalCode: FISCAL_CODE,
        certificateEmail: 'mario.rossi@pec.example.it',
      },
      recognition: { channel: 'cns', date: '2025-06-16' },
    });
    const locked = await service.cns.rectify.execute(app.id, { applicant: { firstName: 'Mario Giuseppe' } });
    expect(deniedCodes(locked)).toEqual(['IDENTITY_FROM_CERTIFICATE']);
    expect(
      valueOf(await service.cns.rectify.execute(app.id, { contact: { mobile: '+39 333 7654321' } })).contact
        .mobile,
    ).toBe('+39 333 7654321');

    service.clock.set('2025-06-18T10:00:00Z');
    const { payment } = valueOf(await service.cns.pay.execute(app.id));
    await service.pay(payment.noticeNumber);
    const paid = await service.cns.get(app.id);
    expect(paid?.status).toBe('recognized');
    expect(paid?.history.map((h) => h.status)).toEqual(['registered', 'paid', 'recognized']);
    expect(paid?.timeline).toMatchObject({ clockStart: '2025-06-18', productionStartBy: '2025-06-20' });
    const subjects = (await service.mail('mario.rossi@example.it')).map((m) => m.subject);
    expect(subjects.some((s) => s.startsWith('Link'))).toBe(false);
  });

  it('is not for an application that chose the webcam', async () => {
    const app = valueOf(await service.cns.create.execute(anApplication().build())).application;
    expect(errorOf(await service.cns.recognizeByCertificate.execute(app.id, authentication))).toMatchObject({
      code: 'STATE_CONFLICT',
    });
  });
});

describe('the counter fallback', () => {
  it('is for a paid applicant only', async () => {
    const app = valueOf(await service.cns.create.execute(anApplication().build())).application;
    expect(errorOf(await service.cns.requireInPerson.execute(app.id, 'x'))).toMatchObject({
      code: 'STATE_CONFLICT',
      status: 'registered',
    });
  });

  it('sends the applicant to the counter, gives the slot back and does not refund shipping', async () => {
    const paid = await aPaidApplication(service);
    const marked = valueOf(await service.cns.requireInPerson.execute(paid.id, 'webcam non funzionante'));
    expect(marked).toMatchObject({
      appointment: null,
      inPersonRecognition: {
        reason: 'webcam non funzionante',
        shippingRefunded: false,
        shippingPaidCents: 1000,
      },
    });
    expect(await service.cns.listFreeSlots.execute()).toHaveLength(1);
    const [mail] = await service.mail('mario.rossi@example.it');
    expect(mail?.text).toContain('i costi di spedizione non verranno rimborsati');
    expect(
      errorOf(
        await service.cns.recordSession.execute(paid.id, {
          channel: 'webcam',
          outcome: 'completed',
          signedDocuments: ['x'],
        }),
      ),
    ).toMatchObject({ code: 'STATE_CONFLICT' });
    const recognized = valueOf(
      await service.cns.recordSession.execute(paid.id, {
        channel: 'counter',
        outcome: 'completed',
        signedDocuments: ['richiesta'],
      }),
    );
    expect(recognized.recognition?.channel).toBe('counter');
    valueOf(await service.cns.advance.execute(paid.id, 'in-production'));
    expect(errorOf(await service.cns.advance.execute(paid.id, 'shipped'))).toMatchObject({
      code: 'STATE_CONFLICT',
    });
    expect(valueOf(await service.cns.advance.execute(paid.id, 'delivered')).status).toBe('delivered');
  });
});
