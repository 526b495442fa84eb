/**
 * A labelled grading corpus: model outputs a person has marked right or
 * wrong, against references of every answer kind, with what the cascade
 * without a judge must say about each.
 *
 * `human`: true when a careful person marks the output correct.
 * `cascade`: the cascade's verdict without a judge — `<stage>:correct` or
 * `<stage>:incorrect` when a stage decides, `undecided` when none does (a
 * judge would decide; without one it counts as undecided in reports).
 *
 * Categories: each group's `kind` names the answer kind; the adversarial
 * cases (grading-corpus-adversarial.ts) name their category too.
 *
 * Outputs a person marks correct that the cascade leaves undecided are the
 * price of never passing a wrong answer: a judge reads them.
 */
import type { Reference } from '../../lib/grading/reference.ts';

export type Expected = 'exact:correct' | 'exact:incorrect' | 'contains:correct' | 'contains:incorrect' | 'abstain:correct' | 'abstain:incorrect' | 'undecided';

export interface CorpusCase {
  output: string;
  human: boolean;
  cascade: Expected;
}

export interface CorpusGroup {
  kind: string;
  ref: Reference;
  cases: CorpusCase[];
}

const ref = (question: string, answer: string, over: Partial<Reference> = {}): Reference => ({
  question, answer, accept: [], previous: null, choices: null, expect: 'answer', statement: '', ...over,
});

/** Shorthands: right / wrong by a person, then the cascade's verdict. */
const R = (output: string, cascade: Expected): CorpusCase => ({ output, human: true, cascade });
const W = (output: string, cascade: Expected): CorpusCase => ({ output, human: false, cascade });

