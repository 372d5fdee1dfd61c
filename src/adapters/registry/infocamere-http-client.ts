// The online PEC check over HTTP (REGISTRY_URL). InfoCamere's own interface is not public, so the
// service behind REGISTRY_URL (a gateway run by the chamber, or the tests' stub) answers this
// small JSON API:
//   GET {REGISTRY_URL}/imprese/{codiceFiscale}/pec
//     200 {"codiceFiscale": "07845120018", "denominazione": "…", "pec": "x@pec.it" | null,
//          "sede"?: {"comune": "Torino", "codiceIstat": "001272", "provincia": "TO"}}
//     404 the business register has no such company
//     anything else, or no answer in time: an error (the guard turns it into `unavailable`)
// The register's own roll is not an online query: it comes from `roll` (the embedded roll today).
// Always wrap this client in GuardedCompanyRegistry: it does not throttle, cache or break circuits.
import type {
  CompanyRegistry,
  CompanySeat,
  RegistryCompany,
  RegistryLookup,
} from '../../application/albo/ports/company-registry.js';

export interface InfoCamereHttpOptions {
  baseUrl: string;
  /** Per request; the guard has its own timeout too, this one frees the socket. */
  timeoutMs: number;
}

/** What the JSON API answers for a company. */
export interface InfoCamerePecAnswer {
  codiceFiscale: string;
  denominazione: string;
  pec: string | null;
  /** The registered seat (sede legale), when the gateway gives it. */
  sede?: { comune: string; codiceIstat: string; provincia: string };
}

export class InfoCamereHttpClient implements CompanyRegistry {
  private readonly base: string;

  constructor(
    private readonly options: InfoCamereHttpOptions,
    private readonly rollSource: Pick<CompanyRegistry, 'roll' | 'inRoll'>,
  ) {
    this.base = options.baseUrl.replace(/\/+$/, '');
  }

  async lookup(fiscalCode: string): Promise<RegistryLookup> {
    const key = fiscalCode.trim().toUpperCase();
    const response = await fetch(`${this.base}/imprese/${encodeURIComponent(key)}/pec`, {
      headers: { accept: 'application/json' },
      signal: AbortSignal.timeout(this.options.timeoutMs),
    });
    if (response.status === 404) {
      await response.body?.cancel();
      return { status: 'not-found' };
    }
    if (response.status !== 200) {
      await response.body?.cancel();
      throw new Error(`InfoCamere answered HTTP ${response.status}`);
    }
    const answer = (await response.json()) as Partial<InfoCamerePecAnswer>;
    if (typeof answer.denominazione !== 'string' || (answer.pec !== null && typeof answer.pec !== 'string'))
      throw new Error('InfoCamere answered without denominazione and pec');
    // The roll holds what InfoCamere does not (register number, telephone); the PEC is InfoCamere's,
    // and so is the seat when it gives one.
    const inRoll = await this.rollSource.inRoll(key);
    const seat = seatOf(answer.sede) ?? inRoll?.seat;
    const company: RegistryCompany = inRoll
      ? { ...inRoll, pec: answer.pec, ...(seat ? { seat } : {}) }
      : {
          fiscalCode: key,
          name: answer.denominazione,
          registerNumber: '',
          pec: answer.pec,
          phone: null,
          province: seat?.province ?? '',
          ...(seat ? { seat } : {}),
        };
    return { status: 'found', company };
  }

  roll(): Promise<RegistryCompany[]> {
    return this.rollSource.roll();
  }

  inRoll(fiscalCode: string): Promise<RegistryCompany | null> {
    return this.rollSource.inRoll(fiscalCode);
  }
}

/** The seat as the gateway gives it; an incomplete one is treated as unknown. */
function seatOf(sede: unknown): CompanySeat | undefined {
  if (typeof sede !== 'object' || sede === null) return undefined;
  const { comune, codiceIstat, provincia } = sede as Record<string, unknown>;
  if (typeof comune !== 'string' || typeof codiceIstat !== 'string' || typeof provincia !== 'string')
    return undefined;
  if (!/^\d{6}$/.test(codiceIstat) || !/^[A-Z]{2}$/.test(provincia)) return undefined;
  return { municipality: comune, istatCode: codiceIstat, province: provincia };
}
