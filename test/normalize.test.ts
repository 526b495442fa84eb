import { describe, expect, it } from 'vitest';
import { normalizeAnswer } from '../lib/grading/normalize.ts';
import { exactMatch } from '../lib/grading/stages/exact.ts';
import { containsVerdict } from '../lib/grading/stages/contains.ts';
import { isDecline } from '../lib/grading/stages/abstain.ts';
import { reference } from './helpers/grading.ts';

describe('normalizeAnswer', () => {
  it.each([
    ['Paris', 'paris'],
    ['  PARIS  ', 'paris'],
    ['Paris.', 'paris'],
    ['"Paris!"', 'paris'],
    ['The Pacific Ocean', 'pacific ocean'],
    ['an apple', 'apple'],
    ['A', ''],
    ['New   York\tCity', 'new york city'],
    ['12,500', '12500'],
    ['1,234,567 people', '1234567 people'],
    ['twenty-one', '21'],
    ['Twenty one', '21'],
    ['ninety-nine', '99'],
    ['one hundred', '100'],
    ['a hundred', '100'],
    ['one hundred and five', '105'],
    ['one thousand two hundred thirty-four', '1234'],
    ['seven', '7'],
    ['zero', '0'],
    ['3.5 kg', '3.5 kg'],
    ['It is 3.5.', 'it is 3.5'],
    ['-2 degrees', '-2 degrees'],
    ["I don't know", "i don't know"],
    ['json.loads()', 'json loads'],
    ['“Quoted” — text', 'quoted text'],
    ['Ｐａｒｉｓ', 'paris'],
    ['rock and roll', 'rock and roll'],
    // diacritics and letter variants
    ['Zoë Ångström-Reyes', 'zoe angstrom reyes'],
    ['Straße', 'strasse'],
    ['Æsir', 'aesir'],
    ['Øresund', 'oresund'],
    ['Łódź', 'lodz'],
    ['Œuvre', 'oeuvre'],
    ['İstanbul', 'istanbul'],
    ['Ñandú', 'nandu'],
    ['ﬁnal', 'final'],
    // marks that carry meaning in other scripts stay
    ['हिन्दी', 'हिन्दी'],
    ['がぎ', 'がぎ'],
    // identifiers: an underscore joins a word, a dot does not
    ['json.parse_text', 'json parse_text'],
    ['json.parse_text_v2()', 'json parse_text_v2'],
    ['__bold__', 'bold'],
    // calendar dates
    ['March 14, 2031', '14 march 2031'],
    ['14 March 2031', '14 march 2031'],
    ['the 14th of March, 2031', '14 march 2031'],
    ['Mar. 14th 2031', '14 march 2031'],
    ['2031-03-14', '14 march 2031'],
    ['Friday, March 14', 'friday 14 march'],
    ['March 2031', 'march 2031'],
    ['February 30, 2031', 'february 30 2031'],
    ['February 29, 2032', '29 february 2032'],
    ['03/04/2031', '03 04 2031'],
    ['2031-13-01', '2031 13 01'],
  ])('%j → %j', (input, expected) => {
    expect(normalizeAnswer(input)).toBe(expected);
  });
});

describe('exactMatch', () => {
  it('matches after normalization against answer and accept', () => {
    expect(exactMatch('The answer: 126.', ['126'])).toBe(false);
    expect(exactMatch('126.', ['126'])).toBe(true);
    expect(exactMatch('one hundred twenty-six', ['126'])).toBe(true);
    expect(exactMatch('126 lbs', ['126', '126 lbs'])).toBe(true);
    expect(exactMatch('', [''])).toBe(false);
  });
});

describe('exactMatch: folding, dates', () => {
  it.each([
    ['Zoe Angstrom-Reyes', 'Zoë Ångström-Reyes'],
    ['Zoë Ångström-Reyes', 'Zoe Angstrom-Reyes'],
    ['March 14, 2031', '14 March 2031'],
    ['2031-03-14', 'March 14, 2031'],
    ['the 14th of March 2031', '2031-03-14'],
  ])('%j = %j', (output, answer) => expect(exactMatch(output, [answer])).toBe(true));
  it.each([
    ['03/04/2031', '4 March 2031'],
    ['03/04/2031', '3 April 2031'],
    ['March 14, 2031', '14 March 2032'],
    ['March 14', '14 March 2031'],
  ])('%j ≠ %j', (output, answer) => expect(exactMatch(output, [answer])).toBe(false));
});

describe('containsVerdict', () => {
  const verdict = (output: string, answer: string, over = {}) => containsVerdict(reference({ answer, ...over }), output).verdict;
  it('finds the answer on whole-word boundaries', () => {
    expect(verdict('He weighs 126 pounds.', '126')).toBe('correct');
    expect(verdict('He weighs 1260 pounds.', '126')).toBe('undecided');
    expect(verdict('She lives in New York City', 'New York City')).toBe('correct');
    expect(verdict('She lives in New York', 'New York City')).toBe('undecided');
    expect(verdict('Use json.parse_text_v2 now', 'json.parse_text')).toBe('undecided');
  });
  it('decides a closed question by the one choice it names', () => {
    expect(verdict('No, he is not.', 'No', { choices: ['Yes', 'No'] })).toBe('correct');
    expect(verdict('Yes, he is.', 'No', { choices: ['Yes', 'No'] })).toBe('incorrect');
    expect(verdict('Yes and no.', 'No', { choices: ['Yes', 'No'] })).toBe('undecided');
    expect(verdict('No one can tell.', 'No', { choices: ['Yes', 'No'] })).toBe('undecided');
  });
});

describe('isDecline', () => {
  it.each(["I don't know.", 'None', 'N/A', 'Unknown', 'This cannot be determined from my knowledge.', 'I do not have information about that.'])(
    'declines: %j',
    (s) => expect(isDecline(s)).toBe(true),
  );
  it.each(['Paris', '126 pounds', 'No', 'Yes, he knows.'])('answers: %j', (s) => expect(isDecline(s)).toBe(false));
});
