/** A file under rules/, path relative to that folder with forward slashes. */
export interface RuleFile {
  path: string;
  content: string;
}

/** Where rule files come from (the rules/ folder on disk, or files given by a test). */
export interface RuleFileSource {
  readAll(): Promise<RuleFile[]>;
  /** Calls back (debounced) when a file changes; returns a function that stops watching. */
  watch?(onChange: () => void): () => void;
}
