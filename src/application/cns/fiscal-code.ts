// The codice fiscale of a natural person, checked for shape (birth date and place codes, omocodia
// letters) and for its 16th, check character (D.M. 23 dicembre 1976), with
// @marketto/codice-fiscale-utils (MIT). Belfiore place names are not looked up: no registry here.
import { CheckDigitizer, VALIDATOR } from '@marketto/codice-fiscale-utils';

const SHAPE = new RegExp(`^${VALIDATOR.CODICE_FISCALE}$`);

export type FiscalCodeCheck = { ok: true; value: string } | { ok: false; reason: string };

export function checkFiscalCode(input: string): FiscalCodeCheck {
  const code = input.trim().toUpperCase();
  if (!SHAPE.test(code))
    return { ok: false, reason: 'is not shaped like a codice fiscale of a natural person (16 characters)' };
  if (CheckDigitizer.checkDigit(code.slice(0, 15)) !== code[15])
    return { ok: false, reason: 'has a wrong check character (the 16th)' };
  return { ok: true, value: code };
}
