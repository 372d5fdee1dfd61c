// 405 rather than 404 for a path the API serves with other methods [#20], with `Allow` listing
// them (RFC 9110 §15.5.6). Worked out from the app's own route table when no route matched, so it
// costs nothing on the routes that do.

const patterns = new Map<string, RegExp>();

/** A Hono route path (`/v1/policies/:id`, `/v1/*`) as a regular expression over request paths. */
function patternOf(path: string): RegExp {
  let pattern = patterns.get(path);
  if (!pattern) {
    const source = path
      .split('/')
      .map((part) => {
        if (part === '*') return '.*';
        if (part.startsWith(':')) return '[^/]+';
        return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      })
      .join('/');
    pattern = new RegExp(`^${source}/?$`);
    patterns.set(path, pattern);
  }
  return pattern;
}

/** The methods some route serves `path` with (middleware, registered for every method, aside). */
export function allowedMethods(app: { routes: { method: string; path: string }[] }, path: string): string[] {
  const methods = new Set<string>();
  for (const route of app.routes)
    if (route.method !== 'ALL' && patternOf(route.path).test(path)) methods.add(route.method);
  if (methods.has('GET')) methods.add('HEAD');
  return [...methods].sort();
}
