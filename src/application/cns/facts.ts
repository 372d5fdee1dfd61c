// The facts each CNS policy reads, taken from an application (or a draft of one).
import type { Address, CnsApplication, Delivery } from './application.js';

type Draft = Pick<CnsApplication, 'applicantType' | 'company' | 'applicant'>;

export const jurisdictionFacts = (app: Draft) => ({
  applicantType: app.applicantType,
  residence: {
    country: app.applicant.residence.country,
    ...(app.applicant.residence.province ? { province: app.applicant.residence.province } : {}),
  },
  ...(app.company ? { company: { registryProvince: app.company.registryProvince } } : {}),
});

const addressFacts = (a: Address) => ({
  street: a.street,
  city: a.city,
  postalCode: a.postalCode,
  ...(a.province ? { province: a.province } : {}),
  country: a.country,
});

export const deliveryFacts = (delivery: Delivery) => ({
  mode: delivery.mode,
  address: addressFacts(delivery.address),
  attendedAddressConfirmed: delivery.attendedAddressConfirmed,
});

export const readinessFacts = (
  app: CnsApplication,
  outcomes: { jurisdictionOk: boolean; deliveryOk: boolean },
) => ({
  ...outcomes,
  contactEmail: app.contact.email,
  ...(app.contact.mobile ? { mobile: app.contact.mobile } : {}),
  passphraseSet: app.sealing.publicKey !== '' && app.sealing.lockedPrivateKey !== '',
  recognitionMethod: app.recognitionMethod,
  appointmentBooked: app.appointment !== null,
});
