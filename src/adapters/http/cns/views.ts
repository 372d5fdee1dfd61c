// What callers see of an application: everything but the stored keys, the outbox, the version and
// the outstanding recognition challenge (its nonce was given to the one who asked for it).
// The video link is shown once the payment is made (it is e-mailed then, seed 002).
import { type CnsApplication, headingOf } from '../../../application/cns/application.js';
import type { Slot } from '../../../application/cns/ports/appointment-agenda.js';
import { waitingFor } from '../../../application/cns/timeline.js';
import type { Payment } from '../../../application/payments/payment.js';

export function applicationView(app: CnsApplication) {
  const {
    sealing: _keys,
    outbox: _outbox,
    version: _version,
    certificateChallenge: _challenge,
    appointment,
    ...rest
  } = app;
  return {
    ...rest,
    receiptHeading: headingOf(app),
    receiptHeadingIsDefault: app.receiptHeading === null,
    passphraseSet: true,
    identityLocked: app.identitySource === 'certificate',
    appointment: appointment && {
      slotId: appointment.slotId,
      startsAt: appointment.startsAt,
      endsAt: appointment.endsAt,
      bookedAt: appointment.bookedAt,
      videoLink: app.receipt ? appointment.videoLink : null,
    },
    waitingFor: waitingFor(app),
  };
}

export function paymentView(app: CnsApplication, payment: Payment) {
  return {
    applicationId: app.id,
    paymentId: payment.id,
    noticeNumber: payment.noticeNumber,
    iupd: payment.iupd,
    amountCents: payment.amountCents,
    items: payment.items,
    dueDate: payment.dueDate,
    status: payment.status,
  };
}

export function timelineView(app: CnsApplication) {
  return {
    applicationId: app.id,
    status: app.status,
    waitingFor: waitingFor(app),
    clockStart: app.timeline?.clockStart ?? null,
    productionStartBy: app.timeline?.productionStartBy ?? null,
    deliveryFrom: app.timeline?.deliveryFrom ?? null,
    deliveryTo: app.timeline?.deliveryTo ?? null,
    decisionId: app.timeline?.decisionId ?? null,
    problems: app.timeline?.problems ?? [],
    events: app.history,
  };
}

export const slotView = (s: Slot) => ({ id: s.id, startsAt: s.startsAt, endsAt: s.endsAt, desk: s.desk });
