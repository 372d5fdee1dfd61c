// A request header as Hono's `c.req.header(name)` gives it, read from Node's IncomingMessage when
// @hono/node-server serves the app (it hands it over as `env.incoming`). `c.req.header` makes
// node-server build a Web `Headers` of every header on first use, about as costly as the decision
// itself; the middleware and the decision route only need two or three. Anywhere else
// (`app.request()` in tests, another runtime) it is `c.req.header` itself.
import { IncomingMessage } from 'node:http';
import type { Context } from 'hono';

/** The header's values joined by ", " as `Headers.get` joins them, or undefined; `name` in lower case. */
export function requestHeader(c: Context, name: string): string | undefined {
  const incoming = (c.env as { incoming?: unknown } | undefined)?.incoming;
  if (!(incoming instanceof IncomingMessage)) return c.req.header(name);
  const raw = incoming.rawHeaders;
  let value: string | undefined;
  for (let i = 0; i < raw.length; i += 2) {
    const key = raw[i] as string;
    if (key.length !== name.length || key.toLowerCase() !== name) continue;
    // Node's parser has already dropped the whitespace around the value, as Headers would.
    const v = raw[i + 1] as string;
    value = value === undefined ? v : `${value}, ${v}`;
  }
  return value;
}
