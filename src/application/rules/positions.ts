// Where a JSON Pointer points in a rule file, as line and column (1-based), so a maintainer is sent
// to `file:line:column` instead of counting array indexes. JSON files are scanned once by a small
// reader that records each value's position (an object member: its key's); YAML suites use the
// positions the `yaml` parser keeps. A pointer that is not in the file (a missing required field)
// gets its nearest ancestor that is.
import { isMap, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';

export interface Position {
  line: number;
  column: number;
}

export function locatePointer(path: string, content: string, pointer: string): Position {
  const tokens = pointer === '' || pointer === '/' ? [] : pointer.slice(1).split('/').map(unescapeToken);
  try {
    return path.endsWith('.json') ? locateJson(content, tokens) : locateYaml(content, tokens);
  } catch {
    return { line: 1, column: 1 };
  }
}

/** Line and column of a character offset. */
export function positionAt(content: string, offset: number): Position {
  let line = 1;
  let start = 0;
  for (let i = 0; i < offset && i < content.length; i++)
    if (content.charCodeAt(i) === 10) {
      line++;
      start = i + 1;
    }
  return { line, column: offset - start + 1 };
}

const unescapeToken = (token: string) => token.replaceAll('~1', '/').replaceAll('~0', '~');

function locateYaml(content: string, tokens: string[]): Position {
  const lineCounter = new LineCounter();
  const doc = parseDocument(content, { lineCounter });
  let node: unknown = doc.contents;
  let offset = (doc.contents as { range?: [number] } | null)?.range?.[0] ?? 0;
  for (const token of tokens) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === token);
      if (!pair) break;
      offset = (pair.key as { range?: [number] }).range?.[0] ?? offset;
      node = pair.value;
    } else if (isSeq(node)) {
      const item = node.items[Number(token)] as { range?: [number] } | undefined;
      if (!item?.range) break;
      offset = item.range[0];
      node = item;
    } else break;
  }
  const { line, col } = lineCounter.linePos(offset);
  return { line, column: col };
}

/** Walks valid JSON (it was parsed already) down the pointer's tokens, skipping other values. */
function locateJson(text: string, tokens: string[]): Position {
  let i = 0;
  const ws = () => {
    while (i < text.length && ' \t\r\n'.includes(text[i] as string)) i++;
  };
  const readString = (): string => {
    const start = i;
    i++;
    while (text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    i++;
    return JSON.parse(text.slice(start, i)) as string;
  };
  const skipValue = (): void => {
    ws();
    const c = text[i];
    if (c === '"') readString();
    else if (c === '{' || c === '[') {
      const close = c === '{' ? '}' : ']';
      i++;
      ws();
      if (text[i] === close) {
        i++;
        return;
      }
      for (;;) {
        if (c === '{') {
          ws();
          readString();
          ws();
          i++; // the colon
        }
        skipValue();
        ws();
        if (text[i++] === close) return;
      }
    } else while (i < text.length && !',}] \t\r\n'.includes(text[i] as string)) i++;
  };

  ws();
  let found = i;
  for (const token of tokens) {
    ws();
    const c = text[i];
    if (c !== '{' && c !== '[') break;
    i++;
    let index = 0;
    let hit = false;
    for (;;) {
      ws();
      if (text[i] === '}' || text[i] === ']') break;
      if (c === '{') {
        const keyAt = i;
        const key = readString();
        ws();
        i++; // the colon
        if (key === token) {
          found = keyAt;
          ws();
          hit = true;
          break;
        }
      } else if (String(index) === token) {
        ws();
        found = i;
        hit = true;
        break;
      }
      skipValue();
      ws();
      if (text[i] === ',') i++;
      index++;
    }
    if (!hit) break;
  }
  return positionAt(text, found);
}
