// Companies of the embedded registry fixture: fictitious, realistic road-haulage companies (partite
// IVA with valid check digits, register numbers as PP/NNNNNNN/L), with the cases the seed met: a
// company with no PEC on file, a PEC in mixed case, a company with no telephone on file. Seats are
// real municipalities with their ISTAT codes; one company's seat is not on file. The records are data,
// in fixture-companies.json; their shape is checked when the file is read.
import { readFileSync } from 'node:fs';
import { Type } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import type { RegistryCompany } from '../../application/albo/ports/company-registry.js';

const Province = Type.String({ pattern: '^[A-Z]{2}$' });
const FixtureCompany = Type.Object(
  {
    fiscalCode: Type.String({ pattern: '^[0-9]{11}$' }),
    name: Type.String({ minLength: 1 }),
    registerNumber: Type.String({ pattern: '^[A-Z]{2}/[0-9]{7}/[A-Z]$' }),
    pec: Type.Union([Type.String(), Type.Null()]),
    phone: Type.Union([Type.String(), Type.Null()]),
    province: Province,
    seat: Type.Optional(
      Type.Object(
        {
          municipality: Type.String(),
          istatCode: Type.String({ pattern: '^[0-9]{6}$' }),
          province: Province,
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
const FixtureCompanies = Type.Array(FixtureCompany);

function load(file: URL): RegistryCompany[] {
  const records: unknown = JSON.parse(readFileSync(file, 'utf8'));
  if (!Value.Check(FixtureCompanies, records)) {
    const first = Value.Errors(FixtureCompanies, records).First();
    throw new Error(`${file.pathname}${first?.path ?? ''}: ${first?.message ?? 'not a list of companies'}`);
  }
  return records; // the schema's type is checked against RegistryCompany here
}

export const FIXTURE_COMPANIES: readonly RegistryCompany[] = load(
  new URL('./fixture-companies.json', import.meta.url),
);
