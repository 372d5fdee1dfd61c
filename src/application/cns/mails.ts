// The e-mails of the CNS procedure, in Italian (seed 002 wording where it has one). Each is
// queued in the application's outbox by the change that causes it.
import type { CostItem } from '../payments/payment.js';
import { euro, romeDate, romeDateTime as when } from '../text/citizen-format.js';
import {
  type Address,
  type CnsApplication,
  type CnsReceipt,
  fullName,
  headingOf,
  type SuspensionReason,
  type Timeline,
} from './application.js';
import type { MailDraft } from './change-application.js';

const place = (a: Address) =>
  `${a.street}, ${a.postalCode} ${a.city}${a.province ? ` (${a.province})` : ''}, ${a.country}`;
const lines = (...parts: Array<string | false | null | undefined>) =>
  parts.filter((p): p is string => typeof p === 'string').join('\n');
const to = (app: CnsApplication) => app.contact.email;
const greeting = (app: CnsApplication) => `Gentile ${fullName(app.applicant)},`;

export function summaryMail(
  app: CnsApplication,
  subject = 'Riepilogo della richiesta di rilascio CNS',
): MailDraft {
  const a = app.applicant;
  const heading = headingOf(app);
  return {
    to: to(app),
    subject: `${subject} (${app.id})`,
    text: lines(
      greeting(app),
      '',
      'questo è il riepilogo dei dati registrati per il rilascio della Carta Nazionale dei Servizi.',
      '',
      `Richiesta: ${app.id}`,
      `Titolare: ${fullName(a)}, codice fiscale ${a.fiscalCode}, nato/a a ${a.birthPlace} il ${romeDate(a.birthDate)}`,
      `Residenza: ${place(a.residence)}`,
      `Tipo di richiedente: ${app.applicantType === 'private' ? 'privato cittadino' : 'legale rappresentante impresa'}`,
      app.company && `Impresa: ${app.company.name} (Registro Imprese di ${app.company.registryProvince})`,
      `Email: ${app.contact.email}; cellulare: ${app.contact.mobile ?? 'non indicato'}`,
      `Riconoscimento: ${app.recognitionMethod === 'webcam' ? 'via webcam con un operatore' : 'con CNS non scaduta'}`,
      `Consegna: ${app.delivery.mode === 'shipping' ? `spedizione a ${place(app.delivery.address)}` : 'ritiro in Camera'}`,
      `Intestazione della ricevuta: ${heading.name}${heading.fiscalCode ? ` (${heading.fiscalCode})` : ''}`,
      '',
      app.delivery.mode === 'shipping' &&
        "Accertarsi che l'indirizzo di spedizione sia quello desiderato: deve essere presidiato per la consegna del pacco assicurato con ricevuta di ritorno.",
      'Annotare e conservare con cura la passphrase scelta: in caso di smarrimento non è possibile recuperarla o rigenerarla.',
    ),
  };
}

export function appointmentMail(app: CnsApplication, startsAt: string): MailDraft {
  return {
    to: to(app),
    subject: `Appuntamento per il riconoscimento via webcam (${app.id})`,
    text: lines(
      greeting(app),
      '',
      `è prenotato l'appuntamento con un operatore per ${when(startsAt)}.`,
      'Dopo il pagamento riceverà una email con il link di collegamento da usare il giorno/ora dell’appuntamento.',
    ),
  };
}

const itemLine = (i: CostItem) => `- ${i.description}: ${euro(i.amountCents)}`;

export function receiptMail(app: CnsApplication, receipt: CnsReceipt): MailDraft {
  const h = receipt.heading;
  return {
    to: to(app),
    subject: `Ricevuta di pagamento pagoPA della CNS (${app.id})`,
    text: lines(
      `Ricevuta di pagamento intestata a: ${h.name}${h.fiscalCode ? `, ${h.fiscalCode}` : ''}${h.address ? `, ${h.address}` : ''}`,
      `Avviso pagoPA: ${app.payment?.noticeNumber ?? ''}; ricevuta ${receipt.receiptId} del ${when(receipt.paidAt)}`,
      '',
      'Voci di costo:',
      ...receipt.items.map(itemLine),
      `- Commissione del prestatore di servizi di pagamento (${receipt.pspName}): ${euro(receipt.pspCommissionCents)}`,
      `Totale pagato: ${euro(receipt.totalCents)}`,
      '',
      !receipt.vatApplicable && 'Il pagamento della CNS non è soggetto a IVA',
      !receipt.invoiceIssued && 'per cui non è prevista l’emissione di fattura.',
    ),
  };
}

