// What every procedure's bundle of use cases is built from: classes that each take the procedure's
// ports. A bundle names each class once; its type is read off the classes.

/** Use-case classes by the name the HTTP module calls them, each built from the ports `P`. */
export type UseCaseClasses<P> = Record<string, new (ports: P) => unknown>;

/** The bundle that `classes` build: an instance of each class, under its name. */
export type UseCasesOf<C> = { [K in keyof C]: C[K] extends new (...args: never[]) => infer U ? U : never };

export function buildUseCases<P, C extends UseCaseClasses<P>>(ports: P, classes: C): UseCasesOf<C> {
  return Object.fromEntries(
    Object.entries(classes).map(([name, UseCase]) => [name, new UseCase(ports)]),
  ) as UseCasesOf<C>;
}
