// How a repository changes one stored aggregate: one single-document atomic write (an in-memory
// update, or MongoDB's locked and version-checked one). The aggregate's behaviour is the `change`,
// written once in src/application, so every adapter applies the same transitions.

/** `change` gets the stored state and returns the next one (null: leave it); null: no such aggregate. */
export type AtomicUpdate<T> = (
  id: string,
  change: (current: T) => T | null,
) => Promise<{ before: T; after: T | null } | null>;

/** A change that also answers the caller: the next state (null: leave it) and the answer. */
export interface Transition<T, R> {
  next: T | null;
  result: R;
}

/** Applies a transition in one atomic update; null when there is no such aggregate. */
export async function applyTransition<T, R>(
  update: AtomicUpdate<T>,
  id: string,
  transition: (current: T) => Transition<T, R>,
): Promise<R | null> {
  let result: R | null = null;
  const found = await update(id, (current) => {
    const t = transition(current);
    result = t.result;
    return t.next;
  });
  return found ? result : null;
}
