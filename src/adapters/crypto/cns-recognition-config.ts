// Recognition by CNS [P-CERTIFICATE]: which CNS issuing CAs the card certificate must chain to, and
// whether a TLS-terminating reverse proxy forwards the verified client certificate. Unset, nothing
// is trusted and recognition by CNS is refused (CNS_RECOGNITION_NOT_CONFIGURED), never accepted.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { isIP } from 'node:net';
import { join } from 'node:path';
import { isIssuingCa, parseCertificate } from './x509-certificate-verifier.js';

export interface ForwardedCertificateConfig {
  /** CNS_CLIENT_CERT_HEADER: the header carrying the URL-encoded PEM ($ssl_client_escaped_cert). */
  header: string;
  /** CNS_TRUSTED_PROXIES: addresses (or CIDR subnets) the header is accepted from. */
  trustedProxies: string[];
}

export interface CnsRecognitionConfig {
  /** CNS_TRUST_ANCHORS: the PEM certificates read from the file or folder; empty when unset. */
  trustAnchors: string[];
  /** Where they were read from, for the banner; null when unset. */
  trustAnchorsPath: string | null;
  /** null: no proxy forwards client certificates; only the challenge-response path is open. */
  forwarded: ForwardedCertificateConfig | null;
}

export const NO_CNS_RECOGNITION: CnsRecognitionConfig = {
  trustAnchors: [],
  trustAnchorsPath: null,
  forwarded: null,
};

export const DEFAULT_CLIENT_CERT_HEADER = 'x-ssl-client-cert';
const PEM_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g;
const CERTIFICATE_FILE = /\.(pem|crt|cer)$/i;

/** Reads the variables; every problem goes to `errors`, naming the variable and what it expects. */
export function readCnsRecognitionConfig(
  env: Record<string, string | undefined>,
  errors: string[],
): CnsRecognitionConfig {
  const path = env.CNS_TRUST_ANCHORS?.trim() || null;
  const trustAnchors = path === null ? [] : readTrustAnchors(path, errors);

  const proxies = env.CNS_TRUSTED_PROXIES?.trim() || null;
  const header = (env.CNS_CLIENT_CERT_HEADER?.trim() || DEFAULT_CLIENT_CERT_HEADER).toLowerCase();
  if (!/^[a-z0-9!#$%&'*+.^_`|~-]+$/.test(header))
    errors.push(`CNS_CLIENT_CERT_HEADER must be an HTTP header name, got "${header}"`);
  if (env.CNS_CLIENT_CERT_HEADER?.trim() && proxies === null)
    errors.push('CNS_CLIENT_CERT_HEADER is set but CNS_TRUSTED_PROXIES is not: name the proxy addresses');
  let forwarded: ForwardedCertificateConfig | null = null;
  if (proxies !== null) {
    const trustedProxies = proxies.split(',').map((p) => p.trim());
    for (const p of trustedProxies)
      if (!isAddressOrSubnet(p))
        errors.push(`CNS_TRUSTED_PROXIES must list IP addresses or CIDR subnets (10.0.0.0/8), got "${p}"`);
    if (path === null)
      errors.push('CNS_TRUSTED_PROXIES needs CNS_TRUST_ANCHORS: forwarded certificates are verified too');
    forwarded = { header, trustedProxies };
  }
  return { trustAnchors, trustAnchorsPath: path, forwarded };
}

export function isAddressOrSubnet(text: string): boolean {
  const [address = '', prefix, ...rest] = text.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}

/** Every certificate of a PEM file, or of the .pem/.crt/.cer files of a folder; each must be a CA. */
function readTrustAnchors(path: string, errors: string[]): string[] {
  let files: string[];
  try {
    files = statSync(path).isDirectory()
      ? readdirSync(path)
          .filter((f) => CERTIFICATE_FILE.test(f))
          .sort()
          .map((f) => join(path, f))
      : [path];
  } catch {
    errors.push(`CNS_TRUST_ANCHORS must be a PEM file or a folder of them, got "${path}" (not found)`);
    return [];
  }
  const anchors: string[] = [];
  for (const file of files) {
    const blocks = readFileSync(file, 'utf8').match(PEM_BLOCK) ?? [];
    if (blocks.length === 0) errors.push(`CNS_TRUST_ANCHORS: ${file} holds no PEM certificate`);
    for (const [i, block] of blocks.entries()) {
      const parsed = parseCertificate(block, `${file} certificate ${i + 1}`);
      if (!parsed.ok) errors.push(`CNS_TRUST_ANCHORS: ${parsed.error.field} ${parsed.error.reason}`);
      else if (!isIssuingCa(parsed.value))
        errors.push(
          `CNS_TRUST_ANCHORS: ${file} certificate ${i + 1} is not a CA certificate (basicConstraints cA)`,
        );
      else anchors.push(block);
    }
  }
  if (files.length === 0) errors.push(`CNS_TRUST_ANCHORS: the folder ${path} has no .pem, .crt or .cer file`);
  return anchors;
}

/** One line for the start-up banner. */
export function describeCnsRecognition(config: CnsRecognitionConfig): string {
  if (config.trustAnchors.length === 0)
    return 'CNS recognition: off (set CNS_TRUST_ANCHORS to the CNS issuing CAs; see README, Security)';
  const proxy = config.forwarded
    ? `, client certificates in ${config.forwarded.header} from ${config.forwarded.trustedProxies.join(', ')}`
    : '';
  return `CNS recognition: ${config.trustAnchors.length} trust anchor(s) from ${config.trustAnchorsPath}, challenge-response${proxy}`;
}
