// The register of Italian municipalities and foreign countries by Belfiore code (ANPR), which the
// codice fiscale's characters 12–15 name.
export interface BelfiorePlace {
  code: string;
  name: string;
}

export interface PlaceRegister {
  /** The municipality or country a Belfiore code names, or null when it names none. */
  byCode(code: string): Promise<BelfiorePlace | null>;
  /** A municipality (present or past) by its exact name in any case, or null when none has it. */
  municipalityNamed(name: string): Promise<BelfiorePlace | null>;
}