export function videoLinkMail(app: CnsApplication): MailDraft | null {
  const appointment = app.appointment;
  if (!appointment) return null;
  return {
    to: to(app),
    subject: `Link per il riconoscimento via webcam (${app.id})`,
    text: lines(
      greeting(app),
      '',
      `il giorno ${when(appointment.startsAt)} si colleghi con questo link per il riconoscimento de-visu con un operatore:`,
      appointment.videoLink,
      '',
      'Abbia con sé gli stessi documenti e il cellulare (carico) usati per la registrazione: durante il riconoscimento, che richiede circa 30 minuti, riceverà al cellulare i codici OTP per firmare i documenti.',
    ),
  };
}

const timelineLines = (t: Timeline | null) => [
  t?.productionStartBy &&
    `La produzione del dispositivo è avviata entro il ${romeDate(t.productionStartBy)}.`,
  t?.productionStartBy &&
    t.deliveryFrom &&
    t.deliveryTo &&
    `Consegna prevista tra il ${romeDate(t.deliveryFrom)} e il ${romeDate(t.deliveryTo)} (giorni lavorativi).`,
];

export function recognizedMail(app: CnsApplication): MailDraft {
  return {
    to: to(app),
    subject: `Riconoscimento completato (${app.id})`,
    text: lines(
      greeting(app),
      '',
      'il riconoscimento è completato.',
      ...timelineLines(app.timeline),
      'All’avvio della produzione riceverà una email cifrata con i codici PIN, PUK e di emergenza, che potrà aprire con la passphrase.',
    ),
  };
}

const REASONS: Record<SuspensionReason, string> = {
  technical: 'problemi tecnici delle apparecchiature o del collegamento internet',
  'invalid-documents': 'documenti non conformi o non validi',
};

export function suspendedMail(app: CnsApplication, reason: SuspensionReason): MailDraft {
  return {
    to: to(app),
    subject: `Sessione di riconoscimento sospesa (${app.id})`,
    text: lines(
      greeting(app),
      '',
      `la sessione di riconoscimento è stata temporaneamente sospesa: ${REASONS[reason]}.`,
      'Prenoti un nuovo appuntamento fra quelli disponibili per completare il riconoscimento.',
    ),
  };
}

export function inPersonMail(app: CnsApplication): MailDraft {
  return {
    to: to(app),
    subject: `Riconoscimento allo sportello (${app.id})`,
    text: lines(
      greeting(app),
      '',
      'non è tecnicamente possibile completare la procedura online: dovrà necessariamente presentarsi personalmente allo sportello per il riconoscimento de visu.',
      'Per il rilascio del dispositivo farà fede la ricevuta pagoPA; i costi di spedizione non verranno rimborsati.',
    ),
  };
}

export function codesMail(app: CnsApplication, sealed: string): MailDraft {
  return {
    to: to(app),
    subject: `Codici PIN, PUK e di emergenza della nuova CNS (email cifrata) (${app.id})`,
    text: lines(
      greeting(app),
      '',
      'è avviata la produzione del dispositivo. Il messaggio qui sotto, cifrato con OpenPGP, contiene i codici PIN, PUK e di emergenza.',
      'Lo apra con la chiave allegata (chiave-privata.asc) e con la passphrase scelta alla registrazione. La lettura del file cifrato non è garantita da iPhone.',
      '',
      sealed,
    ),
    attachments: [
      { filename: 'codici-cns.asc', contentType: 'application/pgp-encrypted', content: sealed },
      {
        filename: 'chiave-privata.asc',
        contentType: 'application/pgp-keys',
        content: app.sealing.lockedPrivateKey,
      },
    ],
    // The sealed codes and the locked key are erased from the outbox once sent: a copy kept in
    // the application would only give an attacker something to guess passphrases against.
    sensitive: true,
  };
}

export function shippedMail(app: CnsApplication): MailDraft {
  return {
    to: to(app),
    subject: `CNS spedita (${app.id})`,
    text: lines(
      greeting(app),
      '',
      `la CNS è stata spedita a ${place(app.delivery.address)} con pacco assicurato con ricevuta di ritorno.`,
      app.trackingNumber && `Numero di spedizione: ${app.trackingNumber}.`,
      app.timeline?.deliveryTo && `Consegna prevista entro il ${romeDate(app.timeline.deliveryTo)}.`,
    ),
  };
}

export function deliveredMail(app: CnsApplication): MailDraft {
  return {
    to: to(app),
    subject: `CNS consegnata (${app.id})`,
    text: lines(
      greeting(app),
      '',
      'la CNS risulta consegnata. Per attivarla usi i codici ricevuti con l’email cifrata.',
    ),
  };
}

export function revokedMail(app: CnsApplication, replacementId: string): MailDraft {
  return {
    to: to(app),
    subject: `Revoca della CNS (${app.id})`,
    text: lines(
      greeting(app),
      '',
      'la CNS di questa richiesta è revocata.',
      `È stata aperta la nuova richiesta ${replacementId}: il rilascio va pagato nuovamente.`,
    ),
  };
}
