// What the register procedure knows when it asks a policy (README, "Procedures hand policies the
// context they have"): the company as the business register records it, the account, the fleet and
// the year's payment, besides the facts of the step under the names the policies read today. Each
// policy's facts schema picks what it reads; the views below carry no secret (no hash, PIN, token
// or mail body), and a value the procedure does not have is absent, never null.
import { type Lazy, lazy } from '../decisions/policy-context.js';
import { type Payment, purposeKeyOf } from '../payments/payment.js';
import type { PaymentRepository } from '../payments/payment-repository.js';
import type { AlboAccount } from './account.js';
import type { FleetVehicle } from './fleet.js';
import { cleanVehicle } from './manage-fleet.js';
import type { CompanyRegistry, RegistryCompany } from './ports/company-registry.js';
import type { FleetRepository } from './ports/fleet-repository.js';

export interface CompanyFacts {
  fiscalCode: string;
  name: string;
  registerNumber: string;
  pec?: string;
  phone?: string;
  province?: string;
  seat?: { municipality: string; istatCode: string; province: string };
}

export interface AccountFacts {
  matricola: string;
  fiscalCode: string;
  registerNumber: string;
  companyName: string;
  mode: AlboAccount['mode'];
  scope: AlboAccount['scope'];
  email: string;
  phone?: string;
  passwordChangeRequired: boolean;
  suspended: boolean;
  registeredAt: string;
  /** Fee years already paid. */
  paidYears: number[];
}

export interface PaymentFacts {
  status: Payment['status'];
  amountCents: number;
  dueDate: string;
  noticeNumber: string;
  createdAt: string;
  paidAt?: string;
}

/** The context members of an existing account; costly ones are read only for a policy that declares them. */
export interface AccountContext {
  account: AccountFacts;
  company: Lazy<CompanyFacts | undefined>;
  fleet: Lazy<FleetVehicle[]>;
}

export function companyFacts(company: RegistryCompany): CompanyFacts {
  return {
    fiscalCode: company.fiscalCode,
    name: company.name,
    registerNumber: company.registerNumber,
    ...(company.pec ? { pec: company.pec } : {}),
    ...(company.phone ? { phone: company.phone } : {}),
    ...(company.province ? { province: company.province } : {}),
    ...(company.seat ? { seat: { ...company.seat } } : {}),
  };
}

export function accountFacts(account: AlboAccount): AccountFacts {
  return {
    matricola: account.matricola,
    fiscalCode: account.fiscalCode,
    registerNumber: account.registerNumber,
    companyName: account.companyName,
    mode: account.mode,
    scope: account.scope,
    email: account.email,
    ...(account.phone ? { phone: account.phone } : {}),
    passwordChangeRequired: account.passwordChangeRequired,
    suspended: account.suspendedAt !== null,
    registeredAt: account.registeredAt,
    paidYears: Object.keys(account.fees)
      .map(Number)
      .sort((a, b) => a - b),
  };
}

export function paymentFacts(payment: Payment): PaymentFacts {
  return {
    status: payment.status,
    amountCents: payment.amountCents,
    dueDate: payment.dueDate,
    noticeNumber: payment.noticeNumber,
    createdAt: payment.createdAt,
    ...(payment.receipt ? { paidAt: payment.receipt.paidAt } : {}),
  };
}

export function accountContext(
  sources: { registry: CompanyRegistry; fleets: FleetRepository },
  account: AlboAccount,
): AccountContext {
  return {
    account: accountFacts(account),
    company: lazy(async () => {
      const company = await sources.registry.inRoll(account.fiscalCode);
      return company ? companyFacts(company) : undefined;
    }),
    fleet: lazy(async () => ((await sources.fleets.get(account.id))?.vehicles ?? []).map(cleanVehicle)),
  };
}

/** The fee payment of a year, when one was opened. */
export const feePaymentOf = (payments: PaymentRepository, account: AlboAccount, year: number) =>
  lazy(async () => {
    const payment = await payments.findByPurposeKey(
      purposeKeyOf({ kind: 'albo-fee', companyId: account.id, year }),
    );
    return payment ? paymentFacts(payment) : undefined;
  });
