/** An auditor test suite [E-TESTS]: named cases for one policy, as written in `*.suite.yaml`. */
export interface SuiteCase {
  name: string;
  at?: string;
  facts: Record<string, unknown>;
  expect: {
    outcome: 'allow' | 'deny';
    /** Exactly these violation codes, in any order (omitted: not checked, but `allow` implies none). */
    violations?: string[];
    /** These outputs with these values; outputs not named are not checked. */
    outputs?: Record<string, unknown>;
  };
}

export interface Suite {
  file: string;
  policy: string;
  description?: string;
  cases: SuiteCase[];
}
