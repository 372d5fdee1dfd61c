// Reads a request body as text. Served by @hono/node-server, the body is read straight from Node's
// IncomingMessage (node-server hands it to the app as `env.incoming`): building the Web Request and
// its body stream only to read them once costs more than the decision itself. Anywhere else
// (`app.request()` in tests, another runtime), or once something has started reading the body, the
// body is read through `c.req.text()`.
import { IncomingMessage } from 'node:http';
import type { Context } from 'hono';
import { problem, problemResponse } from './problem.js';

/** The largest request body the API reads. */
export const MAX_BODY_BYTES = 1024 * 1024;

export const payloadTooLarge = (): Response =>
  problemResponse(problem('PAYLOAD_TOO_LARGE', `The body must be at most ${MAX_BODY_BYTES} bytes.`));

/** The body as text (UTF-8, a leading BOM dropped, as `Request.text()`), or null past `maxBytes`. */
export function requestText(c: Context, maxBytes = MAX_BODY_BYTES): Promise<string | null> {
  const incoming = (c.env as { incoming?: unknown } | undefined)?.incoming;
  // A body that has ended already (an empty chunked one, read to its end while the body limit looked
  // at the stream) emits no more events: waiting for them would hang the request.
  if (!(incoming instanceof IncomingMessage) || incoming.readableDidRead || incoming.readableEnded)
    return c.req.text();
  return new Promise((resolve, reject) => {
    (incoming as Reading)[READING] = { chunks: [], size: 0, maxBytes, resolve, reject };
    incoming.on('data', onData);
    incoming.on('end', onEnd);
    incoming.on('error', onError);
    incoming.on('close', onClose);
  });
}

// The listeners are module functions that find their read through `this` (the emitter), rather
// than closures made per request.
const READING = Symbol('reading the body');

interface Read {
  chunks: Buffer[];
  size: number;
  maxBytes: number;
  resolve(text: string | null): void;
  reject(error: Error): void;
}

type Reading = IncomingMessage & { [READING]?: Read };

function finish(incoming: Reading): Read {
  const read = incoming[READING] as Read;
  incoming[READING] = undefined;
  incoming.off('data', onData);
  incoming.off('end', onEnd);
  incoming.off('error', onError);
  incoming.off('close', onClose);
  return read;
}

function onData(this: Reading, chunk: Buffer): void {
  const read = this[READING] as Read;
  read.size += chunk.length;
  if (read.size <= read.maxBytes) read.chunks.push(chunk);
  else {
    // Stop reading: node-server drains (or closes) what is left once the response is sent.
    finish(this);
    this.pause();
    read.resolve(null);
  }
}

function onEnd(this: Reading): void {
  const { chunks, size, resolve } = finish(this);
  const text = (chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, size)).toString('utf8');
  resolve(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
}

function onError(this: Reading, error: Error): void {
  finish(this).reject(error);
}

function onClose(this: Reading): void {
  finish(this).reject(new Error('The client closed the connection before the request body ended.'));
}
