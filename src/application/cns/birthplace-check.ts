// The birthplace an applicant states against the place their codice fiscale names (characters
// 12–15, a Belfiore code). Only a clear contradiction is refused: the stated name is a municipality,
// and not the one the code names (born in Milano, code of Torino). A name the register does not
// know as a municipality (a foreign city, a usual short form such as "Reggio Emilia", a misspelling)
// gives no verdict, so no citizen is turned away for how they write a place.
import type { FieldViolation } from './application-input.js';
import { birthplaceCodeOf, checkFiscalCode } from './fiscal-code.js';
import type { PlaceRegister } from './ports/place-register.js';

/** "Torino (TO)": the province in brackets is not part of the name. */
const withoutProvince = (name: string) => name.replace(/\s*\([A-Za-z]{2}\)\s*$/, '').trim();

export async function checkBirthplaceAgainstFiscalCode(
  places: PlaceRegister | undefined,
  applicant: { fiscalCode: string; birthPlace: string },
): Promise<FieldViolation[]> {
  if (!places || !checkFiscalCode(applicant.fiscalCode).ok) return [];
  const code = birthplaceCodeOf(applicant.fiscalCode);
  const stated = withoutProvince(applicant.birthPlace);
  const named = await places.municipalityNamed(stated);
  if (!named || named.code === code) return [];
  const coded = await places.byCode(code);
  // Two municipalities of one name in different periods: the code's own counts as a match.
  if (coded && coded.name.toLowerCase() === stated.toLowerCase()) return [];
  return [
    {
      field: '/applicant/birthPlace',
      reason: `contradicts the codice fiscale (its characters 12 to 15, ${code}, name ${coded?.name ?? 'another place'})`,
    },
  ];
}
