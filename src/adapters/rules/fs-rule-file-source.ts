// Rule files from a folder on disk, watched for changes so maintainers' edits take effect live.
// The watcher is chokidar on the folder's PARENT, filtered to the folder: Node's recursive fs.watch
// on Linux follows inodes, so it went deaf after a save by rename (sed -i, most editors) and when
// the folder was moved or replaced (deploy by copy, git checkout, rsync --delete). Watching the
// parent sees the folder leave and come back. The registry's periodic content check backs it up.
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { watch } from 'chokidar';
import type { RuleFile, RuleFileSource } from '../../application/ports/rule-file-source.js';

const RULE_FILE = /\.(json|ya?ml)$/;

export class FsRuleFileSource implements RuleFileSource {
  readonly root: string;

  constructor(
    root: string,
    private readonly debounceMs = 100,
  ) {
    this.root = resolve(root);
  }

  get location(): string {
    return this.root;
  }

  async readAll(): Promise<RuleFile[]> {
    const entries = await readdir(this.root, { recursive: true, withFileTypes: true });
    const paths = entries
      .filter((e) => e.isFile() && RULE_FILE.test(e.name))
      .map((e) => relative(this.root, join(e.parentPath, e.name)).split(sep).join('/'))
      .filter((path) => !path.split('/').some((part) => part.startsWith('.')))
      .sort();
    return Promise.all(
      paths.map(async (path) => ({ path, content: await readFile(join(this.root, path), 'utf8') })),
    );
  }

  /** Editors save in bursts (temp file, rename, chmod): one debounced call per burst. */
  watch(onChange: () => void): () => Promise<void> {
    const parent = dirname(this.root);
    const inside = `${this.root}${sep}`;
    let timer: NodeJS.Timeout | undefined;
    const changed = () => {
      clearTimeout(timer);
      timer = setTimeout(onChange, this.debounceMs);
    };
    const watcher = watch(parent, {
      ignoreInitial: true,
      // Only the parent itself, the folder and what is under it; the rest of the parent is not read.
      ignored: (path: string) => !(path === parent || path === this.root || path.startsWith(inside)),
    });
    watcher.on('all', changed);
    // Anything saved while the first scan ran is looked at once the watcher is ready.
    watcher.on('ready', changed);
    // A watch error (a folder vanishing mid-scan) is no reason to stop: the content check follows.
    watcher.on('error', changed);
    return async () => {
      clearTimeout(timer);
      await watcher.close();
    };
  }
}
