// The Belfiore register from ANPR's archive of municipalities and countries (CC BY 4.0), as
// bundled by @marketto/belfiore-connector-embedded: no network, updated with the package.
import { belfioreConnector } from '@marketto/belfiore-connector-embedded';
import type { BelfiorePlace, PlaceRegister } from '../../application/cns/ports/place-register.js';

const placeOf = (found: { belfioreCode: string; name: string } | null): BelfiorePlace | null =>
  found ? { code: found.belfioreCode, name: found.name } : null;

export const anprPlaceRegister: PlaceRegister = {
  byCode: async (code) => placeOf(await belfioreConnector.findByCode(code)),
  municipalityNamed: async (name) => placeOf((await belfioreConnector.cities?.findByName(name)) ?? null),
};
