// The e-mails of the register procedure, in Italian as the portal sends them.
import type { FeeReceipt } from './fee-receipt.js';
import { receiptText } from './fee-receipt.js';

export function credentialsMail(to: string, c: { matricola: string; pin: string; password: string }) {
  return {
    to,
    subject: "Credenziali di accesso al Portale dell'Albo degli autotrasportatori",
    sensitive: true,
    text: [
      "La registrazione dell'impresa al Portale dell'Albo è avvenuta con successo.",
      '',
      `Numero di matricola: ${c.matricola}`,
      `PIN: ${c.pin}`,
      `Password temporanea: ${c.password}`,
      '',
      'Al primo accesso è obbligatorio cambiare la password.',
    ].join('\n'),
  };
}

export function resetMail(to: string, c: { matricola: string; password: string }) {
  return {
    to,
    subject: "RESET PASSWORD – Portale dell'Albo degli autotrasportatori",
    sensitive: true,
    text: [
      `La password dell'utente ${c.matricola} è stata reimpostata dall'Amministratore di Sistema.`,
      '',
      `Nuova password temporanea: ${c.password}`,
      '',
      'Al primo accesso è obbligatorio cambiarla.',
    ].join('\n'),
  };
}

export function receiptMail(to: string, receipt: FeeReceipt) {
  return {
    to,
    subject: `Ricevuta di pagamento quota associativa ${receipt.year} – Albo degli autotrasportatori`,
    text: receiptText(receipt),
  };
}
