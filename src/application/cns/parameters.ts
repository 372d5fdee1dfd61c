// Dated parameters the CNS procedure reads directly (no policy decides them): the cost items of
// the fee and the creditor's pagoPA data [E-PARAMS], in rules/cns/fees.parameters.json and
// rules/cns/creditor.parameters.json. Their shape is checked here, since a maintainer edits them.
import { valueInForce } from '../../domain/parameters.js';
import { err, ok } from '../../domain/types.js';
import type { CreditorConfig } from '../payments/open-payment.js';
import type { RulesetRegistry } from '../rules/ruleset-registry.js';
import type { DeliveryMode } from './application.js';
import type { CnsError, Result } from './errors.js';

export interface FeeItem {
  code: string;
  description: string;
  amountCents: number;
  /** Only for these delivery modes (absent: always). */
  deliveryModes?: DeliveryMode[];
}

export interface Creditor extends CreditorConfig {
  name: string;
}

export const FEE_ITEMS = 'cns.fees.items';
export const PAYMENT_DUE_DAYS = 'cns.fees.paymentDueDays';
export const CREDITOR = 'cns.creditor';

type Check<T> = (value: unknown) => value is T;

function read<T>(registry: RulesetRegistry, name: string, at: string, check: Check<T>): Result<T, CnsError> {
  const parameter = registry.current().ruleset.parameters.get(name);
  const value = parameter ? valueInForce(parameter, at) : null;
  if (value === null)
    return err({ code: 'PARAMETER_UNAVAILABLE', parameter: name, at, reason: 'no value in force' });
  if (!check(value))
    return err({
      code: 'PARAMETER_UNAVAILABLE',
      parameter: name,
      at,
      reason: 'the value has the wrong shape',
    });
  return ok(value);
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const isCents = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 0;

const isFeeItem = (v: unknown): v is FeeItem =>
  isRecord(v) &&
  typeof v.code === 'string' &&
  typeof v.description === 'string' &&
  isCents(v.amountCents) &&
  (v.deliveryModes === undefined ||
    (Array.isArray(v.deliveryModes) && v.deliveryModes.every((m) => m === 'shipping' || m === 'counter')));

const isFeeItems = (v: unknown): v is FeeItem[] => Array.isArray(v) && v.length > 0 && v.every(isFeeItem);
const isDays = (v: unknown): v is number => Number.isInteger(v) && (v as number) > 0;
const isCreditor = (v: unknown): v is Creditor =>
  isRecord(v) &&
  ['name', 'organizationFiscalCode', 'iban', 'segregationCode', 'category'].every(
    (k) => typeof v[k] === 'string',
  ) &&
  /^\d{2}$/.test(v.segregationCode as string);

/** The cost items that apply to this delivery mode, and how many days the notice stays payable. */
export function feesInForce(
  registry: RulesetRegistry,
  at: string,
  mode: DeliveryMode,
): Result<{ items: FeeItem[]; dueDays: number }, CnsError> {
  const items = read(registry, FEE_ITEMS, at, isFeeItems);
  if (!items.ok) return items;
  const dueDays = read(registry, PAYMENT_DUE_DAYS, at, isDays);
  if (!dueDays.ok) return dueDays;
  const applying = items.value.filter((i) => !i.deliveryModes || i.deliveryModes.includes(mode));
  return ok({ items: applying, dueDays: dueDays.value });
}

export function creditorInForce(registry: RulesetRegistry, at: string): Result<Creditor, CnsError> {
  return read(registry, CREDITOR, at, isCreditor);
}
