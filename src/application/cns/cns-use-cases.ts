// The CNS issuance procedure [§4] as one bundle of use cases, for the HTTP adapter and the tests.
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

export interface CnsUseCases {
  create: CreateApplication;
  get(id: string): ReturnType<CnsPorts['applications']['get']>;
  loadAgenda: LoadAgenda;
  listFreeSlots: ListFreeSlots;
  book: BookAppointment;
  changeAppointment: ChangeAppointment;
  pay: OpenCnsPayment;
  paid: CnsPaymentPaid;
  recordSession: RecordSession;
  certificateChallenge: RequestCertificateChallenge;
  recognizeByCertificate: RecognizeByCertificate;
  requireInPerson: RequireInPersonRecognition;
  advance: AdvanceProduction;
  rectify: RectifyApplication;
  revoke: RevokeApplication;
  sessions: ApplicantSessions;
}

export function createCnsUseCases(deps: CnsPorts): CnsUseCases {
  const create = new CreateApplication(deps);
  const book = new BookAppointment(deps);
  return {
    create,
    get: (id) => deps.applications.get(id),
    loadAgenda: new LoadAgenda(deps),
    listFreeSlots: new ListFreeSlots(deps),
    book,
    changeAppointment: new ChangeAppointment(deps, book),
    pay: new OpenCnsPayment(deps),
    paid: new CnsPaymentPaid(deps),
    recordSession: new RecordSession(deps),
    certificateChallenge: new RequestCertificateChallenge(deps),
    recognizeByCertificate: new RecognizeByCertificate(deps),
    requireInPerson: new RequireInPersonRecognition(deps),
    advance: new AdvanceProduction(deps),
    rectify: new RectifyApplication(deps),
    revoke: new RevokeApplication(deps, create),
    sessions: new ApplicantSessions(deps, create),
  };
}
