// The layer rule of README.md ("Layout"), checked on every `npm test`, with no per-file exemptions.
module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment: 'src/domain imports only itself, json-rules-engine and luxon: no I/O, no framework.',
      severity: 'error',
      from: { path: '^src/domain/' },
      to: { pathNot: ['^src/domain/', '^node_modules/(json-rules-engine|luxon|@types/luxon)/'] },
    },
    {
      name: 'application-never-imports-adapters',
      comment: 'Use cases reach the outside world through ports only.',
      severity: 'error',
      from: { path: '^src/application/' },
      to: { path: '^src/adapters/' },
    },
    {
      name: 'albo-never-imports-cns',
      comment: 'Procedures are plug-ins: what both need lives outside both procedure folders.',
      severity: 'error',
      from: { path: '^src/(application|adapters)/(albo/|.*/albo/)' },
      to: { path: '^src/(application|adapters)/(cns/|.*/cns/)' },
    },
    {
      name: 'cns-never-imports-albo',
      comment: 'Procedures are plug-ins: what both need lives outside both procedure folders.',
      severity: 'error',
      from: { path: '^src/(application|adapters)/(cns/|.*/cns/)' },
      to: { path: '^src/(application|adapters)/(albo/|.*/albo/)' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
