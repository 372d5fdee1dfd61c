// What the CNS procedure knows when it asks a policy (README, "Procedures hand policies the context
// they have"): the application (a draft before it is stored) as `application`, and, under the names
// the policies read today, the facts taken from it. Each step adds its own (the screening outcomes,
// the free slots, the field to correct, the certificate, the timeline's dates); each policy's facts
// schema picks what it reads. The application comes without its keys, video-call link, outbox and
// version, and a value it does not have is absent, never null.
import { absentNulls, type PolicyContext } from '../decisions/policy-context.js';
import type { Address, Appointment, CnsApplication } from './application.js';

/** An application, or the draft screened before it is stored. */
type Known = Pick<CnsApplication, 'applicantType' | 'company' | 'applicant' | 'delivery'> &
  Partial<CnsApplication>;

const addressFacts = (a: Address) => ({
  street: a.street,
  city: a.city,
  postalCode: a.postalCode,
  ...(a.province ? { province: a.province } : {}),
  country: a.country,
});

/** The video-call link opens the room: a bearer link, kept out like the keys. */
function withoutLink(appointment: Appointment | null | undefined) {
  if (!appointment) return appointment;
  const { videoLink: _link, ...kept } = appointment;
  return kept;
}

export function applicationContext(app: Known): PolicyContext {
  const { sealing, outbox: _outbox, version: _version, ...application } = app;
  return {
    application: absentNulls({ ...application, appointment: withoutLink(app.appointment) }),
    // cns.jurisdiction: the applicant's own residence, the company represented.
    applicantType: app.applicantType,
    residence: addressFacts(app.applicant.residence),
    ...(app.company ? { company: absentNulls(app.company) } : {}),
    // cns.delivery
    mode: app.delivery.mode,
    address: addressFacts(app.delivery.address),
    attendedAddressConfirmed: app.delivery.attendedAddressConfirmed,
    // cns.payment-readiness, cns.appointment, cns.rectification, cns.receipt-heading
    ...(app.contact ? { contactEmail: app.contact.email } : {}),
    ...(app.contact?.mobile ? { mobile: app.contact.mobile } : {}),
    ...(sealing ? { passphraseSet: sealing.publicKey !== '' && sealing.lockedPrivateKey !== '' } : {}),
    ...(app.recognitionMethod ? { recognitionMethod: app.recognitionMethod } : {}),
    ...(app.appointment !== undefined ? { appointmentBooked: app.appointment !== null } : {}),
    ...(app.status ? { status: app.status } : {}),
    ...(app.receipt !== undefined ? { paid: app.receipt !== null } : {}),
  };
}
