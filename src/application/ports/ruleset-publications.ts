/**
 * One publication of a rule set into the shared store [#19]: which files were put in force for
 * every instance that follows the store, by whom, when and why. The files themselves are in the
 * RulesetArchive under `hash`.
 */
export interface Publication {
  /** Content hash of every file published (policies, parameters, suites, schemas): the archive key. */
  hash: string;
  /** Hash of the policies and parameters alone: the `rulesetHash` decisions are logged with. */
  rulesetHash: string;
  by: string;
  /** ISO instant. */
  at: string;
  reason: string;
  /** 1, 2, 3… in the order recorded; the highest is the one in force. */
  sequence: number;
}

export type PublicationDraft = Omit<Publication, 'sequence'>;

/** The publication log: append-only, numbered by the store so that concurrent publishers never share a number. */
export interface RulesetPublications {
  /**
   * Records the draft as the next publication, unless the latest one already has its hash: then
   * nothing is recorded and the latest is returned (`recorded: false`). A hash published before
   * and since replaced is recorded again (that is how a set is rolled back).
   */
  record(draft: PublicationDraft): Promise<{ recorded: boolean; publication: Publication }>;
  /** The publication in force; null when nothing was ever published. */
  latest(): Promise<Publication | null>;
}
