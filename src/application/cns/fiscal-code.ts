// The codice fiscale of a natural person, checked for shape (birth date and place codes, omocodia
// letters) and for its 16th, check character (D.M. 23 dicembre 1976), with
// @marketto/codice-fiscale-utils (MIT). Place names are looked up elsewhere (birthplace-check.ts).
import { CheckDigitizer, Parser, VALIDATOR } from '@marketto/codice-fiscale-utils';

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

// The library's parser needs a Belfiore connector only for places; dates and sex are read from the
// code itself, so none is given.
const PARSER = new Parser(null as never);

/**
 * What the (valid) codice fiscale says of birth date and sex, compared with what the applicant
 * states: characters 7–11 encode the year's last two digits, the month letter and the day (plus 40
 * for a woman), omocodia letters undone first. The place (characters 12–15) is compared by
 * birthplace-check.ts, which needs the Belfiore register.
 */
export function fiscalCodeContradictions(
  fiscalCode: string,
  stated: { birthDate: string; sex?: 'M' | 'F' | undefined },
): Array<'birthDate' | 'sex'> {
  const code = PARSER.cfDeomocode(fiscalCode.trim().toUpperCase());
  const sex = PARSER.cfToGender(code);
  if (sex === null) return [];
  const found: Array<'birthDate' | 'sex'> = [];
  if (stated.sex !== undefined && stated.sex !== sex) found.push('sex');
  if (PARSER.dateGenderToCf(stated.birthDate, sex) !== code.slice(6, 11)) found.push('birthDate');
  return found;
}

/** The Belfiore code of the birthplace (characters 12–15, omocodia letters undone). */
export const birthplaceCodeOf = (fiscalCode: string): string =>
  PARSER.cfDeomocode(fiscalCode.trim().toUpperCase()).slice(11, 15);
