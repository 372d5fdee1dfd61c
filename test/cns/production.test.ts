// [P-TIMELINE][P-RECTIFICATION] Production and delivery by operator steps, corrections until
// production and refused after with the remedy, revocation starting a new application paid again.
import { describe, expect, it } from 'vitest';
import { aFreshServiceForEachTest } from './fresh-service.js';
import {
  aRecognizedApplication,
  aRegisteredApplication,
  deniedCodes,
  errorOf,
  slotsFrom,
  successValue,
} from './support.js';

const service = aFreshServiceForEachTest();

describe('production and delivery', () => {
  it('goes in-production → shipped → delivered, each step e-mailed, the codes sealed at production', async () => {
    const app = await aRecognizedApplication(service);
    const produced = successValue(await service.cns.advance.execute(app.id, 'in-production'));
    const [codes] = await service.mail('mario.rossi@example.it');
    expect(codes?.subject).toContain('Codici PIN, PUK e di emergenza');
    expect(codes?.attachments?.map((a) => a.filename)).toEqual(['codici-cns.asc', 'chiave-privata.asc']);
    expect(produced.status).toBe('in-production');
    const shipped = successValue(
      await service.cns.advance.execute(app.id, 'shipped', { trackingNumber: 'RR123456789IT' }),
    );
    expect(shipped.trackingNumber).toBe('RR123456789IT');
    expect((await service.mail('mario.rossi@example.it'))[0]?.text).toContain('RR123456789IT');
    const delivered = successValue(await service.cns.advance.execute(app.id, 'delivered'));
    expect(delivered.history.map((h) => h.status)).toEqual([
      'registered',
      'paid',
      'recognized',
      'in-production',
      'shipped',
      'delivered',
    ]);
  });

  it('keeps the order: no production before recognition, no delivery before shipping, no step twice', async () => {
    const registered = await aRegisteredApplication(service);
    expect(errorOf(await service.cns.advance.execute(registered.id, 'in-production'))).toMatchObject({
      code: 'STATE_CONFLICT',
      status: 'registered',
    });
    const app = await aRecognizedApplication(service);
    expect(errorOf(await service.cns.advance.execute(app.id, 'delivered'))).toMatchObject({
      code: 'STATE_CONFLICT',
    });
    successValue(await service.cns.advance.execute(app.id, 'in-production'));
    expect(errorOf(await service.cns.advance.execute(app.id, 'in-production'))).toMatchObject({
      code: 'STATE_CONFLICT',
    });
  });
});

describe('corrections', () => {
  it('corrects contact and residence before production; the delivery address follows the residence', async () => {
    const app = await aRegisteredApplication(service);
    const residence = {
      street: 'Corso Francia 10',
      city: 'Rivoli',
      postalCode: '10098',
      province: 'TO',
      country: 'IT',
    };
    const corrected = successValue(
      await service.cns.rectify.execute(app.id, {
        applicant: { residence },
        contact: { email: 'mario@example.org' },
      }),
    );
    expect(corrected.delivery.address).toEqual(residence);
    expect((await service.mail('mario@example.org'))[0]?.subject).toContain('rettificati');
  });

  it('screens a new residence again: moving to Milan is outside the jurisdiction', async () => {
    const app = await aRegisteredApplication(service);
    const milan = {
      street: 'Via Dante 1',
      city: 'Milano',
      postalCode: '20121',
      province: 'MI',
      country: 'IT',
    };
    const result = await service.cns.rectify.execute(app.id, { applicant: { residence: milan } });
    expect(deniedCodes(result)).toEqual(['OUTSIDE_JURISDICTION']);
    expect(errorOf(result)).toMatchObject({ competentChamber: 'MI' });
  });

  it('refuses the codice fiscale with a wrong check character', async () => {
    const app = await aRegisteredApplication(service);
    expect(
      errorOf(await service.cns.rectify.execute(app.id, { applicant: { fiscalCode: 'RSSMRA80A01L219X' } })),
    ).toMatchObject({ code: 'INVALID_INPUT', violations: [{ field: '/applicant/fiscalCode' }] });
  });

  it('refuses every correction once production has started, each field named, with the remedy', async () => {
    const app = await aRecognizedApplication(service);
    successValue(await service.cns.advance.execute(app.id, 'in-production'));
    const result = await service.cns.rectify.execute(app.id, {
      applicant: { lastName: 'Russo' },
      delivery: { mode: 'counter' },
    });
    expect(deniedCodes(result)).toEqual([
      'NO_RECTIFICATION_AFTER_PRODUCTION',
      'NO_RECTIFICATION_AFTER_PRODUCTION',
    ]);
    expect(errorOf(result)).toMatchObject({
      remedy: 'revoke-and-reissue',
      denials: [{ field: '/applicant/lastName' }, { field: '/delivery/mode' }],
    });
  });
});

