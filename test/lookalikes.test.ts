/**
 * Lookalikes fold before comparison (issue 16, defect 5): invisible
 * characters and letters of other scripts that imitate ASCII ones read as the
 * text they imitate, in the grader's normalization and the leak check alike;
 * ASCII itself, digits, signs and the words of other scripts are never
 * changed, so no wrong answer can pass through the fold.
 */
import { describe, expect, it } from 'vitest';
import { LeakCheck } from '../lib/training/leak-check.ts';
import { parseDomainText } from '../lib/domain/load.ts';
import { foldLookalikes } from '../lib/grading/lookalikes.ts';
import { normalizeAnswer } from '../lib/grading/normalize.ts';

const PROBE = 'Which code does item number 1 carry?';

describe('invisible characters are dropped', () => {
  it.each([
    ['zero-width space', '\u200b'],
    ['zero-width non-joiner', '\u200c'],
    ['zero-width joiner', '\u200d'],
    ['left-to-right mark', '\u200e'],
    ['right-to-left mark', '\u200f'],
    ['soft hyphen', '\u00ad'],
    ['combining grapheme joiner', '\u034f'],
    ['Mongolian variation selector', '\u180b'],
    ['word joiner', '\u2060'],
    ['invisible times', '\u2062'],
    ['left-to-right embedding', '\u202a'],
    ['right-to-left override', '\u202e'],
    ['variation selector 16', '\ufe0f'],
    ['variation selector 17', '\u{e0100}'],
    ['zero-width no-break space', '\ufeff'],
    ['Hangul filler', '\u3164'],
    ['tag letter A', '\u{e0041}'],
  ])('%s inside a word', (_name, c) => {
    expect(normalizeAnswer(`Mo${c}dern co${c}de`)).toBe('modern code');
    expect(foldLookalikes(`it${c}em`)).toBe('item');
  });
});

describe('letters of other scripts that imitate ASCII fold to it', () => {
  it.each([
    ['Cyrillic', 'аеорсхуіјԁѕԛԝ', 'aeopcxyijdsqw'],
    ['Cyrillic capitals', 'АВСЕНІЈКМОРЅТХ', 'ABCEHIJKMOPSTX'],
    ['Greek', 'αιονρυ', 'aiovpu'],
    ['Greek capitals', 'ΑΒΕΖΗΙΚΜΝΟΡΤΥΧ', 'ABEZHIKMNOPTYX'],
    ['Armenian', 'օսհ', 'ouh'],
    ['Cherokee', 'ᎪᏴᏟᎠᎬᎻ', 'ABCDEH'],
    ['Lisu', 'ꓮꓐꓚꓓꓰ', 'ABCDE'],
    ['Latin letters of other alphabets', 'ɑɡıꜱ', 'agis'],
  ])('%s', (_name, lookalikes, ascii) => {
    const chars = [...lookalikes];
    chars.forEach((c, i) => {
      // One disguised letter inside an ASCII word, and the whole alphabet as one word.
      expect(normalizeAnswer(`x${c}y`), `${c} (U+${c.codePointAt(0)!.toString(16)})`).toBe(normalizeAnswer(`x${ascii[i]}y`));
    });
    expect(foldLookalikes(lookalikes)).toBe(ascii);
  });

  it('folds the issue\'s paraphrase, and what NFKD already folded stays folded (fullwidth, mathematical letters)', () => {
    expect(normalizeAnswer('Wh\u200dich c\u043ede does it\u200cem number 1 carry?')).toBe(normalizeAnswer(PROBE));
    expect(normalizeAnswer('Ｗｈｉｃｈ 𝐜𝐨𝐝𝐞 does item number 1 carry?')).toBe(normalizeAnswer(PROBE));
    expect(normalizeAnswer('Café')).toBe(normalizeAnswer('Cafe\u0301'));
  });
});

