// Compiled versions, made once per loaded version: keyed by the PolicyVersion object, so a reload
// (which builds new objects) compiles afresh and an old ruleset's entries go with it.
import type { Policy, PolicyVersion, Ruleset } from '../types.js';
import { type CompiledVersion, compileVersion } from './program.js';

export type { CompiledVersion } from './program.js';
export { NO_OVERRIDES } from './runtime.js';

interface Entry {
  policy: Policy;
  parameters: Ruleset['parameters'];
  compiled: CompiledVersion | null;
}

const cache = new WeakMap<PolicyVersion, Entry>();

/**
 * The compiled form of `version`, or null when only the reference engine may evaluate it (something
 * the engine would reject or that is not modelled here; the loader never lets such a version in).
 */
export function compiledVersion(
  ruleset: Ruleset,
  policy: Policy,
  version: PolicyVersion,
): CompiledVersion | null {
  const entry = cache.get(version);
  // A version object reused with other messages or parameters (hand-built rulesets) is recompiled.
  if (entry && entry.policy === policy && entry.parameters === ruleset.parameters) return entry.compiled;
  let compiled: CompiledVersion | null;
  try {
    compiled = compileVersion(policy, version, ruleset.parameters);
  } catch {
    compiled = null;
  }
  cache.set(version, { policy, parameters: ruleset.parameters, compiled });
  return compiled;
}
