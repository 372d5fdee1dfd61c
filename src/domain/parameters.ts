// Dated parameters [E-PARAMS]: the value in force on a date is the last history entry whose
// `from` is on or before it. Before the first entry a parameter is unset (null), never guessed.
import type { DatedValue, Parameter } from './types.js';

export function entryInForce<T>(history: readonly DatedValue<T>[], date: string): DatedValue<T> | null {
  let found: DatedValue<T> | null = null;
  for (const entry of history) {
    if (entry.from <= date) found = entry;
    else break;
  }
  return found;
}

export function valueInForce<T>(parameter: Parameter<T>, date: string): T | null {
  return entryInForce(parameter.history, date)?.value ?? null;
}