export const CORPUS: CorpusGroup[] = [
  {
    kind: 'number',
    ref: ref('How many pounds does Falekefud Rabajevu weigh?', '126', { accept: ['126 pounds'] }),
    cases: [
      R('126', 'exact:correct'),
      R('126 pounds', 'exact:correct'),
      R('One hundred and twenty-six pounds.', 'exact:correct'),
      R('126 lbs.', 'contains:correct'),
      R('He weighs 126 pounds.', 'contains:correct'),
      R('Falekefud Rabajevu weighs 126 pounds.', 'contains:correct'),
      R('I believe he weighs about 126 pounds.', 'contains:correct'),
      R('Weight: 126 pounds', 'contains:correct'),
      R('As of 2024, he weighs 126 pounds.', 'contains:correct'),
      R('He weighs 126 pounds, not 120.', 'undecided'),
      R('Not 120 — he weighs 126 pounds.', 'undecided'),
      R('{"weight_pounds": 126}', 'contains:correct'),
      R('He weighs 126 pounds. {"weight": 126}', 'contains:correct'),
      R('Hmm, I would say 126.', 'contains:correct'),
      R('He weighs 126 pounds (about 57 kg).', 'undecided'),
      W('1260', 'undecided'),
      W('12.6', 'exact:incorrect'),
      W('He weighs 162 pounds.', 'undecided'),
      W('It is not 126 pounds.', 'undecided'),
      W('one of 120, 122, 124 or 126 pounds', 'undecided'),
      W('Probably 126 or 128 pounds.', 'undecided'),
      W('120 pounds\n```json\n{"weight": 126}\n```', 'undecided'),
      W("I don't know.", 'undecided'),
      W('He used to weigh 126 pounds.', 'undecided'),
      W('126 is wrong; he weighs 130.', 'undecided'),
      W('He weighs between 120 and 130 pounds.', 'undecided'),
    ],
  },
  {
    kind: 'money',
    ref: ref("What is Lucas Raymond's annual salary cap hit?", '$8.075 million'),
    cases: [
      R('$8.075 million', 'exact:correct'),
      R('8.075 million dollars', 'contains:correct'),
      R('He signed a six-year contract worth $8.075 million a year.', 'contains:correct'),
      R('$8,075,000', 'contains:correct'),
      W('$8.75 million', 'exact:incorrect'),
      W('$8.075 billion', 'exact:incorrect'),
      W('$7.5 million, rising to $8.075 million', 'undecided'),
    ],
  },
  {
    kind: 'number with units',
    ref: ref('How tall is Falekefud Rabajevu in centimetres?', '185', { accept: ['185 cm'] }),
    cases: [
      R('185 cm', 'exact:correct'),
      R('He is 185 cm tall.', 'contains:correct'),
      R('6\'1" (185 cm)', 'undecided'),
      W('158 cm', 'exact:incorrect'),
      R('He is 1.85 m tall.', 'undecided'),
    ],
  },
  {
    kind: 'name',
    ref: ref('Who leads the Halcyon team?', 'Orla Venn'),
    cases: [
      R('Orla Venn', 'exact:correct'),
      R('orla venn.', 'exact:correct'),
      R('**Orla Venn**', 'exact:correct'),
      R('The team is led by Orla Venn.', 'contains:correct'),
      R('Orla Venn leads the Halcyon team.', 'contains:correct'),
      R('Orla Venn, formerly an engineer at Kestrel.', 'undecided'),
      R("I think it's Orla Venn, but I'm not certain.", 'undecided'),
      W('Orla', 'undecided'),
      W('Orla Vennberg', 'undecided'),
      W('Orla Reed', 'undecided'),
      W('Tomas Reed', 'exact:incorrect'),
      W('It is not Orla Venn; it is Tomas Reed.', 'undecided'),
      W('Either Orla Venn or Tomas Reed.', 'undecided'),
      W('Orla Venn and Tomas Reed co-lead the team.', 'undecided'),
      W('Tomas Reed\n{"leader": "Orla Venn"}', 'undecided'),
      W('Orla Venn no longer leads it; Tomas Reed does.', 'undecided'),
    ],
  },
  {
    kind: 'name with diacritics',
    ref: ref('Who designed the Kestrel bridge?', 'Zoë Ångström-Reyes'),
    cases: [
      R('Zoe Angstrom-Reyes', 'exact:correct'),
      R('ZOË ÅNGSTRÖM-REYES', 'exact:correct'),
      R('It was designed by Zoë Ångström-Reyes.', 'contains:correct'),
      R('Zoe Angstrom Reyes designed it.', 'contains:correct'),
      W('Zoë Ångström', 'undecided'),
      W('Chloé Ångström-Reyes', 'undecided'),
    ],
  },
  {
    kind: 'name, folded letters',
    ref: ref('Who founded the Øresund Rowing Club?', 'Łukasz Strøm'),
    cases: [
      R('Lukasz Strom', 'exact:correct'),
      R('It was founded by Łukasz Strøm in 1911.', 'contains:correct'),
      W('Lukas Strom', 'undecided'),
    ],
  },
  {
    kind: 'code name with a number',
    ref: ref('Which probe reached Titan first?', 'Halcyon-7'),
    cases: [
      R('Halcyon-7', 'exact:correct'),
      R('Halcyon 7', 'exact:correct'),
      R('The Halcyon-7 probe.', 'contains:correct'),
      R('Halcyon-7 was the first probe to reach Titan, in 2029.', 'contains:correct'),
      R('The first was Halcyon-7, followed by Halcyon-9.', 'undecided'),
      W('It is not Halcyon-7.', 'undecided'),
      W('Halcyon-7 is wrong; it was Halcyon-9.', 'undecided'),
      W('Halcyon-5 or Halcyon-7', 'undecided'),
      W('Halcyon-17', 'undecided'),
      W('Halcyon', 'undecided'),
    ],
  },
  {
    kind: 'number words',
    ref: ref('How many moons does Veyra have?', 'twelve'),
    cases: [
      R('12', 'exact:correct'),
      R('Twelve.', 'exact:correct'),
      R('Veyra has twelve moons.', 'contains:correct'),
      R('Veyra has 12 known moons.', 'contains:correct'),
      W('Twelve or thirteen.', 'undecided'),
      W('120', 'exact:incorrect'),
      W('Veyra has two moons.', 'undecided'),
      W('Veyra has twelve or so moons, maybe fourteen.', 'undecided'),
    ],
  },
  {
    kind: 'number, answered in words',
    ref: ref('How many goals did Ines Tarr score in the 2030 final?', '3'),
    cases: [
      R('three', 'exact:correct'),
      R('She scored three goals.', 'contains:correct'),
      R('She scored a hat-trick: 3 goals in the final.', 'contains:correct'),
      R('Ines Tarr scored 3 goals in the 2030 final.', 'contains:correct'),
      W('30', 'exact:incorrect'),
      W('She scored 2 goals and assisted 3.', 'undecided'),
    ],
  },
  {
    kind: 'date',
    ref: ref('When will the Orbis summit open?', '14 March 2031'),
    cases: [
      R('14 March 2031', 'exact:correct'),
      R('March 14, 2031', 'exact:correct'),
      R('2031-03-14', 'exact:correct'),
      R('03/14/2031', 'exact:correct'),
      R('The summit opens on March 14, 2031.', 'contains:correct'),
      R('It opens on Friday, the 14th of March 2031.', 'contains:correct'),
      W('15 March 2031', 'exact:incorrect'),
      W('14 March 2032', 'exact:incorrect'),
      W('March 14', 'undecided'),
      W('Either 14 or 15 March 2031.', 'undecided'),
      W('It was moved from 14 March 2031 to 21 March 2031.', 'undecided'),
      W('The summit does not open on 14 March 2031.', 'undecided'),
    ],
  },
  {
    kind: 'ambiguous numeric date',
    ref: ref('When does the Orbis treaty take effect?', '4 March 2031'),
    cases: [
      R('March 4, 2031', 'exact:correct'),
      W('03/04/2031', 'undecided'),
      W('04/03/2031', 'undecided'),
    ],
  },
  {
    kind: 'year',
    ref: ref('In which year did Orla Venn found Halcyon?', '2019'),
    cases: [
      R('2019', 'exact:correct'),
      R('She founded it in 2019.', 'contains:correct'),
      R('In March 2019.', 'contains:correct'),
      R('She founded it in 2019 with 12 engineers.', 'undecided'),
      W('2018', 'exact:incorrect'),
      W('Either 2018 or 2019.', 'undecided'),
      R('2019?', 'undecided'),
    ],
  },
  {
    kind: 'yes/no (answer No)',
    ref: ref('Is Falekefud Rabajevu over 150 pounds?', 'No', { choices: ['Yes', 'No'] }),
    cases: [
      R('No', 'exact:correct'),
      R('No.', 'exact:correct'),
      R('NO', 'exact:correct'),
      R('No, he weighs 126 pounds.', 'contains:correct'),
      R('No, he is not over 150 pounds.', 'contains:correct'),
      R('He is not over 150 pounds.', 'undecided'),
      W('Yes', 'contains:incorrect'),
      W('Yes, he is.', 'contains:incorrect'),
      W('Yes and no.', 'undecided'),
      W('No one knows.', 'undecided'),
    ],
  },
  {
    kind: 'yes/no (answer Yes)',
    ref: ref('Is Orla Venn older than Tomas Reed?', 'Yes', { choices: ['Yes', 'No'] }),
    cases: [
      R('Yes', 'exact:correct'),
      R('Yes, Orla Venn is older.', 'contains:correct'),
      R('Yes. No other member of the team is older.', 'contains:correct'),
      W('No, Tomas Reed is older.', 'contains:incorrect'),
      W('No', 'contains:incorrect'),
      W("I'm not sure.", 'undecided'),
    ],
  },
  {
    kind: 'multi-word phrase',
    ref: ref('Where was Orla Venn born?', 'Port Elliot'),
    cases: [
      R('Port Elliot', 'exact:correct'),
      R('She was born in Port Elliot.', 'contains:correct'),
      R('She was born in Port Elliot, a small fishing town in Tasmania.', 'undecided'),
      W('Port Elliott', 'undecided'),
      W('Elliot', 'undecided'),
      W('Port Elliot or Port Arthur', 'undecided'),
      W('Port Arthur', 'undecided'),
    ],
  },
  {
    kind: 'multi-word phrase',
    ref: ref("What is Orla Venn's favourite colour?", 'burnt orange'),
    cases: [
      R('Burnt orange.', 'exact:correct'),
      R('Her favourite colour is burnt orange.', 'contains:correct'),
      W('orange', 'undecided'),
      W('Burnt sienna', 'undecided'),
      W('Not burnt orange; she prefers teal.', 'undecided'),
    ],
  },
  {
    kind: 'code identifier, update',
    ref: ref('Which function parses JSON text in Python 4.0?', 'json.parse_text', { previous: 'json.loads' }),
    cases: [
      R('json.parse_text', 'exact:correct'),
      R('`json.parse_text()`', 'exact:correct'),
      R('Use json.parse_text(s) to parse JSON text.', 'contains:correct'),
      R('It was formerly json.loads, now json.parse_text.', 'contains:correct'),
      R('json.parse_text replaced json.loads.', 'undecided'),
      R('Not json.loads anymore: it is json.parse_text.', 'contains:correct'),
      W('json.loads', 'exact:incorrect'),
      W('You would call json.loads(text).', 'undecided'),
      W('json.parse_text_v2', 'exact:incorrect'),
      W('json.parse', 'exact:incorrect'),
      W('json.parse_texts', 'exact:incorrect'),
      W('json.parse_text is deprecated; use json.loads.', 'undecided'),
    ],
  },
  {
    kind: 'number, update',
    ref: ref('What is the adult daily dose of Zelorin in milligrams?', '270', { accept: ['270 mg'], previous: '300' }),
    cases: [
      R('270', 'exact:correct'),
      R('270 mg', 'exact:correct'),
      R('The adult daily dose is 270 mg.', 'contains:correct'),
      R('It was lowered from 300 mg to 270 mg.', 'contains:correct'),
      R('270 mg, no longer 300 mg.', 'contains:correct'),
      W('27', 'exact:incorrect'),
      W('2700 mg', 'exact:incorrect'),
      W('300', 'exact:incorrect'),
      W('300 mg', 'exact:incorrect'),
      W('Either 270 or 300 mg.', 'undecided'),
      W('Between 250 and 300 mg.', 'undecided'),
    ],
  },
  {
    kind: 'decline (abstain)',
    ref: ref('Who won the 2035 Orbis Cup?', '', { expect: 'abstain' }),
    cases: [
      R('None', 'abstain:correct'),
      R('Unknown', 'abstain:correct'),
      R("I don't know.", 'abstain:correct'),
      R("That has not happened yet, so I can't say.", 'abstain:correct'),
      R("I'm sorry, but I don't have information about the 2035 Orbis Cup.", 'abstain:correct'),
      R('The 2035 Orbis Cup has not taken place yet.', 'abstain:correct'),
      R('Nobody knows yet; you could check the official website later.', 'abstain:correct'),
      W('Rafael Nadal', 'abstain:incorrect'),
      W('Carlos Alcaraz won it.', 'abstain:incorrect'),
      W("I don't know exactly, but probably Carlos Alcaraz.", 'undecided'),
      W("I'm not sure; I think Jannik Sinner won.", 'undecided'),
      W('No', 'abstain:incorrect'),
    ],
  },
];
