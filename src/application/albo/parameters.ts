// Values the procedure needs from rules/ that are not a decision (history depth, the creditor's
// pagoPA data), read from the ruleset in force for a date, so maintainers change them there.
import { valueInForce } from '../../domain/parameters.js';
import type { CreditorConfig } from '../payments/open-payment.js';
import type { RulesetRegistry } from '../rules/ruleset-registry.js';

export function parameterInForce(registry: RulesetRegistry, name: string, date: string): unknown {
  const parameter = registry.current().ruleset.parameters.get(name);
  return parameter ? valueInForce(parameter, date) : null;
}

export const HISTORY_DEPTH = 'account.password.historyDepth';
export const ALBO_CREDITOR = 'albo.payment.creditor';

/** The register's committee as pagoPA creditor, with the name printed on receipts. */
export interface AlboCreditor extends CreditorConfig {
  name: string;
}

export function historyDepth(registry: RulesetRegistry, date: string): number | null {
  const value = parameterInForce(registry, HISTORY_DEPTH, date);
  return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : null;
}

export function alboCreditor(registry: RulesetRegistry, date: string): AlboCreditor | null {
  const value = parameterInForce(registry, ALBO_CREDITOR, date);
  if (value === null || typeof value !== 'object') return null;
  const c = value as Record<string, unknown>;
  const fields = ['name', 'organizationFiscalCode', 'iban', 'segregationCode', 'category'] as const;
  if (!fields.every((f) => typeof c[f] === 'string')) return null;
  return {
    name: c.name as string,
    organizationFiscalCode: c.organizationFiscalCode as string,
    iban: c.iban as string,
    segregationCode: c.segregationCode as string,
    category: c.category as string,
  };
}
