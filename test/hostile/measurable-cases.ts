/**
 * The hostile-input corpus, issue 16 defects 4 and 5: domains that cannot be
 * measured are refused at file:line:col (contradictory duplicates, answers
 * that normalize to nothing, a stale answer equal to the answer, YAML tags
 * and directives, ids JavaScript objects reserve), and lookalikes fold
 * before comparison (the leak check catches a sidecar paraphrase disguised
 * with invisible characters or letters of other scripts). Domain rows build
 * their file in `setup`; sidecar rows run `npm run finetune -- plan --recipe
 * variants` (which reads and leak-checks the sidecar) through its main.
 */
import { readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { CommandCase, Workspace } from './command-cases.ts';
import type { DomainCase } from './domain-cases.ts';

/** Lines 1–5; each FACT below takes 4 lines, so fact i's question is on line 8 + 4i, column 15, its answer on 9 + 4i, column 13. */
const HEAD = (kind = 'new', id = 'd') => `id: ${id}\ntitle: T\nkind: ${kind}\nprompt: "Q: {{question}}"\nfacts:\n`;
const FACT = (id: string, question: string, answer: string) => `  - id: ${id}\n    statement: S.\n    question: ${question}\n    answer: ${answer}\n`;
const q = (i: number) => `${8 + 4 * i}:15`;
const a = (i: number, quoted = false) => `${9 + 4 * i}:${quoted ? 14 : 13}`;

/** A case whose domain file `d.yaml` is `text`. */
const file = (name: string, defect: string, text: string, expected: Pick<DomainCase, 'error' | 'asked' | 'answers' | 'previous'>): DomainCase => ({
  name,
  defect,
  setup: (dir) => writeFileSync(path.join(dir, 'd.yaml'), text),
  ...expected,
});

/** The error of a domain whose fact 1's question repeats fact 0's, with the message naming both places. */
const duplicate = (second: number, first: number, expects: string) =>
  new RegExp(`d\\.yaml:${q(second)}  facts\\[${second}\\]\\.question: asks what facts\\[${first}\\]\\.question asks \\(.*d\\.yaml:${q(first)}\\), the same once normalized \\(".*", with the same prompt\\), but expects ${expects}: no model can be right on both`);

const nothing = (at: string, path: string, text: string) => new RegExp(`d\\.yaml:${at}  ${path}: ${text} is nothing once normalized \\(the grader ignores case, punctuation, articles and invisible characters\\)`);

const TAGS = 'domain files use no YAML tags \\(!!str, !foo\\) or directives \\(%TAG, %YAML\\)';
const RESERVED = '__proto__, constructor, prototype are names JavaScript objects reserve';

export const MEASURABLE_DOMAIN_CASES: DomainCase[] = [
  // Contradictory duplicates: the same question once normalized, answers no output can satisfy together.
  file('duplicate question, different numbers', '16.4', HEAD() + FACT('a', 'How much does Ada weigh?', '"126"') + FACT('b', 'How much does Ada weigh?', '"130"'), { error: duplicate(1, 0, '"130" where that expects "126"') }),
  file('duplicate question, Café NFC and NFD', '16.4', HEAD() + FACT('a', 'Where is Café Nord?', 'Oslo') + FACT('b', 'Where is Cafe\u0301 Nord?', 'Bergen'), { error: duplicate(1, 0, '"Bergen" where that expects "Oslo"') }),
  file('duplicate question up to case, spacing and punctuation', '16.4', HEAD() + FACT('a', 'Who leads the lab?', 'Orla Venn') + FACT('b', 'who  LEADS the lab ?!', 'Kit Maro'), { error: duplicate(1, 0, '"Kit Maro" where that expects "Orla Venn"') }),
  file('duplicate question up to articles', '16.4', HEAD() + FACT('a', 'What is the capital of Zembla?', 'Onhava') + FACT('b', 'What is capital of a Zembla?', 'Kalixa'), { error: duplicate(1, 0, '"Kalixa" where that expects "Onhava"') }),
  file('duplicate question with a zero-width space', '16.4', HEAD() + FACT('a', 'Which port serves Zembla?', 'Onhava') + FACT('b', 'Which po\u200Brt serves Zembla?', 'Kalixa'), { error: duplicate(1, 0, '"Kalixa" where that expects "Onhava"') }),
  file('duplicate question with a Cyrillic о', '16.4', HEAD() + FACT('a', 'Which port serves Zembla?', 'Onhava') + FACT('b', 'Which p\u043ert serves Zembla?', 'Kalixa'), { error: duplicate(1, 0, '"Kalixa" where that expects "Onhava"') }),
  file('duplicate question in fullwidth letters', '16.4', HEAD() + FACT('a', 'Which port serves Zembla?', 'Onhava') + FACT('b', 'Ｗｈｉｃｈ ｐｏｒｔ serves Zembla?', 'Kalixa'), { error: duplicate(1, 0, '"Kalixa" where that expects "Onhava"') }),
  file('duplicate question with number words', '16.4', HEAD() + FACT('a', 'Who won in 2031?', 'Ada') + FACT('b', 'Who won in two thousand thirty-one?', 'Bea'), { error: duplicate(1, 0, '"Bea" where that expects "Ada"') }),
  file('duplicate question, dates that differ by a day', '16.4', HEAD() + FACT('a', 'When did the lab open?', '12 March 2031') + FACT('b', 'When did the lab open?', 'March 13, 2031'), { error: duplicate(1, 0, '"March 13, 2031" where that expects "12 March 2031"') }),
  file('duplicate question, Yes and No', '16.4', HEAD() + FACT('a', 'Is Ada taller than Bea?', '"Yes"') + FACT('b', 'Is ada taller than bea', '"No"'), { error: duplicate(1, 0, '"No" where that expects "Yes"') }),
  file(
    'a probe asking another fact\'s trained question with another answer',
    '16.4',
    HEAD() + FACT('a', 'Where does Ada live?', 'Oslo') + FACT('b', 'Where does Bea live?', 'Rome') + '    probes:\n      - { split: rephrased, question: "Where does Ada live?" }\n',
    { error: /d\.yaml:15:40  facts\[1\]\.probes\[0\]\.question: asks what facts\[0\]\.question asks \(.*d\.yaml:8:15\), .* but expects "Rome" where that expects "Oslo"/ },
  ),
  file(
    'a training paraphrase equal to another fact\'s question',
    '16.4',
    HEAD() + FACT('a', 'Where does Ada live?', 'Oslo') + FACT('b', 'Where does Bea live?', 'Rome') + '    training: ["Where does ADA live"]\n',
    { error: /d\.yaml:14:17  facts\[1\]\.training\[0\]: asks what facts\[0\]\.question asks \(.*d\.yaml:8:15\), .* but expects "Rome" where that expects "Oslo"/ },
  ),
  file(
    'an abstain probe asking a trained question',
    '16.4',
    HEAD() + FACT('a', 'Where does Ada live?', 'Oslo') + '    probes:\n      - { split: abstain, question: "Where does Ada live?" }\n',
    { error: /d\.yaml:11:38  facts\[0\]\.probes\[0\]\.question: asks what facts\[0\]\.question asks \(.*d\.yaml:8:15\), .* but expects to abstain where that expects "Oslo"/ },
  ),
  file(
    'two comparison probes asked alike, Yes and No',
    '16.4',
    HEAD() + FACT('a', 'How tall is Ada?', '"180"') + FACT('b', 'How tall is Bea?', '"170"') + 'probes:\n  - { split: comparison, facts: [a, b], question: Is Ada taller than Bea?, answer: "Yes" }\n  - { split: comparison, facts: [a, b], question: "is ada taller than bea", answer: "No" }\n',
    { error: /d\.yaml:16:52  probes\[1\]\.question: asks what probes\[0\]\.question asks \(.*d\.yaml:15:51\), .* but expects "No" where that expects "Yes"/ },
  ),
  // Not contradictions: another prompt asks another text; answers that share words and numbers may name one thing.
  file('the same question under another prompt is another question', '16.4', HEAD() + FACT('a', 'How heavy is Ada?', '"126"') + FACT('b', 'How heavy is Ada?', '"57"') + '    prompt: "In kilograms: {{question}}"\n', {
    asked: { 'a/memorization': 'Q: How heavy is Ada?', 'b/memorization': 'In kilograms: How heavy is Ada?' },
  }),
  file('a duplicate whose answers share words and numbers loads', '16.4', HEAD() + FACT('a', 'Which vaccine is first line?', 'PCV21') + FACT('b', 'Which vaccine is first line?', 'PCV21 alone'), {
    answers: { 'a/memorization': 'PCV21', 'b/memorization': 'PCV21 alone' },
  }),

  // Answers, accepted answers, choices and previous answers that normalize to nothing.
  file('answer "The"', '16.4', HEAD() + FACT('a', 'Q?', 'The'), { error: nothing(a(0), 'facts\\[0\\]\\.answer', '"The"') }),
  file('answer "?!"', '16.4', HEAD() + FACT('a', 'Q?', '"?!"'), { error: nothing(a(0, true), 'facts\\[0\\]\\.answer', '"\\?!"') }),
  file('answer a lone zero-width space', '16.4', HEAD() + FACT('a', 'Q?', '"\\u200B"'), { error: nothing(a(0, true), 'facts\\[0\\]\\.answer', '"\u200B"') }),
  file('answer a soft hyphen and a variation selector', '16.4', HEAD() + FACT('a', 'Q?', '"\\u00AD\\uFE0F"'), { error: nothing(a(0, true), 'facts\\[0\\]\\.answer', '"\u00AD\uFE0F"') }),
  file('answer "{"', '16.4', HEAD() + FACT('a', 'Q?', '"{"'), { error: nothing(a(0, true), 'facts\\[0\\]\\.answer', '"\\{"') }),
  file('answer "$&"', '16.4', HEAD() + FACT('a', 'Q?', '"$&"'), { error: nothing(a(0, true), 'facts\\[0\\]\\.answer', '"\\$&"') }),
  file('answer "Thé": without its accent, the article', '16.4', HEAD() + FACT('a', 'Q?', 'Thé'), { error: nothing(a(0), 'facts\\[0\\]\\.answer', '"Thé"') }),
  file('an accepted answer "an"', '16.4', HEAD() + FACT('a', 'Q?', 'Oslo') + '    accept: [Oslo city, an]\n', { error: nothing('10:25', 'facts\\[0\\]\\.accept\\[1\\]', '"an"') }),
  file('a probe answer "..."', '16.4', HEAD() + FACT('a', 'Q?', 'Oslo') + '    probes:\n      - { split: derived, question: Is it?, answer: "..." }\n', { error: nothing('11:54', 'facts\\[0\\]\\.probes\\[0\\]\\.answer', '"\\.\\.\\."') }),
  file('a choice "—"', '16.4', HEAD() + FACT('a', 'Q?', 'Oslo') + '    probes:\n      - { split: derived, question: Is it?, answer: "Yes", choices: ["Yes", "—"] }\n', { error: nothing('11:78', 'facts\\[0\\]\\.probes\\[0\\]\\.choices\\[1\\]', '"—"') }),
  file('a previous "A"', '16.4', HEAD('update') + FACT('a', 'Q?', 'Oslo') + '    previous: A\n', { error: /d\.yaml:10:15  facts\[0\]\.previous: "A" is nothing once normalized .*: a stale output could never be recognized/ }),

  // A previous answer equal to the answer (or an accepted one) once normalized: stale could never be told from correct.
  file('previous "foo  bar." beside answer Foo Bar', '16.4', HEAD('update') + FACT('a', 'Q?', 'Foo Bar') + '    previous: "foo  bar."\n', {
    error: /d\.yaml:10:16  facts\[0\]\.previous: previous equals the answer \("Foo Bar"\): an update must change the answer \("foo  bar\." and "Foo Bar" are the same to the grader: "foo bar"\)/,
  }),
  file('previous in fullwidth letters', '16.4', HEAD('update') + FACT('a', 'Q?', 'Oslo') + '    previous: ＯＳＬＯ\n', { error: /d\.yaml:10:15  facts\[0\]\.previous: previous equals the answer \("Oslo"\)/ }),
  file('previous with a Cyrillic О', '16.4', HEAD('update') + FACT('a', 'Q?', 'Oslo') + '    previous: \u041eslo\n', { error: /d\.yaml:10:15  facts\[0\]\.previous: previous equals the answer \("Oslo"\)/ }),
  file('previous with a word joiner', '16.4', HEAD('update') + FACT('a', 'Q?', 'Oslo') + '    previous: "Os\\u2060lo"\n', { error: /d\.yaml:10:16  facts\[0\]\.previous: previous equals the answer \("Oslo"\)/ }),
  file('previous equal to an accepted answer', '16.4', HEAD('update') + FACT('a', 'Q?', 'Oslo') + '    accept: [Christiania]\n    previous: christiania\n', {
    error: /d\.yaml:11:15  facts\[0\]\.previous: previous equals an accepted answer \("Christiania"\)/,
  }),
  file('a probe\'s own previous written in words', '16.4', HEAD('update') + FACT('a', 'Q?', 'Oslo') + '    previous: Bergen\n    probes:\n      - { split: derived, question: How old?, answer: "21", previous: Twenty-one }\n', {
    error: /d\.yaml:12:71  facts\[0\]\.probes\[0\]\.previous: previous equals the answer \("21"\)/,
  }),
  file('a probe accepting the fact\'s previous answer', '16.4', HEAD('update') + FACT('a', 'Q?', 'Oslo') + '    previous: Bergen\n    probes:\n      - { split: rephrased, question: Where?, accept: [BERGEN] }\n', {
    error: /d\.yaml:12:56  facts\[0\]\.probes\[0\]\.accept\[0\]: accepts the fact's previous answer \("Bergen"\)/,
  }),

  // Every YAML tag and directive, wherever it stands.
  file('a !!str tag', '16.4', HEAD() + FACT('a', 'Q?', '!!str 0427'), { error: new RegExp(`d\\.yaml:9:13  not valid YAML: the tag !!str: ${TAGS}`) }),
  file('a local !foo tag', '16.4', HEAD() + FACT('a', 'Q?', '!foo x'), { error: new RegExp(`d\\.yaml:9:13  not valid YAML: the tag !foo: ${TAGS}`) }),
  file('a non-specific ! tag', '16.4', HEAD() + FACT('a', 'Q?', '! x'), { error: new RegExp(`d\\.yaml:9:13  not valid YAML: the tag !: ${TAGS}`) }),
  file('a verbatim tag', '16.4', HEAD() + FACT('a', 'Q?', '!<tag:yaml.org,2002:str> x'), { error: new RegExp(`d\\.yaml:9:13  not valid YAML: the tag !<tag:yaml\\.org,2002:str>: ${TAGS}`) }),
  file('a tag on a key', '16.4', HEAD() + FACT('a', 'Q?', 'x') + '    !!str accept: [y]\n', { error: new RegExp(`d\\.yaml:10:5  not valid YAML: the tag !!str: ${TAGS}`) }),
  file('a tag inside a flow list', '16.4', HEAD() + FACT('a', 'Q?', 'x') + '    accept: [y, !!str z]\n', { error: new RegExp(`d\\.yaml:10:17  not valid YAML: the tag !!str: ${TAGS}`) }),
  file('a tag on the document', '16.4', `--- !!map\n${HEAD()}${FACT('a', 'Q?', 'x')}`, { error: new RegExp(`d\\.yaml:1:5  not valid YAML: the tag !!map: ${TAGS}`) }),
  file('a %TAG directive', '16.4', `%TAG !e! tag:example.com,2031:\n---\n${HEAD()}${FACT('a', 'Q?', 'x')}`, { error: new RegExp(`d\\.yaml:1:1  not valid YAML: the directive %TAG: ${TAGS}`) }),
  file('a %YAML directive', '16.4', `%YAML 1.2\n---\n${HEAD()}${FACT('a', 'Q?', 'x')}`, { error: new RegExp(`d\\.yaml:1:1  not valid YAML: the directive %YAML: ${TAGS}`) }),

  // Names JavaScript objects reserve, as ids, keys and names.
  file('fact id constructor', '16.4', HEAD() + FACT('constructor', 'Q?', 'x'), { error: new RegExp(`d\\.yaml:6:9  facts\\[0\\]\\.id: "constructor": ${RESERVED}`) }),
  file('fact id prototype', '16.4', HEAD() + FACT('prototype', 'Q?', 'x'), { error: new RegExp(`d\\.yaml:6:9  facts\\[0\\]\\.id: "prototype": ${RESERVED}`) }),
  file('domain id constructor', '16.4', HEAD('new', 'constructor') + FACT('a', 'Q?', 'x'), { error: new RegExp(`d\\.yaml:1:5  id: "constructor": ${RESERVED}`) }),
  file('a probe naming fact constructor', '16.4', HEAD() + FACT('a', 'Q?', 'x') + 'probes:\n  - { split: comparison, facts: [a, constructor], question: Is it?, answer: "Yes" }\n', {
    error: new RegExp(`d\\.yaml:11:37  probes\\[0\\]\\.facts\\[1\\]: "constructor": ${RESERVED}`),
  }),
  file('a __proto__ key in a fact', '16.4', HEAD() + FACT('a', 'Q?', 'x') + '    __proto__: { answer: y }\n', { error: new RegExp(`d\\.yaml:10:5  not valid YAML: the key "__proto__": ${RESERVED}`) }),
  file('a quoted "__proto__" key at the top', '16.4', `"__proto__": {}\n${HEAD()}${FACT('a', 'Q?', 'x')}`, { error: new RegExp(`d\\.yaml:1:1  not valid YAML: the key "__proto__": ${RESERVED}`) }),
  file('a prompt named constructor', '16.4', HEAD().replace('facts:\n', 'prompts:\n  constructor: "{{question}}"\nfacts:\n') + FACT('a', 'Q?', 'x'), { error: new RegExp(`d\\.yaml:6:3  not valid YAML: the key "constructor": ${RESERVED}`) }),
  // Inherited names are no prompt names: `prompt: toString` was Object.prototype.toString (a TypeError on the old main).
  file('prompt: toString', '16.4', HEAD() + FACT('a', 'Q?', 'x') + '    prompt: toString\n', { error: /d\.yaml:10:13  facts\[0\]\.prompt: prompt template must contain \{\{question\}\}/ }),
  file('prompt: hasOwnProperty', '16.4', HEAD() + FACT('a', 'Q?', 'x') + '    probes:\n      - { split: rephrased, question: Q2?, prompt: hasOwnProperty }\n', { error: /d\.yaml:11:52  facts\[0\]\.probes\[0\]\.prompt: prompt template must contain \{\{question\}\}/ }),
];

/** Ten facts whose rephrased probes ask "Which code does item number N carry?". */
const ITEMS = `id: items\ntitle: Items\nkind: new\nprompt: "Answer with the code.\\n{{question}}"\nfacts:\n${Array.from({ length: 10 }, (_, i) => `  - id: item-${i + 1}\n    statement: Item ${i + 1} carries code K${i + 1}7.\n    question: What code is printed on item ${i + 1}?\n    answer: K${i + 1}7\n    probes:\n      - { split: rephrased, question: Which code does item number ${i + 1} carry? }\n`).join('')}`;

const PLAN = (w: Workspace) => ['plan', '--domain', 'items', '--model', 'gpt-4o-mini', '--epochs', '1', '--recipe', 'variants,statements', '--domains', w.domains];

/** The ledger stays empty: a refused plan writes nothing. */
const nothingWritten = (w: Workspace) => {
  if (readdirSync(w.runs).length) throw new Error(`the ledger holds ${readdirSync(w.runs).join(', ')}`);
};

const sidecar = (body: string) => (w: Workspace) => {
  writeFileSync(path.join(w.domains, 'items.yaml'), ITEMS);
  writeFileSync(path.join(w.domains, 'items.training.yaml'), `domain: items\nfacts:\n${body}`);
};

/** A sidecar paraphrase (or restatement) of item-1 that is probe item-1/rephrased-1 in disguise: refused before anything is planned. */
const disguised = (name: string, text: string, kind: 'paraphrases' | 'restatements' = 'paraphrases'): CommandCase => ({
  name: `sidecar leak: ${name}`,
  defect: '16.5',
  command: 'finetune',
  setup: sidecar(`  item-1:\n    ${kind}: [${JSON.stringify(text)}]\n`),
  argv: PLAN,
  result: {
    code: 1,
    output: [
      /^error: .*items\.yaml: the training file is not valid:$/m,
      kind === 'paraphrases'
        ? /probe item-1\/rephrased-1 \(split rephrased\) asks "Which code does item number 1 carry\?", which is trained as fact "item-1" sidecar paraphrases\[0\]: an evaluation probe must never be trained/
        : /fact "item-1" sidecar restatements\[0\] ".*" is probe item-1\/rephrased-1 \(split rephrased\): remove it from the sidecar/,
    ],
    check: nothingWritten,
  },
});

export const MEASURABLE_COMMAND_CASES: CommandCase[] = [
  disguised('the issue\'s paraphrase (ZWJ, ZWNJ, Cyrillic о)', 'Wh\u200dich c\u043ede does it\u200cem number 1 carry?'),
  disguised('a soft hyphen and a word joiner', 'Which co\u00adde does item\u2060 number 1 carry?'),
  disguised('variation selectors', 'Which\ufe0f code\ufe0e does item number 1 carry?'),
  disguised('bidi controls and a zero-width no-break space inside words', 'Wh\u202aich co\u202cde do\ufeffes item number 1 carry?'),
  disguised('a tag character and a Hangul filler', 'Which c\u{e0041}ode does it\u3164em number 1 carry?'),
  disguised('Greek ο and ι', 'Wh\u03b9ch c\u03bfde d\u03bfes item number 1 carry?'),
  disguised('Armenian օ and Cherokee Ꮃ', '\u13b3hich c\u0585de d\u0585es item number 1 carry?'),
  disguised('Cyrillic capitals І, С, О, Е', 'WHICH \u0421\u041eD\u0415 DOES \u0406TEM NUMBER 1 CARRY?'),
  disguised('Latin lookalikes ɑ, ɡ and Lisu ꓮ', 'Which code does item number 1 c\u0251rry? \ua4ee'),
  disguised('a restatement with a Cyrillic е', 'Which cod\u0435 does item number 1 carry?', 'restatements'),
  {
    name: 'sidecar: a __proto__ entry holding a copy of a probe',
    defect: '16.4',
    command: 'finetune',
    setup: sidecar('  __proto__:\n    paraphrases: [Which code does item number 1 carry?]\n'),
    argv: PLAN,
    error: new RegExp(`items\\.training\\.yaml:3:3  not valid YAML: the key "__proto__": ${RESERVED}`),
  },
  { name: 'sidecar: a constructor entry', defect: '16.4', command: 'finetune', setup: sidecar('  constructor:\n    paraphrases: [Hello?]\n'), argv: PLAN, error: new RegExp(`items\\.training\\.yaml:3:3  not valid YAML: the key "constructor": ${RESERVED}`) },
  { name: 'sidecar: a prototype field', defect: '16.4', command: 'finetune', setup: sidecar('  item-1:\n    prototype: [Hello?]\n'), argv: PLAN, error: new RegExp(`items\\.training\\.yaml:4:5  not valid YAML: the key "prototype": ${RESERVED}`) },
  // Refused on the old main too: kept beside the reserved names, so that every way a sidecar names a fact is covered.
  { name: 'sidecar: a fact of another domain', defect: '16.4', command: 'finetune', setup: sidecar('  item-11:\n    paraphrases: [Hello?]\n'), argv: PLAN, error: /items\.training\.yaml is not a valid augmentation sidecar:$/ },
  { name: 'sidecar: a !!str tag', defect: '16.4', command: 'finetune', setup: sidecar('  item-1:\n    paraphrases: [!!str Hello?]\n'), argv: PLAN, error: new RegExp(`items\\.training\\.yaml:4:19  not valid YAML: the tag !!str: ${TAGS}`) },
];
