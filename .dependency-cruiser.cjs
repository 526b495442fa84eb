/**
 * Import rules checked by `npm test` (npm run deps): no import cycle anywhere,
 * and the core (lib/) never imports the adapters or the tests.
 * https://github.com/sverweij/dependency-cruiser/blob/main/doc/rules-reference.md
 */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'An import cycle: modules that need each other cannot be understood, tested or loaded one at a time.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'lib-is-the-core',
      severity: 'error',
      comment: 'lib/ is the core the adapters share: it must not import providers/, assertions/, extensions/, scripts/ or test/.',
      from: { path: '^lib/' },
      to: { path: '^(providers|assertions|extensions|scripts|test)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Type-only imports count: a cycle through types is still a cycle in the design.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    moduleSystems: ['es6', 'cjs'],
  },
};
