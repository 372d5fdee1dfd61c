// The CNS issuance procedure [§4] as one bundle of use cases, for the HTTP adapter and the tests.
import { buildUseCases, type UseCasesOf } from '../use-case-bundle.js';
import { BookAppointment, ChangeAppointment, ListFreeSlots, LoadAgenda } from './appointments.js';
import { RequestCertificateChallenge } from './certificate-challenge.js';
import { CnsPaymentPaid } from './cns-payment-paid.js';
import { CreateApplication } from './create-application.js';
import { OpenCnsPayment } from './open-cns-payment.js';
import type { CnsPorts } from './ports/cns-ports.js';
import { AdvanceProduction } from './production.js';
import { RecognizeByCertificate } from './recognize-by-certificate.js';
import { RecordSession } from './record-session.js';
import { RectifyApplication } from './rectify-application.js';
import { RequireInPersonRecognition } from './require-in-person.js';
import { RevokeApplication } from './revoke-application.js';
import { ApplicantSessions } from './sessions.js';

const CLASSES = {
  loadAgenda: LoadAgenda,
  listFreeSlots: ListFreeSlots,
  pay: OpenCnsPayment,
  paid: CnsPaymentPaid,
  recordSession: RecordSession,
  certificateChallenge: RequestCertificateChallenge,
  recognizeByCertificate: RecognizeByCertificate,
  requireInPerson: RequireInPersonRecognition,
  advance: AdvanceProduction,
  rectify: RectifyApplication,
};

export type CnsUseCases = UseCasesOf<typeof CLASSES> & {
  create: CreateApplication;
  get(id: string): ReturnType<CnsPorts['applications']['get']>;
  book: BookAppointment;
  changeAppointment: ChangeAppointment;
  revoke: RevokeApplication;
  sessions: ApplicantSessions;
};

export function createCnsUseCases(deps: CnsPorts): CnsUseCases {
  // Revocation and sessions reuse creation (a replacement application, a new access token), a
  // change of appointment reuses booking.
  const create = new CreateApplication(deps);
  const book = new BookAppointment(deps);
  return {
    ...buildUseCases(deps, CLASSES),
    create,
    get: (id) => deps.applications.get(id),
    book,
    changeAppointment: new ChangeAppointment(deps, book),
    revoke: new RevokeApplication(deps, create),
    sessions: new ApplicantSessions(deps, create),
  };
}
