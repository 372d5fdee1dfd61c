// The printable receipt [P-RECEIPT-ALBO]: one self-contained HTML page (no scripts, no external
// resources) the company can print or save; every value is escaped.
import type { FeeReceipt } from '../../../application/albo/fee-receipt.js';
import { euro, romeDateTime } from '../../../application/text/citizen-format.js';
import { escapeHtml as esc } from '../../html.js';

export function receiptHtml(r: FeeReceipt): string {
  const row = (label: string, value: string | number) =>
    `<tr><th>${esc(label)}</th><td>${esc(value)}</td></tr>`;
  return `<!doctype html>
<html lang="it">
<head>
<meta charset="utf-8">
<title>Ricevuta quota associativa ${esc(r.year)} – ${esc(r.company.name)}</title>
<style>
  body { font-family: serif; max-width: 42rem; margin: 2rem auto; color: #000; }
  h1 { font-size: 1.3rem; } h2 { font-size: 1.05rem; margin-top: 1.5rem; }
  table { border-collapse: collapse; width: 100%; }
  th, td { text-align: left; padding: .25rem .5rem; border-bottom: 1px solid #ccc; vertical-align: top; }
  td.amount, th.amount { text-align: right; white-space: nowrap; }
  @media print { body { margin: 0; } }
</style>
</head>
<body>
<h1>Ricevuta di pagamento della quota associativa ${esc(r.year)}</h1>
<p>${esc(r.creditor.name)}<br>C.F. ${esc(r.creditor.fiscalCode)}</p>
<h2>Impresa</h2>
<table>
${row('Denominazione', r.company.name)}
${row('Codice fiscale / partita IVA', r.company.fiscalCode)}
${row("Numero di iscrizione all'Albo", r.company.registerNumber)}
${row('Matricola', r.company.matricola)}
</table>
<h2>Importo</h2>
<table>
${r.items.map((i) => `<tr><td>${esc(i.description)}</td><td class="amount">${esc(euro(i.amountCents))}</td></tr>`).join('\n')}
<tr><th>Totale pagato</th><th class="amount">${esc(euro(r.amountCents))}</th></tr>
</table>
<h2>Pagamento pagoPA</h2>
<table>
${row('Codice avviso', r.noticeNumber)}
${row('IUV', r.iuv)}
${row('Posizione debitoria (IUPD)', r.iupd)}
${row('Data e ora del pagamento', romeDateTime(r.receipt.paidAt))}
${row('Prestatore di servizi di pagamento', r.receipt.pspName)}
${row('Commissione del prestatore', euro(r.receipt.pspCommissionCents))}
${row('Identificativo ricevuta', r.receipt.receiptId)}
</table>
<p>Ricevuta ristampabile in qualsiasi momento dalla pagina dei pagamenti effettuati.</p>
</body>
</html>
`;
}
