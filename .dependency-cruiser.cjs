/**
 * Import rules checked by `npm test` (npm run deps). The folders of lib/ are
 * layers, lowest first; a folder imports only folders at or below its place:
 */
const LAYERS = [
  'foundation', // errors, paths, files, secrets, command io: what every layer needs and that needs nothing
  'cli', // commands declared once: options as data → usage, parsing and checks, the command reference
  'grading', // the grading cascade: normalizing, stages, the judge (below domain: a domain the grader cannot measure is refused when loaded)
  'domain', // the domain format: schema, loading, questions, prompt templates
  'generators', // code that writes the bundled synthetic domains
  'upstream', // the published FineTuneBench checkout: its file table and CSV reader
  'training', // recipes, training files, the augmentation sidecar, the leak check
  'ledger', // the job ledger: run specs, records, checkpoints
  'models', // base models: prices, tokenizers, API error kinds, the emulator marker
  'platforms', // fine-tuning platform plugins (OpenAI, Vertex AI, Together)
  'inference', // clients that ask a base or tuned model
  'baselines', // answerers without a model (in-context, lookup)
  'suites', // promptfoo suites built from domains and the ledger
  'finetune', // plan, confirm, start and poll fine-tuning jobs
  'report', // summaries, analysis, terminal and HTML reports read from results
  'eval', // runs promptfoo (npm start, its hook, the viewer) and then the report
  'augment', // paraphrases a domain by asking a model through promptfoo
  'replay', // answers again from recorded responses (promptfoo results, FineTuneBench's)
  'finetunebench', // imports FineTuneBench and reproduces the paper's tables
];
// The emulators stand in for the remote APIs: they may use lib/ up to this layer,
// never the clients they are tested against (platforms, inference) or above.
const EMULATORS_MAY_USE_UP_TO = 'models';

const folders = (names) => `^lib/(${names.join('|')})/`;

/** One rule, written per layer: a lib/ folder may import only folders at or below its place. */
const layerRules = LAYERS.slice(0, -1).map((layer, i) => ({
  name: 'lib-layers',
  severity: 'error',
  comment: `lib/ layers, lowest first: ${LAYERS.join(' → ')}. lib/${layer}/ may not import a layer above it; a piece two layers need lives in the lower one.`,
  from: { path: `^lib/${layer}/` },
  to: { path: folders(LAYERS.slice(i + 1)) },
}));

const unlayered = {
  name: 'lib-folder-has-a-layer',
  severity: 'error',
  comment: `Every lib/ module lives in one of the layer folders (${LAYERS.join(', ')}); a new folder gets a place in LAYERS.`,
};

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
      comment: 'lib/ is the core the adapters share: it must not import providers/, assertions/, extensions/, scripts/, emulators/ or test/.',
      from: { path: '^lib/' },
      to: { path: '^(providers|assertions|extensions|scripts|emulators|test)/' },
    },
    ...layerRules,
    { ...unlayered, from: { path: '^lib/', pathNot: folders(LAYERS) }, to: {} },
    { ...unlayered, from: {}, to: { path: '^lib/', pathNot: folders(LAYERS) } },
    {
      name: 'emulators-shared-is-shared',
      severity: 'error',
      comment: "emulators/shared/ is what every emulator uses: it imports no single emulator's folder.",
      from: { path: '^emulators/shared/' },
      to: { path: '^emulators/', pathNot: '^emulators/shared/' },
    },
    {
      name: 'emulators-apart',
      severity: 'error',
      comment: 'An emulator imports emulators/shared/ and its own folder, never another emulator (what two need goes to shared/).',
      from: { path: '^emulators/([^/]+)/', pathNot: '^emulators/shared/' },
      to: { path: '^emulators/', pathNot: '^emulators/(shared|$1)/' },
    },
    {
      name: 'emulators-use-low-layers',
      severity: 'error',
      comment: `The emulators use lib/ layers up to ${EMULATORS_MAY_USE_UP_TO} only: an emulator that shared the clients' code could not catch their mistakes.`,
      from: { path: '^emulators/' },
      to: { path: folders(LAYERS.slice(LAYERS.indexOf(EMULATORS_MAY_USE_UP_TO) + 1)) },
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
// For test/imports.test.ts and the README check; not enumerable, so
// dependency-cruiser's configuration schema does not see it.
Object.defineProperty(module.exports, 'layers', { value: LAYERS });
