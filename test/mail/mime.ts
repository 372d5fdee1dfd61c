// Just enough MIME reading for the tests to see a message as its receiver would: headers (with
// RFC 2047 encoded words), multipart bodies, base64 and quoted-printable parts.

export interface MimePart {
  /** Lower-cased header name → unfolded, decoded value (the first occurrence). */
  headers: Map<string, string>;
  /** Decoded body as UTF-8 text with \n line ends (leaf parts only). */
  body: string;
  parts: MimePart[];
}

export function parseMime(raw: string): MimePart {
  const split = raw.search(/\r?\n\r?\n/);
  const head = split < 0 ? raw : raw.slice(0, split);
  const rest = split < 0 ? '' : raw.slice(split).replace(/^\r?\n\r?\n/, '');
  const headers = new Map<string, string>();
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    if (!headers.has(name)) headers.set(name, decodeWords(line.slice(colon + 1).trim()));
  }
  const boundary = param(headers.get('content-type') ?? '', 'boundary');
  if (boundary) {
    const sections = rest.split(`--${boundary}`).slice(1);
    const parts = sections
      .filter((s) => !s.startsWith('--'))
      .map((s) => parseMime(s.replace(/^\r?\n/, '').replace(/\r?\n$/, '')));
    return { headers, body: '', parts };
  }
  return { headers, body: decodeBody(rest, headers.get('content-transfer-encoding')), parts: [] };
}

/** Every leaf part, depth first. */
export function leaves(part: MimePart): MimePart[] {
  return part.parts.length === 0 ? [part] : part.parts.flatMap(leaves);
}

export function param(header: string, name: string): string | undefined {
  for (const m of header.matchAll(/;\s*([\w*-]+)=(?:"([^"]*)"|([^;\s]+))/g))
    if (m[1]?.toLowerCase() === name) return m[2] ?? m[3];
  return undefined;
}

function decodeBody(body: string, encoding = '7bit'): string {
  const e = encoding.toLowerCase();
  const text =
    e === 'base64'
      ? Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8')
      : e === 'quoted-printable'
        ? qpBytes(body.replace(/=\r?\n/g, '')).toString('utf8')
        : body;
  return text.replace(/\r\n/g, '\n');
}

const qpBytes = (text: string) =>
  Buffer.from(
    text.replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16))),
    'latin1',
  );

/** RFC 2047: adjacent encoded words are joined as bytes first (a character may be split across two). */
function decodeWords(value: string): string {
  const word = /=\?([^?]+)\?([BQbq])\?([^?]*)\?=/g;
  return value.replace(/(?:=\?[^?]+\?[BQbq]\?[^?]*\?=\s*)+/g, (run) => {
    const bytes = [...run.matchAll(word)].map(([, , kind, text = '']) =>
      kind?.toUpperCase() === 'B' ? Buffer.from(text, 'base64') : qpBytes(text.replace(/_/g, ' ')),
    );
    const trailing = /\s+$/.exec(run)?.[0] ?? '';
    return Buffer.concat(bytes).toString('utf8') + trailing;
  });
}
