/** A file under rules/, path relative to that folder with forward slashes. */
export interface RuleFile {
  path: string;
  content: string;
}

/** Where rule files come from (the rules/ folder on disk, or files given by a test). */
export interface RuleFileSource {
  /** Where the files are, for messages (the folder's path). */
  readonly location?: string;
  /** What the source is, in messages ("cannot read <what>"); absent: the rules folder. */
  readonly what?: string;
  readAll(): Promise<RuleFile[]>;
  /**
   * Calls back (debounced) when something under the folder may have changed, the folder itself
   * moving, vanishing or coming back included; returns a function that stops watching.
   */
  watch?(onChange: () => void): () => Promise<void>;
}
