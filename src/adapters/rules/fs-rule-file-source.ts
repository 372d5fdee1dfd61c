// Rule files from a folder on disk, watched for changes so maintainers' edits take effect live.
import { type FSWatcher, watch } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import type { RuleFile, RuleFileSource } from '../../application/ports/rule-file-source.js';

const RULE_FILE = /\.(json|ya?ml)$/;

export class FsRuleFileSource implements RuleFileSource {
  constructor(
    readonly root: string,
    private readonly debounceMs = 150,
  ) {}

  async readAll(): Promise<RuleFile[]> {
    const entries = await readdir(this.root, { recursive: true, withFileTypes: true });
    const paths = entries
      .filter((e) => e.isFile() && RULE_FILE.test(e.name))
      .map((e) => relative(this.root, join(e.parentPath, e.name)).split(sep).join('/'))
      .sort();
    return Promise.all(
      paths.map(async (path) => ({ path, content: await readFile(join(this.root, path), 'utf8') })),
    );
  }

  /** Editors save in bursts (temp file, rename, chmod): one debounced call per burst. */
  watch(onChange: () => void): () => void {
    let timer: NodeJS.Timeout | undefined;
    const watcher: FSWatcher = watch(this.root, { recursive: true }, () => {
      clearTimeout(timer);
      timer = setTimeout(onChange, this.debounceMs);
    });
    return () => {
      clearTimeout(timer);
      watcher.close();
    };
  }
}
