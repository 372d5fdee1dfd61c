// The business register as the portal sees it [§6 InfoCamere]: the companies inscribed in the
// road-haulage register, and the online PEC check, whose capacity per minute is limited and was
// exceeded in real use (seed 000), so an answer may be "unavailable".

/** Where the company has its registered seat (sede legale). */
export interface CompanySeat {
  /** Name of the municipality (comune). */
  municipality: string;
  /** ISTAT code of the municipality, six digits (Torino 001272). */
  istatCode: string;
  /** Province sigla (TO). */
  province: string;
}

export interface RegistryCompany {
  /** Partita IVA / codice fiscale. */
  fiscalCode: string;
  name: string;
  /** Number of the entry in the road-haulage register (numero di iscrizione all'Albo). */
  registerNumber: string;
  /** The PEC in the Chamber of Commerce certificate; null when none is on file. */
  pec: string | null;
  /** The telephone number on file, for the help desk's calls. */
  phone: string | null;
  province: string;
  /** The registered seat, where the registry has it. */
  seat?: CompanySeat;
}

export type RegistryLookup =
  | { status: 'found'; company: RegistryCompany }
  | { status: 'not-found' }
  | { status: 'unavailable'; reason: string };

export interface CompanyRegistry {
  /**
   * The online check (InfoCamere) of one company by fiscal code: throttled, cached and timed out by
   * the adapter, which answers `unavailable` rather than hang.
   */
  lookup(fiscalCode: string): Promise<RegistryLookup>;
  /**
   * The companies inscribed in the register (the register's own roll, not an online query): who
   * may register, and whom the help desk calls.
   */
  roll(): Promise<RegistryCompany[]>;
  /** One company of the roll by fiscal code; null when it is not inscribed. */
  inRoll(fiscalCode: string): Promise<RegistryCompany | null>;
}
