// Paying the annual fee [§4 Annual fee]: within the window of albo.payment-deadline for today, a
// pagoPA debt position (GPD) for the amount albo.quota gives, one per company and year; asking
// again returns the same notice. A payment-only account can do this (and nothing else).
import { romeDateOf } from '../../domain/dates.js';
import { err, ok } from '../../domain/types.js';
import { checkPolicy } from '../decisions/check-policy.js';
import type { DecisionService } from '../decisions/decision-service.js';
import type { OpenPayment } from '../payments/open-payment.js';
import type { CostItem, Payment } from '../payments/payment.js';
import type { PaymentRepository } from '../payments/payment-repository.js';
import type { Clock } from '../ports/clock.js';
import type { RulesetRegistry } from '../rules/ruleset-registry.js';
import { companyAccount } from './company-account.js';
import type { ComputeQuota, QuotaComponent } from './compute-quota.js';
import type { AlboResult } from './errors.js';
import { feePositions } from './fee-positions.js';
import { ALBO_CREDITOR, alboCreditor } from './parameters.js';
import { accountContext, feePaymentOf } from './policy-context.js';
import { paymentDeadlineOutputs } from './policy-outputs.js';
import type { AlboAccountRepository } from './ports/account-repository.js';
import type { CompanyRegistry } from './ports/company-registry.js';
import type { FleetRepository } from './ports/fleet-repository.js';

export interface FeePayment {
  paymentId: string;
  year: number;
  status: Payment['status'];
  amountCents: number;
  items: CostItem[];
  dueDate: string;
  noticeNumber: string;
  iuv: string;
  iupd: string;
  createdAt: string;
  paidAt: string | null;
  /** false when the payment of this year already existed. */
  created: boolean;
}

export class PayFee {
  constructor(
    private readonly deps: {
      accounts: AlboAccountRepository;
      payments: PaymentRepository;
      registry: CompanyRegistry;
      fleets: FleetRepository;
      quota: ComputeQuota;
      openPayment: OpenPayment;
      decisions: DecisionService;
      rules: RulesetRegistry;
      clock: Clock;
    },
  ) {}

  async execute(matricola: string, year: number): Promise<AlboResult<FeePayment>> {
    const found = await companyAccount(this.deps.accounts, matricola);
    if (!found.ok) return found;
    const account = found.value;
    const today = romeDateOf(this.deps.clock.now());
    const window = await checkPolicy(this.deps.decisions, 'albo.payment-deadline', {
      ...accountContext(this.deps, account),
      payment: feePaymentOf(this.deps.payments, account, year),
      year,
      paymentDate: today,
    });
    if (!window.ok) return err(window.error);

    const purpose = { kind: 'albo-fee', companyId: account.id, year } as const;
    const positions = await feePositions(this.deps.payments, account.id, year);
    const existing = positions.fee;
    // A payment whose GPD position is still pending goes through OpenPayment again, which creates
    // the position or refuses: its notice number is shown only once GPD knows it [#19].
    if (existing && !existing.pendingPosition && existing.status !== 'paid')
      return ok(feePayment(existing, year, false));
    // The fee is paid: the difference, if the fleet was corrected upwards since, is due [P-QUOTA].
    const open = positions.balances.find((p) => p.status !== 'paid');
    if (open && !open.pendingPosition) return ok(feePayment(open, year, false));

    const quota = await this.deps.quota.execute(matricola, year);
    if (!quota.ok) return quota;
    const due = quota.value.amountCents - positions.paidCents;
    if (existing && !existing.pendingPosition && !open && due <= 0)
      return ok(feePayment(existing, year, false));
    const creditor = alboCreditor(this.deps.rules, today);
    if (!creditor) return err({ code: 'PARAMETER_MISSING', name: ALBO_CREDITOR, at: today });
    const balance =
      existing?.status === 'paid'
        ? (open?.purpose ?? { ...purpose, balance: positions.balances.length + 1 })
        : null;
    const payment = await this.deps.openPayment.execute({
      purpose: balance ?? purpose,
      items: balance
        ? (open?.items ?? [
            { description: `Conguaglio quota ${year}: parco veicolare rettificato`, amountCents: due },
          ])
        : quota.value.components.map((c) => ({ description: describe(c, year), amountCents: c.amountCents })),
      dueDate: paymentDeadlineOutputs(window.value).deadline,
      description: `${balance ? 'Conguaglio quota' : 'Quota'} associativa ${year} Albo autotrasportatori - ${account.registerNumber}`,
      payer: { fiscalCode: account.fiscalCode, name: account.companyName, email: account.email, type: 'G' },
      creditor,
    });
    return ok(feePayment(payment, year, balance ? !open : existing === null));
  }
}

export function feePayment(payment: Payment, year: number, created: boolean): FeePayment {
  return {
    paymentId: payment.id,
    year,
    status: payment.status,
    amountCents: payment.amountCents,
    items: payment.items,
    dueDate: payment.dueDate,
    noticeNumber: payment.noticeNumber,
    iuv: payment.iuv,
    iupd: payment.iupd,
    createdAt: payment.createdAt,
    paidAt: payment.receipt?.paidAt ?? null,
    created,
  };
}

/** The receipt's line for each component of albo.quota. */
function describe(c: QuotaComponent, year: number): string {
  const vehicles =
    c.vehicles === undefined ? '' : `, ${c.vehicles} ${c.vehicles === 1 ? 'veicolo' : 'veicoli'}`;
  switch (c.code) {
    case 'FIXED':
      return `Quota fissa ${year}`;
    case 'FLEET_SIZE':
      return `Maggiorazione per numero di veicoli (fascia ${c.band}${vehicles})`;
    case 'MASS':
      return `Maggiorazione per massa (fascia ${c.band} kg${vehicles})`;
    default:
      return `${c.code}${c.band ? ` ${c.band}` : ''}`;
  }
}
