// The account a company token speaks for. The token's own flags may be older than a reset: the
// stored account is what counts.

import { err, ok } from '../../domain/types.js';
import type { AlboAccount } from './account.js';
import type { AlboResult } from './errors.js';
import type { AlboAccountRepository } from './ports/account-repository.js';

export async function companyAccount(
  accounts: AlboAccountRepository,
  matricola: string,
): Promise<AlboResult<AlboAccount>> {
  const account = await accounts.findByMatricola(matricola);
  if (!account) return err({ code: 'UNKNOWN_ACCOUNT', matricola });
  if (account.passwordChangeRequired) return err({ code: 'PASSWORD_CHANGE_REQUIRED' });
  return ok(account);
}
