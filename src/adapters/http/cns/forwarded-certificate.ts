// [P-CERTIFICATE] The TLS client certificate of recognition by CNS, when a reverse proxy terminates
// TLS and has verified it: the proxy forwards it URL-encoded in a header (nginx:
// `$ssl_client_escaped_cert`). The header is believed only from the configured proxy addresses,
// read from the TCP connection itself, never from a header a client could write (X-Forwarded-For).
import { BlockList, isIPv4 } from 'node:net';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import type { ForwardedCertificateConfig } from '../../crypto/cns-recognition-config.js';
import { type Problem, problem } from '../problem.js';
import { requestHeader } from '../request-header.js';

export type ForwardedCertificate = { ok: true; certificate: string } | { ok: false; problem: Problem };

const CHALLENGE_HINT =
  'or answer a challenge (POST …/recognition/challenge) with the certificate and a signature';

function trustedList(proxies: readonly string[]): BlockList {
  const list = new BlockList();
  for (const p of proxies) {
    const [address = '', prefix] = p.split('/');
    const family = isIPv4(address) ? 'ipv4' : 'ipv6';
    if (prefix === undefined) list.addAddress(address, family);
    else list.addSubnet(address, Number(prefix), family);
  }
  return list;
}

/** The peer's address; undefined when the app is not served by @hono/node-server (tests' app.request). */
function peerAddress(c: Context): string | undefined {
  try {
    const address = getConnInfo(c).remote.address;
    // A dual-stack socket shows IPv4 peers as IPv4-mapped IPv6 addresses.
    return address?.startsWith('::ffff:') && isIPv4(address.slice(7)) ? address.slice(7) : address;
  } catch {
    return undefined;
  }
}

function isTrusted(list: BlockList, address: string | undefined): boolean {
  if (!address) return false;
  return list.check(address, isIPv4(address) ? 'ipv4' : 'ipv6');
}

/** nginx escapes the PEM (newlines included); some proxies send it with spaces for newlines. */
function pemOf(header: string): string | null {
  let text: string;
  try {
    text = decodeURIComponent(header).trim();
  } catch {
    return null;
  }
  const pem = /^-----BEGIN CERTIFICATE-----(.+)-----END CERTIFICATE-----$/s.exec(text);
  if (!pem) return text;
  const body = (pem[1] ?? '').replace(/\s+/g, '');
  return `-----BEGIN CERTIFICATE-----\n${body.replace(/(.{64})/g, '$1\n').trimEnd()}\n-----END CERTIFICATE-----\n`;
}

export function forwardedCertificateReader(
  config: ForwardedCertificateConfig | null,
): (c: Context) => ForwardedCertificate {
  if (!config)
    return () => ({
      ok: false,
      problem: problem(
        'CLIENT_CERTIFICATE_MISSING',
        `No proxy forwards TLS client certificates to this service (CNS_TRUSTED_PROXIES is unset): ${CHALLENGE_HINT}.`,
        { violations: [{ field: '/certificate', reason: 'is required' }] },
      ),
    });
  const trusted = trustedList(config.trustedProxies);
  return (c) => {
    const header = requestHeader(c, config.header);
    const peer = peerAddress(c);
    if (!isTrusted(trusted, peer)) {
      if (header !== undefined)
        return {
          ok: false,
          problem: problem(
            'UNTRUSTED_PROXY',
            `The ${config.header} header came from ${peer ?? 'an unknown address'}, which is not in CNS_TRUSTED_PROXIES: it is ignored.`,
            {
              violations: [
                { field: `header:${config.header}`, reason: 'is accepted only from a trusted proxy' },
              ],
            },
          ),
        };
      return {
        ok: false,
        problem: problem(
          'CLIENT_CERTIFICATE_MISSING',
          `This request did not come through the TLS proxy that checks client certificates: ${CHALLENGE_HINT}.`,
          { violations: [{ field: '/certificate', reason: 'is required' }] },
        ),
      };
    }
    if (header) {
      const certificate = pemOf(header);
      if (certificate !== null) return { ok: true, certificate };
      const reason = 'is not a URL-encoded certificate';
      return {
        ok: false,
        problem: problem('INVALID_CERTIFICATE', `header:${config.header} ${reason}.`, {
          violations: [{ field: `header:${config.header}`, reason }],
        }),
      };
    }
    return {
      ok: false,
      problem: problem(
        'CLIENT_CERTIFICATE_MISSING',
        `The proxy forwarded no client certificate in ${config.header}: choose the CNS authentication certificate when the browser asks, ${CHALLENGE_HINT}.`,
        { violations: [{ field: `header:${config.header}`, reason: 'is required' }] },
      ),
    };
  };
}
