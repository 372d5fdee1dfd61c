// [#20] The stated birthplace against the codice fiscale's characters 12–15: refused only when the
// stated name is a municipality other than the one the code names.
import { describe, expect, it } from 'vitest';
import { anprPlaceRegister } from '../../src/adapters/cns/anpr-place-register.js';
import { checkBirthplaceAgainstFiscalCode } from '../../src/application/cns/birthplace-check.js';
import type { PlaceRegister } from '../../src/application/cns/ports/place-register.js';

const TORINO_BORN = 'RSSMRA80A01L219M';
const check = (
  birthPlace: string,
  places: PlaceRegister | undefined = anprPlaceRegister,
  fiscalCode = TORINO_BORN,
) => checkBirthplaceAgainstFiscalCode(places, { fiscalCode, birthPlace });

describe('the birthplace against the codice fiscale (ANPR register)', () => {
  it('accepts the municipality the code names, in any case and with its province', async () => {
    for (const name of ['Torino', 'TORINO', 'torino', 'Torino (TO)']) expect(await check(name)).toEqual([]);
  });

  it('refuses another municipality, naming the one the code names', async () => {
    expect(await check('Milano')).toEqual([
      { field: '/applicant/birthPlace', reason: expect.stringContaining('L219, name Torino') },
    ]);
  });

  it('gives no verdict on names that are no municipality, nor without a register or a valid code', async () => {
    expect(await check('New York')).toEqual([]);
    expect(await check('Torino, Italia')).toEqual([]);
    expect(
      await checkBirthplaceAgainstFiscalCode(undefined, { fiscalCode: TORINO_BORN, birthPlace: 'Milano' }),
    ).toEqual([]);
    expect(await check('Milano', anprPlaceRegister, 'RSSMRA80A01L219X')).toEqual([]);
  });

  it('takes the code’s own municipality when two of one name exist in different periods', async () => {
    const twoOfOneName: PlaceRegister = {
      byCode: async (code) => (code === 'L219' ? { code, name: 'Torino' } : null),
      municipalityNamed: async () => ({ code: 'X999', name: 'Torino' }),
    };
    expect(await check('Torino', twoOfOneName)).toEqual([]);
  });
});