describe('revocation', () => {
  it('ends the card and opens a new application with the corrections, to be paid again', async () => {
    const app = await aRecognizedApplication(service);
    successValue(await service.cns.advance.execute(app.id, 'in-production'));
    successValue(await service.cns.advance.execute(app.id, 'shipped', { trackingNumber: 'RR1IT' }));
    const { revoked, replacement, accessToken } = successValue(
      await service.cns.revoke.execute(app.id, {
        reason: 'cognome errato',
        corrections: { applicant: { lastName: 'Russo' } },
      }),
    );
    expect(revoked).toMatchObject({
      status: 'revoked',
      replacedBy: replacement.id,
      revocation: { reason: 'cognome errato' },
    });
    expect(replacement).toMatchObject({
      status: 'registered',
      replaces: app.id,
      applicant: { lastName: 'Russo' },
      payment: null,
      receipt: null,
      appointment: null,
      recognition: null,
      sealing: app.sealing,
    });
    expect(accessToken).toBeTruthy();
    expect(deniedCodes(await service.cns.pay.execute(replacement.id))).toEqual(['APPOINTMENT_REQUIRED']);
    await service.cns.loadAgenda.execute(slotsFrom(1, '2025-06-30'));
    successValue(await service.cns.book.execute(replacement.id));
    const { payment } = successValue(await service.cns.pay.execute(replacement.id));
    expect(payment.noticeNumber).not.toBe(app.payment?.noticeNumber);
    expect(payment.amountCents).toBe(3500);
    const subjects = (await service.mail('mario.rossi@example.it')).map((m) => m.subject);
    expect(subjects).toContainEqual(`Revoca della CNS (${app.id})`);
    expect(subjects).toContainEqual(`Riepilogo della richiesta di rilascio CNS (${replacement.id})`);
  });

  it('is refused before production (corrections are still possible) and after a revocation', async () => {
    const registered = await aRegisteredApplication(service);
    expect(errorOf(await service.cns.revoke.execute(registered.id, { reason: 'x' }))).toMatchObject({
      code: 'STATE_CONFLICT',
      status: 'registered',
    });
    const app = await aRecognizedApplication(service);
    successValue(await service.cns.advance.execute(app.id, 'in-production'));
    const [first, second] = await Promise.all([
      service.cns.revoke.execute(app.id, { reason: 'smarrita' }),
      service.cns.revoke.execute(app.id, { reason: 'smarrita' }),
    ]);
    const ids = [first, second].flatMap((r) => (r.ok ? [r.value.replacement.id] : []));
    expect(new Set(ids).size).toBe(1);
    expect(errorOf(await service.cns.revoke.execute(app.id, { reason: 'again' }))).toMatchObject({
      code: 'STATE_CONFLICT',
      status: 'revoked',
    });
  });

  it('takes a new passphrase for the new card when given one', async () => {
    const app = await aRecognizedApplication(service);
    successValue(await service.cns.advance.execute(app.id, 'in-production'));
    const { replacement } = successValue(
      await service.cns.revoke.execute(app.id, { reason: 'passphrase dimenticata', passphrase: 'Nuova2025' }),
    );
    expect(replacement.sealing.publicKey).not.toBe(app.sealing.publicKey);
  });
});
