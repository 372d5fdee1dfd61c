// The rule sets the publishing tests publish: the exemplar folder (schemas and the payment-deadline
// policy of the fixture rules), that folder with the 2017 deadline extended to 31 March (suite
// brought in line, so it passes the gate), and with the deadline changed alone (its suite fails).

import { FsRuleFileSource } from '../../src/adapters/rules/fs-rule-file-source.js';
import type { RuleFile } from '../../src/application/ports/rule-file-source.js';
import { exemplarRules, PARAMETERS_FILE, SUITE_FILE } from '../cli/support.js';

export { PARAMETERS_FILE, SUITE_FILE };

export const exemplarFiles = async (): Promise<RuleFile[]> =>
  new FsRuleFileSource(await exemplarRules()).readAll();

const change = (files: RuleFile[], path: string, edit: (text: string) => string): RuleFile[] =>
  files.map((f) => {
    if (f.path !== path) return f;
    const content = edit(f.content);
    if (content === f.content) throw new Error(`the edit of ${path} changed nothing`);
    return { path, content };
  });

const extendParameter = (text: string) => text.replace('"2017": "2017-02-28"', '"2017": "2017-03-31"');
const extendSuite = (text: string) =>
  text
    .replaceAll('deadline: "2017-02-28"', 'deadline: "2017-03-31"')
    .replace('A payment on 1 March 2017 is late', 'A payment on 1 April 2017 is late')
    .replace('paymentDate: "2017-03-01"', 'paymentDate: "2017-04-01"');

/** The deadline moved to 31 March 2017, its suite with it: passes the gate. */
export const withDeadlineExtended = (files: RuleFile[]): RuleFile[] =>
  change(change(files, PARAMETERS_FILE, extendParameter), SUITE_FILE, extendSuite);

/** The deadline moved, its suite not: the suite's cases on the old deadline fail. */
export const withSuiteBroken = (files: RuleFile[]): RuleFile[] =>
  change(files, PARAMETERS_FILE, extendParameter);

/** Paid on 10 March 2017: late under the fixture's deadline, on time once it is extended. */
export const PAID_10_MARCH = { year: 2017, paymentDate: '2017-03-10' };

/** The test server's connection string with another database in its path. */
export const uriWithDatabase = (uri: string, database: string): string =>
  uri.replace(/^(mongodb(?:\+srv)?:\/\/[^/?]+)\/?[^?]*/, `$1/${database}`);
