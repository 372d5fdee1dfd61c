// The help desk's call list for a fee year (seed 000, POTENZIAMENTO DEL SERVIZIO DI ASSISTENZA):
// companies of the register not yet registered to the portal, and those registered that have not
// paid the year, each with the telephone numbers to call. A year albo.quota has no schedule for is
// refused (NO_FEE_SCHEDULE): no fee is due then, so nobody is "not paid".
import { err, ok } from '../../domain/types.js';
import { checkPolicy } from '../decisions/check-policy.js';
import type { DecisionService } from '../decisions/decision-service.js';
import type { AlboResult } from './errors.js';
import type { AlboAccountRepository } from './ports/account-repository.js';
import type { CompanyRegistry } from './ports/company-registry.js';

export interface OutreachEntry {
  reason: 'not-registered' | 'not-paid';
  fiscalCode: string;
  registerNumber: string;
  name: string;
  province: string;
  /** The number given at registration first (the freshest), then the one on file, without repeats. */
  phones: string[];
  matricola: string | null;
}

export interface OutreachList {
  year: number;
  notRegistered: number;
  notPaid: number;
  companies: OutreachEntry[];
}

export class Outreach {
  constructor(
    private readonly deps: {
      accounts: AlboAccountRepository;
      registry: CompanyRegistry;
      decisions: DecisionService;
    },
  ) {}

  async execute(year: number): Promise<AlboResult<OutreachList>> {
    // albo.quota on an empty fleet: the fixed fee when the year has a schedule, its denial otherwise.
    const scheduled = await checkPolicy(this.deps.decisions, 'albo.quota', { year, fleet: [] });
    if (!scheduled.ok) return err(scheduled.error);
    const [roll, accounts] = await Promise.all([this.deps.registry.roll(), this.deps.accounts.list()]);
    const byFiscalCode = new Map(accounts.map((a) => [a.fiscalCode, a]));
    const companies: OutreachEntry[] = [];
    for (const company of roll) {
      const account = byFiscalCode.get(company.fiscalCode);
      if (account?.fees[String(year)]) continue;
      companies.push({
        reason: account ? 'not-paid' : 'not-registered',
        fiscalCode: company.fiscalCode,
        registerNumber: company.registerNumber,
        name: company.name,
        province: company.province,
        phones: [...new Set([account?.phone, company.phone].filter((p): p is string => !!p))],
        matricola: account?.matricola ?? null,
      });
    }
    return ok({
      year,
      notRegistered: companies.filter((c) => c.reason === 'not-registered').length,
      notPaid: companies.filter((c) => c.reason === 'not-paid').length,
      companies,
    });
  }
}
