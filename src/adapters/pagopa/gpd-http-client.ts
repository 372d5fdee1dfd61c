// pagoPA GPD over HTTP (debt-position-services, PagoPA API Debt Position for Organizations): the
// paths, bodies and statuses of its published OpenAPI, authenticated by the APIM subscription key.
//   POST {base}/organizations/{org}/debtpositions?toPublish=true   201 | 409 duplicate iupd
//   GET  {base}/organizations/{org}/debtpositions/{iupd}           200 | 404
//   POST {base}/organizations/{org}/debtpositions/{iupd}/publish   200 | 409 not publishable
import type {
  GpdDebtPosition,
  GpdPositionRecord,
  GpdStatus,
  PaymentGateway,
} from '../../application/ports/payment-gateway.js';
import { organizationOf } from './memory-gpd-simulator.js';

export interface GpdHttpOptions {
  /** e.g. https://api.uat.platform.pagopa.it/gpd/debt-positions-service/v1 (no trailing slash needed). */
  baseUrl: string;
  subscriptionKey: string;
  /** Per request; GPD answering later is an error, never a hang. */
  timeoutMs?: number;
}

/** GPD answered with an unexpected status (or not at all: status 0). */
export class GpdHttpError extends Error {
  constructor(
    readonly status: number,
    readonly operation: string,
    detail: string,
  ) {
    super(`GPD ${operation}: ${status === 0 ? detail : `HTTP ${status} ${detail}`}`.trim());
    this.name = 'GpdHttpError';
  }
}

const GPD_STATUSES: readonly GpdStatus[] = [
  'DRAFT',
  'PUBLISHED',
  'VALID',
  'INVALID',
  'EXPIRED',
  'PARTIALLY_PAID',
  'PAID',
  'REPORTED',
];

export class GpdHttpClient implements PaymentGateway {
  private readonly base: string;
  private readonly timeoutMs: number;

  constructor(private readonly options: GpdHttpOptions) {
    this.base = options.baseUrl.replace(/\/+$/, '');
    this.timeoutMs = options.timeoutMs ?? 10_000;
  }

  /**
   * Creates and publishes in one call. A 409 means GPD already holds this iupd (a retry after a lost
   * answer): its status is read and, if a previous attempt left it in DRAFT, it is published.
   */
  async createPosition(position: GpdDebtPosition): Promise<{ iupd: string; status: GpdStatus }> {
    const { iupd } = position;
    const created = await this.call('create', 'POST', `${this.positions(iupd)}?toPublish=true`, position);
    if (created.status === 201) return { iupd, status: statusIn(await created.json(), 'create') };
    if (created.status !== 409) throw await failure('create', created);
    const status = await this.positionStatus(iupd);
    if (status === null) throw new GpdHttpError(409, 'create', `conflict, yet ${iupd} cannot be read`);
    if (status !== 'DRAFT') return { iupd, status };
    const published = await this.call('publish', 'POST', `${this.positionUrl(iupd)}/publish`);
    if (published.status === 200) return { iupd, status: statusIn(await published.json(), 'publish') };
    // Published meanwhile by a concurrent retry: read what it became.
    if (published.status === 409) return { iupd, status: (await this.positionStatus(iupd)) ?? 'DRAFT' };
    throw await failure('publish', published);
  }

  async positionStatus(iupd: string): Promise<GpdStatus | null> {
    return (await this.position(iupd))?.status ?? null;
  }

  /** GET the position (PaymentPositionModelBaseResponse): status, creditor and each option's state. */
  async position(iupd: string): Promise<GpdPositionRecord | null> {
    const response = await this.call('get', 'GET', this.positionUrl(iupd));
    if (response.status === 404) {
      await response.body?.cancel();
      return null;
    }
    if (response.status !== 200) throw await failure('get', response);
    return recordIn(await response.json());
  }

  private positions(iupd: string): string {
    return `${this.base}/organizations/${encodeURIComponent(organizationOf(iupd))}/debtpositions`;
  }

  private positionUrl(iupd: string): string {
    return `${this.positions(iupd)}/${encodeURIComponent(iupd)}`;
  }

  private async call(operation: string, method: string, url: string, body?: unknown): Promise<Response> {
    try {
      return await fetch(url, {
        method,
        headers: {
          'Ocp-Apim-Subscription-Key': this.options.subscriptionKey,
          accept: 'application/json',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      const timedOut = error instanceof DOMException && error.name === 'TimeoutError';
      throw new GpdHttpError(
        0,
        operation,
        timedOut ? `no answer within ${this.timeoutMs} ms` : `unreachable (${messageOf(error)})`,
      );
    }
  }
}

function statusIn(body: unknown, operation: string): GpdStatus {
  const status = (body as { status?: unknown } | null)?.status;
  if (typeof status === 'string' && (GPD_STATUSES as readonly string[]).includes(status))
    return status as GpdStatus;
  throw new GpdHttpError(200, operation, `answer without a known status (${JSON.stringify(status)})`);
}

const OPTION_STATUSES = ['PO_UNPAID', 'PO_PAID', 'PO_PARTIALLY_REPORTED', 'PO_REPORTED'] as const;

/** The parts of PaymentPositionModelBaseResponse a receipt is checked against; anything odd is an error. */
function recordIn(body: unknown): GpdPositionRecord {
  const status = statusIn(body, 'get');
  const { organizationFiscalCode, paymentOption } = (body ?? {}) as {
    organizationFiscalCode?: unknown;
    paymentOption?: unknown;
  };
  if (typeof organizationFiscalCode !== 'string' || !Array.isArray(paymentOption))
    throw new GpdHttpError(200, 'get', 'answer without organizationFiscalCode or paymentOption');
  return {
    status,
    organizationFiscalCode,
    paymentOption: paymentOption.map((raw: unknown) => {
      const o = (raw ?? {}) as { iuv?: unknown; amount?: unknown; status?: unknown; idReceipt?: unknown };
      const optionStatus = OPTION_STATUSES.find((s) => s === o.status);
      if (typeof o.iuv !== 'string' || typeof o.amount !== 'number' || !optionStatus)
        throw new GpdHttpError(200, 'get', 'a payment option without iuv, amount or a known status');
      return {
        iuv: o.iuv,
        amount: o.amount,
        status: optionStatus,
        ...(typeof o.idReceipt === 'string' ? { idReceipt: o.idReceipt } : {}),
      };
    }),
  };
}

/** GPD's errors are ProblemJson {title, status, detail}; the detail goes into the message. */
async function failure(operation: string, response: Response): Promise<GpdHttpError> {
  const text = await response.text().catch(() => '');
  let detail = text.slice(0, 200);
  try {
    const problem = JSON.parse(text) as { title?: unknown; detail?: unknown };
    detail = [problem.title, problem.detail].filter((p) => typeof p === 'string').join(': ') || detail;
  } catch {
    // Not JSON: the text as is.
  }
  return new GpdHttpError(response.status, operation, detail);
}

const messageOf = (error: unknown) =>
  error instanceof Error
    ? error.cause instanceof Error
      ? error.cause.message
      : error.message
    : String(error);
