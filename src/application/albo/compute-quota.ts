// The annual fee of a company [P-QUOTA]: albo.quota on the fleet as recorded, with its components.

import { err, ok } from '../../domain/types.js';
import { checkPolicy } from '../decisions/check-policy.js';
import type { DecisionService } from '../decisions/decision-service.js';
import type { PaymentRepository } from '../payments/payment-repository.js';
import type { PaidFee } from './account.js';
import { companyAccount } from './company-account.js';
import type { AlboResult } from './errors.js';
import { feePositions } from './fee-positions.js';
import { cleanVehicle } from './manage-fleet.js';
import { accountContext, feePaymentOf } from './policy-context.js';
import { type QuotaComponent, quotaOutputs } from './policy-outputs.js';
import type { AlboAccountRepository } from './ports/account-repository.js';
import type { CompanyRegistry } from './ports/company-registry.js';
import type { FleetRepository } from './ports/fleet-repository.js';

export type { QuotaComponent };

export interface Quota {
  matricola: string;
  year: number;
  amountCents: number;
  fleetReferenceDate: string;
  vehiclesCounted: number;
  components: QuotaComponent[];
  decisionId: string;
  /** The fee of this year once paid. */
  paid: PaidFee | null;
  /** Paid through pagoPA for this year so far: the fee and any balance. */
  paidCents: number;
  /** Still to pay: all of it before the fee is paid, the difference after a fleet correction. */
  balanceDueCents: number;
}

export class ComputeQuota {
  constructor(
    private readonly deps: {
      accounts: AlboAccountRepository;
      fleets: FleetRepository;
      registry: CompanyRegistry;
      payments: PaymentRepository;
      decisions: DecisionService;
    },
  ) {}

  async execute(matricola: string, year: number): Promise<AlboResult<Quota>> {
    const found = await companyAccount(this.deps.accounts, matricola);
    if (!found.ok) return found;
    const account = found.value;
    const fleet = (await this.deps.fleets.get(account.id))?.vehicles ?? [];
    const decided = await checkPolicy(this.deps.decisions, 'albo.quota', {
      ...accountContext(this.deps, account),
      payment: feePaymentOf(this.deps.payments, account, year),
      year,
      fleet: fleet.map(cleanVehicle),
    });
    if (!decided.ok) return err(decided.error);
    const outputs = quotaOutputs(decided.value);
    const { paidCents } = await feePositions(this.deps.payments, account.id, year);
    return ok({
      matricola,
      year,
      ...outputs,
      decisionId: decided.value.decisionId,
      paid: account.fees[String(year)] ?? null,
      paidCents,
      balanceDueCents: Math.max(0, outputs.amountCents - paidCents),
    });
  }
}
