// The one HTML escaper of the service (printable receipts, mail HTML, the console page): the five
// characters that can end a text or an attribute value.
const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export const escapeHtml = (value: string | number): string =>
  String(value).replace(/[&<>"']/g, (ch) => ESCAPES[ch] ?? ch);
