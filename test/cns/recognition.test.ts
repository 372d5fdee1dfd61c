// Recognition [§4][P-CERTIFICATE][P-RECTIFICATION]: webcam sessions recorded by operators with the
// OTP signatures sent to the registered mobile; suspension and a new booking; recognition by CNS,
// with a card certificate of a test PKI signing the challenge, copying and locking the identity;
// the counter fallback, shipping not refunded.
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CNS_TOKENS } from '../../src/adapters/cns/cns-procedure.js';
import { NO_CNS_RECOGNITION } from '../../src/adapters/crypto/cns-recognition-config.js';
import { resolve } from '../../src/adapters/tokens.js';
import { aTestPki, type Issued, KeyUsageFlags, signText, type TestPki } from '../support/test-pki.js';
import { aFreshServiceForEachTest } from './fresh-service.js';
import {
  anApplication,
  aPaidApplication,
  aRegisteredApplication,
  type CnsTestService,
  deniedCodes,
  errorOf,
  FISCAL_CODE,
  MONDAY,
  slotsFrom,
  startCnsService,
  successValue,
  WRONG_CHECK,
} from './support.js';

const service = aFreshServiceForEachTest();

describe('recognition via webcam', () => {
  it('records a completed session with its OTP signatures and starts the timeline', async () => {
    const paid = await aPaidApplication(service);
    service.clock.set('2025-06-20T09:30:00Z');
    const recognized = successValue(
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
    service.clock.set('2025-06-20T09:05:00Z');
    const suspended = successValue(
      await service.cns.recordSession.execute(paid.id, {
        channel: 'webcam',
        outcome: 'suspended',
        reason: 'invalid-documents',
      }),
    );
    expect(suspended).toMatchObject({ status: 'paid', appointment: null, recognition: null });
    expect((await service.mail('mario.rossi@example.it'))[0]?.text).toContain('documenti non conformi');
    await service.cns.loadAgenda.execute(slotsFrom(1, '2025-06-23'));
    const rebooked = successValue(await service.cns.book.execute(paid.id));
    expect(rebooked.appointment?.startsAt).toBe('2025-06-23T09:00:00.000Z');
    // Not before the appointment's time (seed 002: "il giorno/ora dell'appuntamento").
    expect(
      errorOf(
        await service.cns.recordSession.execute(paid.id, {
          channel: 'webcam',
          outcome: 'completed',
          signedDocuments: ['richiesta'],
        }),
      ),
    ).toMatchObject({ code: 'STATE_CONFLICT', detail: expect.stringContaining('2025-06-23T09:00') });
    service.clock.set('2025-06-23T09:00:00Z');
    successValue(
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
    const app = await aRegisteredApplication(service);
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
  let pki: TestPki;
  let cns: CnsTestService;
  beforeAll(async () => {
    pki = await aTestPki();
  });
  beforeEach(async () => {
    cns = await startCnsService(MONDAY, undefined, {
      cnsRecognition: { ...NO_CNS_RECOGNITION, trustAnchors: [pki.root.pem] },
    });
  });

  /** Asks for a challenge and answers it with the card, as the applicant's browser would. */
  async function prove(id: string, card: Issued) {
    const challenge = successValue(await cns.cns.certificateChallenge.execute(id));
    return cns.cns.recognizeByCertificate.execute(
      id,
      { certificate: card.pem, intermediates: [pki.intermediate.pem] },
      {
        kind: 'signed-nonce',
        nonce: challenge.nonce,
        signature: Buffer.from(await signText(card.keys, challenge.toBeSigned), 'base64'),
      },
    );
  }
  const aCnsApplication = async (input = anApplication().recognisedBy('cns').build()) =>
    successValue(await cns.cns.create.execute(input)).application;

  it('refuses the signature certificate and an expired card, with the policy reasons', async () => {
    const app = await aCnsApplication();
    const signature = await pki.card(FISCAL_CODE, { usages: KeyUsageFlags.nonRepudiation });
    expect(deniedCodes(await prove(app.id, signature))).toEqual(['SIGNATURE_CERTIFICATE_SELECTED']);
    const expired = await pki.card(FISCAL_CODE, { notAfter: new Date('2025-06-15T21:59:59Z') });
    expect(deniedCodes(await prove(app.id, expired))).toEqual(['CNS_EXPIRED']);
    // Its validity ends during the day of recognition, 11:59:59 in Rome: that day is not whole, so
    // the card counts as expired all day (a few hours early, never late).
    const endingToday = await pki.card(FISCAL_CODE, { notAfter: new Date('2025-06-16T09:59:59Z') });
    expect(deniedCodes(await prove(app.id, endingToday))).toEqual(['CNS_EXPIRED']);
  });

  it('accepts a card valid through the end of the day of recognition (23:59:59 in Rome)', async () => {
    const app = await aCnsApplication();
    const lastDay = await pki.card(FISCAL_CODE, { notAfter: new Date('2025-06-16T21:59:59Z') });
    expect(successValue(await prove(app.id, lastDay)).recognition?.channel).toBe('cns');
  });

  it('copies the identity from the certificate, locks it, and starts the clock when the payment follows', async () => {
    const input = anApplication()
      .recognisedBy('cns')
      .with((i) => {
        i.applicant.firstName = 'Mario Giuseppe';
      })
      .build();
    const app = await aCnsApplication(input);
    const recognized = successValue(await prove(app.id, await pki.card(FISCAL_CODE)));
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
      certificateChallenge: null,
    });
    const locked = await cns.cns.rectify.execute(app.id, { applicant: { firstName: 'Mario Giuseppe' } });
    expect(deniedCodes(locked)).toEqual(['IDENTITY_FROM_CERTIFICATE']);
    expect(
      successValue(await cns.cns.rectify.execute(app.id, { contact: { mobile: '+39 333 7654321' } })).contact
        .mobile,
    ).toBe('+39 333 7654321');

    cns.clock.set('2025-06-18T10:00:00Z');
    const { payment } = successValue(await cns.cns.pay.execute(app.id));
    await cns.pay(payment.noticeNumber);
    const paid = await cns.cns.get(app.id);
    expect(paid?.status).toBe('recognized');
    expect(paid?.history.map((h) => h.status)).toEqual(['registered', 'paid', 'recognized']);
    expect(paid?.timeline).toMatchObject({ clockStart: '2025-06-18', productionStartBy: '2025-06-20' });
    const subjects = (await cns.mail('mario.rossi@example.it')).map((m) => m.subject);
    expect(subjects.some((s) => s.startsWith('Link'))).toBe(false);
  });

  it('reads the codice fiscale from the subject serialNumber and verifies its check character', async () => {
    const byName = await pki.card(FISCAL_CODE, {
      commonName: 'ROSSI MARIO',
      serialNumber: `TINIT-${FISCAL_CODE}`,
    });
    const app = await aCnsApplication();
    expect(successValue(await prove(app.id, byName)).applicant.fiscalCode).toBe(FISCAL_CODE);
    const other = await aCnsApplication();
    expect(errorOf(await prove(other.id, await pki.card(WRONG_CHECK)))).toMatchObject({
      code: 'INVALID_FISCAL_CODE',
      field: '/certificate',
    });
    expect((await cns.cns.get(other.id))?.recognition).toBeNull();
  });

  it('needs the names in the certificate: none are taken from the application', async () => {
    const app = await aCnsApplication();
    const nameless = await pki.card(FISCAL_CODE, { givenName: null, surname: null });
    expect(errorOf(await prove(app.id, nameless))).toMatchObject({
      code: 'INVALID_CERTIFICATE',
      reason: expect.stringContaining('givenName'),
    });
  });

  it('is not for an application that chose the webcam', async () => {
    const app = successValue(await cns.cns.create.execute(anApplication().build())).application;
    expect(errorOf(await cns.cns.certificateChallenge.execute(app.id))).toMatchObject({
      code: 'STATE_CONFLICT',
    });
  });

  it('is refused, never accepted, when no trust anchor is configured', async () => {
    const app = successValue(
      await service.cns.create.execute(anApplication().recognisedBy('cns').build()),
    ).application;
    expect(errorOf(await service.cns.certificateChallenge.execute(app.id))).toEqual({
      code: 'CNS_RECOGNITION_NOT_CONFIGURED',
    });
    const card = await pki.card(FISCAL_CODE);
    const attempt = await service.cns.recognizeByCertificate.execute(
      app.id,
      { certificate: card.pem, intermediates: [pki.intermediate.pem] },
      { kind: 'tls-client-certificate' },
    );
    expect(errorOf(attempt)).toEqual({ code: 'CNS_RECOGNITION_NOT_CONFIGURED' });
  });
});

describe('the counter fallback', () => {
  it('is for a paid applicant only', async () => {
    const app = await aRegisteredApplication(service);
    expect(errorOf(await service.cns.requireInPerson.execute(app.id, 'x'))).toMatchObject({
      code: 'STATE_CONFLICT',
      status: 'registered',
    });
  });

  it('sends the applicant to the counter, gives the slot back and does not refund shipping', async () => {
    const paid = await aPaidApplication(service);
    const marked = successValue(await service.cns.requireInPerson.execute(paid.id, 'webcam non funzionante'));
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
    const recognized = successValue(
      await service.cns.recordSession.execute(paid.id, {
        channel: 'counter',
        outcome: 'completed',
        signedDocuments: ['richiesta'],
      }),
    );
    expect(recognized.recognition?.channel).toBe('counter');
    successValue(await service.cns.advance.execute(paid.id, 'in-production'));
    expect(errorOf(await service.cns.advance.execute(paid.id, 'shipped'))).toMatchObject({
      code: 'STATE_CONFLICT',
    });
    expect(successValue(await service.cns.advance.execute(paid.id, 'delivered')).status).toBe('delivered');
  });
});
