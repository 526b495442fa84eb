'use strict';
// Every package named in left-out.json resolves here, subpaths included
// (package.json: an optionalDependencies entry on this folder and an overrides
// entry "$name", so promptfoo gets it too). promptfoo imports them only for
// features this project does not use; if one is ever loaded, say what happened
// and how to undo it.
throw new Error(
  'An optional promptfoo dependency was loaded that finetune-harness leaves out of its install: ' +
    'package.json replaces it with the stub vendor/absent-optional (vendor/absent-optional/left-out.json lists each one and what needs it). ' +
    'To use the promptfoo feature that needs it, delete its entries from "optionalDependencies" and "overrides" in package.json ' +
    'and from left-out.json, then run npm install (npm install <name> alone does not: the override holds).',
);