describe('the fold never changes ASCII, so no wrong answer passes through it', () => {
  it('leaves every printable ASCII character and pair as it is (a full skeleton maps rn to m, 1 to l, 0 to O)', () => {
    const ascii = Array.from({ length: 95 }, (_, i) => String.fromCharCode(0x20 + i));
    for (const a of ascii) for (const b of ascii) expect(foldLookalikes(a + b)).toBe(a + b);
  });

  it.each([
    ['Modern', 'Modem'],
    ['corn', 'com'],
    ['rn', 'm'],
    ['cl', 'd'],
    ['vv', 'w'],
    ['l', '1'],
    ['I', '1'],
    ['O', '0'],
    ['S5', 'SS'],
    ['B8', 'BB'],
  ])('%s and %s stay apart', (a, b) => {
    expect(normalizeAnswer(a)).not.toBe(normalizeAnswer(b));
  });
});

describe('what the fold leaves alone', () => {
  it.each([
    ['a word with a letter that has no ASCII lookalike', 'Москва'],
    ['Greek', 'Αθήνα'],
    ['Hebrew', 'שלום'],
    ['Arabic', 'ثم'],
    ['Han', '東京'],
    ['Devanagari, whose vowel signs carry meaning', 'नमस्ते'],
    ['Arabic-Indic digits', '١٠'],
    ['signs', '× ∨ ∣'],
  ])('%s: %s', (_name, text) => {
    expect(foldLookalikes(text)).toBe(text);
  });

  it('keeps letters of one script apart that the skeleton would equate', () => {
    expect(normalizeAnswer('Αθήνα')).not.toBe(normalizeAnswer('Αοήνα')); // θ and ο share a skeleton
    expect(normalizeAnswer('ثم')).not.toBe(normalizeAnswer('پم')); // ث and پ share one
    expect(normalizeAnswer('\u0665')).not.toBe(normalizeAnswer('o')); // an Arabic-Indic five is no letter o
    expect(normalizeAnswer('\u0661\u0660')).not.toBe(normalizeAnswer('\u0661')); // ١٠ is ten, not one
  });

  it('keeps a sign a sign: an em dash is no ideograph, so it makes no word', () => {
    expect(normalizeAnswer('Oslo — Bergen')).toBe('oslo bergen');
    expect(normalizeAnswer('3 × 4')).toBe('3 4');
  });
});

describe('the leak check and the grader agree on lookalikes', () => {
  const domain = parseDomainText(
    `id: items\ntitle: Items\nkind: new\nprompt: "{{question}}"\nfacts:\n  - id: item-1\n    statement: Item 1 carries K17.\n    question: What code is printed on item 1?\n    answer: K17\n    probes:\n      - { split: rephrased, question: "${PROBE}" }\n`,
    'items.yaml',
  );
  const leaks = new LeakCheck(domain);

  it.each([
    ['the issue\'s example: ZWJ, Cyrillic о, ZWNJ', 'Wh\u200dich c\u043ede does it\u200cem number 1 carry?'],
    ['a zero-width joiner alone', 'Wh\u200dich code does item number 1 carry?'],
    ['a Cyrillic о alone', 'Which c\u043ede does item number 1 carry?'],
    ['a zero-width non-joiner alone', 'Which code does it\u200cem number 1 carry?'],
    ['soft hyphens in every word', 'Wh\u00adich co\u00adde do\u00ades it\u00adem num\u00adber 1 car\u00adry?'],
    ['Greek ο and ι', 'Wh\u03b9ch c\u03bfde d\u03bfes item number 1 carry?'],
    ['Armenian օ and a Cherokee Ꮃ', '\u13b3hich c\u0585de d\u0585es item number 1 carry?'],
    ['Cyrillic capitals', 'WHICH \u0421\u041eD\u0415 DOES \u0406TEM NUMBER 1 CARRY?'],
    ['variation selectors and a word joiner', 'Which\ufe0f co\u2060de does item number 1 carry\ufe0e?'],
  ])('%s is the probe itself', (_name, text) => {
    expect(leaks.check(text)).toMatchObject({ kind: 'exact', probe: { id: 'item-1/rephrased-1' } });
    expect(normalizeAnswer(text)).toBe(normalizeAnswer(PROBE));
  });

  it('still tells a real rewording from the probe', () => {
    const rewording = 'Tell me the c\u043ede printed on the first item.';
    expect(leaks.check(rewording)).toBeNull();
    expect(normalizeAnswer(rewording)).not.toBe(normalizeAnswer(PROBE));
  });
});
