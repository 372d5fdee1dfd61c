// Compiled versions, made once per loaded version: keyed by the PolicyVersion object, so a reload
// (which builds new objects) compiles afresh and an old ruleset's entries go with it.
import type { Policy, PolicyVersion, Ruleset } from '../types.js';
import { NotCompilable } from './environment.js';
import { type CompiledVersion, compileVersion } from './program.js';

export type { CompiledVersion } from './program.js';
export { NO_OVERRIDES } from './runtime.js';

/** A version compiled, or the compiler's reason for leaving it to the reference engine. */
export type Compilation = { compiled: CompiledVersion } | { compiled: null; notCompilable: string };

interface Entry {
  policy: Policy;
  parameters: Ruleset['parameters'];
  compilation: Compilation;
}

const cache = new WeakMap<PolicyVersion, Entry>();

/**
 * The compiled form of `version`, or why only the reference engine may evaluate it (something the
 * engine would reject or that is not modelled here; the loader never lets such a version in). Only
 * the compiler's own NotCompilable means that: any other error is a fault of the compiler, thrown.
 */
export function compiledVersion(ruleset: Ruleset, policy: Policy, version: PolicyVersion): Compilation {
  const entry = cache.get(version);
  // A version object reused with other messages or parameters (hand-built rulesets) is recompiled.
  if (entry && entry.policy === policy && entry.parameters === ruleset.parameters) return entry.compilation;
  let compilation: Compilation;
  try {
    compilation = { compiled: compileVersion(policy, version, ruleset.parameters) };
  } catch (e) {
    if (!(e instanceof NotCompilable)) throw e;
    compilation = { compiled: null, notCompilable: e.message };
  }
  cache.set(version, { policy, parameters: ruleset.parameters, compilation });
  return compilation;
}
