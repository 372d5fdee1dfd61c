// The HTML variant of an Italian plain-text message: the same words, escaped, with blank lines as
// paragraphs and single line breaks kept, so mail clients that prefer HTML show the text as written.
import { escapeHtml } from '../html.js';

export function plainTextToHtml(text: string): string {
  const paragraphs = text
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n+/)
    .map((p) => p.replace(/^\n+|\n+$/g, ''))
    .filter((p) => p.trim() !== '')
    .map((p) => `<p>${p.split('\n').map(escapeHtml).join('<br>\n')}</p>`);
  return [
    '<!DOCTYPE html>',
    '<html lang="it"><head><meta charset="utf-8"></head>',
    `<body>\n${paragraphs.join('\n')}\n</body></html>`,
  ].join('\n');
}
