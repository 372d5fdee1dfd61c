// The road-haulage register procedure as one bundle of use cases, built from its ports: what the
// composition root binds and the HTTP module calls.

import { err, ok } from '../../domain/types.js';
import { buildUseCases, type UseCasesOf } from '../use-case-bundle.js';
import { type AccountProfile, profileOf } from './account.js';
import { AssistanceDesk } from './assistance.js';
import { ChangePassword } from './change-password.js';
import { ComputeQuota } from './compute-quota.js';
import type { AlboResult } from './errors.js';
import { AlboFeePaidHandler } from './fee-paid-handler.js';
import { ListFeePayments } from './fee-payments.js';
import { GetFeeReceipt } from './get-fee-receipt.js';
import { LogIn } from './log-in.js';
import { ManageFleet } from './manage-fleet.js';
import { Outreach } from './outreach.js';
import { ApprovePasswordReset, ListResetRequests, RequestPasswordReset } from './password-reset.js';
import { PayFee } from './pay-fee.js';
import type { AlboPorts } from './ports/albo-ports.js';
import { RegisterCompany } from './register-company.js';
import { CompanySessions } from './sessions.js';

const CLASSES = {
  register: RegisterCompany,
  logIn: LogIn,
  sessions: CompanySessions,
  changePassword: ChangePassword,
  requestReset: RequestPasswordReset,
  approveReset: ApprovePasswordReset,
  listResets: ListResetRequests,
  fleet: ManageFleet,
  payments: ListFeePayments,
  receipt: GetFeeReceipt,
  feePaid: AlboFeePaidHandler,
  assistance: AssistanceDesk,
  outreach: Outreach,
};

export type AlboUseCases = UseCasesOf<typeof CLASSES> & {
  profile(matricola: string): Promise<AlboResult<AccountProfile>>;
  quota: ComputeQuota;
  payFee: PayFee;
};

export function createAlboUseCases(p: AlboPorts): AlboUseCases {
  const quota = new ComputeQuota(p);
  return {
    ...buildUseCases(p, CLASSES),
    profile: async (matricola) => {
      const account = await p.accounts.findByMatricola(matricola);
      return account ? ok(profileOf(account)) : err({ code: 'UNKNOWN_ACCOUNT', matricola });
    },
    quota,
    payFee: new PayFee({ ...p, quota }),
  };
}
