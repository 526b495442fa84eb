/**
 * The closed word lists the deterministic grading stages read (proof.ts,
 * candidates.ts, stages/abstain.ts), kept here as data so that what a stage
 * can and cannot prove is one reviewable file. English only: an output in
 * another language is undecided (FOREIGN_FUNCTION_WORDS).
 *
 * Entries are written as people write them; they are compared after
 * normalization (normalize.ts: lower case, diacritics folded, number words as
 * digits, a/an/the dropped), word by word. A phrase matches a run of whole
 * words. Adding a word to a list of NEGATION … ALTERNATIVE makes more outputs
 * undecided, never one more pass.
 */

/**
 * Negation and denial: a word from this list anywhere in an output (outside
 * the question's own wording) means something in it is denied, so the
 * output does not prove an answer ("It is not Halcyon-7", "Halcyon-7? No.",
 * "that is a myth"). Any word ending in n't counts too (isn't, doesn't).
 */
export const NEGATION = [
  'not', 'no', 'never', 'none', 'nobody', 'nothing', 'neither', 'nor', 'cannot', 'without',
  'wrong', 'incorrect', 'false', 'untrue', 'mistaken', 'inaccurate', 'myth', 'hoax', 'fake', 'nonexistent', 'non-existent',
  'deny', 'denies', 'denied', 'refute', 'refuted', 'debunked', 'disproved', 'dispute', 'disputed', 'nope',
  'except', 'excluding', 'apart from', 'other than', 'besides', 'anyone but', 'anybody but', 'anything but', 'lost to',
];

/**
 * Doubt and hedges: the output does not commit ("Maybe Kit Maro", "I doubt
 * it's Halcyon-7", "probably 126", "not sure"). A question mark outside the
 * restated question counts as doubt too (proof.ts).
 */
export const DOUBT = [
  'maybe', 'perhaps', 'possibly', 'possible', 'probably', 'probable', 'likely', 'unlikely', 'might', 'may', 'could',
  'doubt', 'doubts', 'doubtful', 'unsure', 'uncertain', 'unclear', 'unknown', 'unconfirmed', 'unverified', 'guess', 'guessing', 'guessed',
  'suspect', 'presumably', 'apparently', 'seemingly', 'seems', 'seem', 'appears', 'speculate', 'speculated', 'speculation', 'speculative',
  'rumor', 'rumors', 'rumour', 'rumours', 'rumored', 'rumoured', 'allegedly', 'supposedly', 'reportedly', 'purportedly',
  'estimate', 'estimates', 'i wonder', 'not certain', 'not sure', 'hard to say', 'who knows', 'confidence', 'confident',
  'percent sure', 'percent certain', 'tentative', 'tentatively', 'provisional', 'provisionally', 'tbc', 'tbd', 'pending',
];

/** Conditions and hypotheticals: the answer is asserted only under a supposition ("If it were Orla Venn I would know"). */
export const CONDITION = [
  'if', 'unless', 'whether', 'suppose', 'supposing', 'assuming', 'assume', 'hypothetically', 'hypothetical', 'imagine', 'imagining',
  'otherwise', 'in case', 'provided that', "let's say", 'lets say', 'pretend',
  // A condition said by inversion ("Were it Kit Maro, I would know"): the verb first, then its subject.
  'were it', 'were he', 'were she', 'were they', 'had it been', 'had he been', 'had she been', 'had they been', 'should it be', 'in the event',
];

/**
 * Retraction, correction and replacement: the output takes something back
 * or says what was replaced by what ("Orla Venn. Just kidding, it is Kit
 * Maro.", "formerly json.loads"), so which answer it ends on is not proven
 * by words alone. On update questions the words that mark the previous
 * answer as old are read in its own clause (proof.ts).
 */
export const RETRACTION = [
  'kidding', 'joking', 'joke', 'jk', 'scratch', 'retract', 'retracted', 'correction', 'oops', 'mistake', 'actually', 'wait',
  'instead', 'rather', 'rather than', 'instead of', 'i mean', 'on second thought', 'reconsider', 'formerly', 'previously', 'former',
  'used to', 'no longer', 'anymore', 'any more', 'outdated', 'obsolete', 'deprecated', 'replaced', 'replaces', 'replace', 'superseded',
  'supersedes', 'renamed', 'until', 'earlier', 'ex', 'postponed', 'rescheduled', 'cancelled', 'canceled', 'pushed back',
  'brought forward', 'moved to',
];

/**
 * Attribution: the answer is quoted as someone else's claim or guess ("Some
 * people guess Orla Venn; that is a myth", "critics claim …").
 */
export const ATTRIBUTION = ['claim', 'claims', 'claimed', 'thought to be', 'believed to be', 'said to be', 'some say', 'people say', 'they say', 'folklore', 'legend', 'contrary'];

/**
 * Alternatives and lists: the output offers more than one answer ("Kit Maro
 * or Orla Venn", "Candidates: …", "one of", "between 120 and 130",
 * "someone else").
 */
export const ALTERNATIVE = [
  'or', 'either', 'alternatively', 'and/or', 'versus', 'vs', 'one of', 'candidates', 'candidate', 'options', 'option', 'possibilities',
  'alternatives', 'contenders', 'shortlist', 'between', 'else', 'another', 'range', 'ranging',
];

/**
 * Comparisons and multipliers: the number in the output is not the answer
 * itself but a difference, a ratio or a multiple ("126 pounds more than his
 * brother", "twice 126"). A reference's own bound (`more than 7 million`)
 * is the answer's own words, not one of these.
 */
export const COMPARISON = ['than', 'times', 'twice', 'double', 'doubled', 'triple', 'tripled', 'half', 'minus', 'plus', 'difference'];

/** Words before a date that move it ("after 14 March 2031", "by March 2031"). */
export const DATE_BOUNDS = ['after', 'before', 'by', 'since', 'until', 'till', 'from', 'around', 'circa', 'about', 'approximately', 'early', 'late', 'mid', 'sometime', 'between', 'not'];

/**
 * Scale words: after a number they multiply it ("126 thousand", "126
 * million"), so the number is not the answer unless the answer has the same
 * scale. normalize.ts turns hundred, thousand and million into digits; the
 * others stay words.
 */
export const SCALE = ['hundred', 'hundreds', 'thousand', 'thousands', 'million', 'millions', 'billion', 'billions', 'trillion', 'trillions', 'k', 'mn', 'bn', 'dozen', 'dozens', 'lakh', 'crore', 'grand'];

/** Values of the scale words normalize.ts leaves as words. */
export const SCALE_VALUES: Record<string, number> = {
  hundred: 100, hundreds: 100, thousand: 1e3, thousands: 1e3, k: 1e3, grand: 1e3, million: 1e6, millions: 1e6, mn: 1e6,
  billion: 1e9, billions: 1e9, bn: 1e9, trillion: 1e12, trillions: 1e12, dozen: 12, dozens: 12, lakh: 1e5, crore: 1e7,
};

/**
 * Approximations before a number: allowed when the reference has no bound
 * of its own ("about 50%" for 50%).
 */
export const APPROXIMATORS = ['about', 'around', 'approximately', 'roughly', 'circa', 'ca', 'some', 'estimated', 'close to', 'an estimated'];

/**
 * Bounds before a number: a different claim than the number itself ("more
 * than 7 million"). A reference may carry one (then an output may keep it
 * or drop it); an output may not add one the reference lacks.
 */
export const BOUNDS = [
  'more than', 'over', 'above', 'at least', 'in excess of', 'upwards of', 'exceeding', 'less than', 'fewer than', 'under', 'below',
  'at most', 'up to', 'nearly', 'almost', 'just over', 'just under', 'no more than', 'no less than', 'not quite',
];

/** Bounds that say the same (`over` is `more than`). */
export const BOUND_SYNONYMS: Record<string, string> = {
  over: 'more than', above: 'more than', 'in excess of': 'more than', 'upwards of': 'more than', exceeding: 'more than', 'just over': 'more than',
  'fewer than': 'less than', under: 'less than', below: 'less than', 'just under': 'less than', 'no more than': 'at most', 'no less than': 'at least',
};

/**
 * Carrier phrases: words that only introduce an answer. An output made of
 * one candidate and these alone is a short answer (proof.ts), which a stage
 * may fail when the candidate is not accepted.
 */
export const CARRIERS = [
  'answer', 'answer is', 'my answer is', 'final answer', 'final answer is', 'it is', "it's", 'it was', 'that is', "that's", 'this is',
  'is', 'was', 'are', 'were', 'will be', 'i think', 'i believe', 'i think it is', "i think it's", 'i believe it is', 'i would say',
  "i'd say", 'sure', 'okay', 'ok', 'here', 'result', 'response', 'output', 'named', 'called', 'of course', 'certainly', 'correct answer',
];

/**
 * Words of other languages that English does not use: an output holding one
 * (outside the question's words) is not in English, so it is undecided.
 * Non-Latin letters outside the question's words say the same.
 */
export const FOREIGN_FUNCTION_WORDS = [
  // German
  'ist', 'sind', 'nicht', 'kein', 'keine', 'und', 'oder', 'der', 'das', 'ein', 'eine', 'mit', 'vielleicht', 'ich', 'wer', 'wurde', 'auch',
  // French
  "c'est", 'les', 'une', 'ou', 'pas', 'peut-etre', 'qui', 'avec', 'je', 'il', 'elle', 'sont', 'etait', 'du', 'des', 'au', 'aux',
  // Spanish, Portuguese, Italian
  'es', 'el', 'los', 'las', 'una', 'que', 'fue', 'quizas', 'pero', 'nao', 'sono', 'forse', 'chi', 'gli', 'della', 'por', 'para', 'con',
  // Dutch
  'het', 'een', 'niet', 'wie', 'misschien', 'zijn', 'ik',
  // "I don't know" and kin
  'lo', 'se', 'sais', 'weiss', 'sei', 'ne', 'nao',
];

/**
 * Titles and roles that say the name after them is a person ("President
 * Samia Suluhu Hassan", "running back Dare Ogunbowale"); stripped when a
 * name is compared with the answer ("Mayor Doug Diny" is "Doug Diny").
 */
export const PERSON_TITLES = [
  'mr', 'mrs', 'ms', 'miss', 'dr', 'prof', 'professor', 'rev', 'reverend', 'sir', 'dame', 'lord', 'lady', 'st', 'saint', 'president',
  'vice president', 'prime minister', 'minister', 'chancellor', 'premier', 'governor', 'senator', 'rep', 'representative', 'mayor',
  'king', 'queen', 'prince', 'princess', 'pope', 'general', 'gen', 'colonel', 'col', 'captain', 'capt', 'lt', 'sgt', 'judge', 'justice',
  'coach', 'manager', 'ceo', 'chairman', 'chair', 'director', 'secretary', 'ambassador', 'quarterback', 'pitcher', 'running back',
  'safety', 'striker', 'goalkeeper', 'player', 'actor', 'actress', 'singer', 'rapper', 'author', 'pastor', 'bishop', 'cardinal', 'sheikh',
  'jr', 'sr',
];

/**
 * Last words that say a name is an organisation, a group or an event, not a
 * person ("Liberal Democratic Party", "Laver Cup").
 */
export const ORG_HEADS = [
  'party', 'agency', 'organization', 'organisation', 'association', 'administration', 'department', 'ministry', 'council', 'committee',
  'commission', 'union', 'company', 'inc', 'corp', 'corporation', 'ltd', 'llc', 'group', 'club', 'team', 'university', 'college', 'school',
  'institute', 'foundation', 'bank', 'festival', 'cup', 'championship', 'championships', 'league', 'stadium', 'arena', 'center', 'centre',
  'hospital', 'court', 'awards', 'award', 'games', 'series', 'bowl', 'open', 'tour', 'service', 'program', 'programme', 'project', 'act',
  'bill', 'treaty', 'summit', 'conference', 'network', 'news', 'times', 'post', 'journal', 'press', 'website', 'office', 'police', 'army',
  'forces', 'force', 'navy', 'government', 'congress', 'parliament', 'senate', 'house', 'storm', 'hurricane', 'typhoon', 'cyclone',
  'airport', 'station', 'museum', 'financial', 'capital', 'fund', 'trust', 'partners', 'holdings', 'labs', 'systems', 'technologies',
  'media', 'records', 'studios',
];

/** Nouns after who/which/what that ask for a person ("Which player …", "Who is the Presbyterian minister …"). */
export const PERSON_NOUNS = [
  'person', 'people', 'individual', 'individuals', 'player', 'players', 'actor', 'actress', 'athlete', 'man', 'woman', 'candidate',
  'minister', 'pastor', 'coach', 'manager', 'leader', 'president', 'official', 'author', 'singer', 'pitcher', 'quarterback', 'driver',
  'rider', 'runner', 'swimmer', 'golfer', 'boxer', 'fighter', 'director', 'ceo', 'founder', 'winner', 'executive', 'senator', 'governor',
  'mayor', 'judge', 'artist', 'musician', 'writer', 'journalist', 'scientist', 'doctor', 'suspect', 'victim', 'student', 'teacher', 'politician',
];

/** Nouns after which/what that ask for a place ("Which nation's leader …", "To which country …"); `where` asks for one too. */
export const PLACE_NOUNS = [
  'nation', 'country', 'countries', 'nations', 'city', 'cities', 'state', 'province', 'region', 'place', 'location', 'capital', 'county',
  'island', 'river', 'town', 'village', 'continent', 'territory', 'district',
];

/** Nouns after which/what that ask for something named that is neither a person nor a place ("Which NFL teams …"). */
export const NON_PERSON_NOUNS = [
  'team', 'teams', 'organization', 'organisation', 'entity', 'agency', 'company', 'party',
  'club', 'school', 'university', 'college', 'group', 'title', 'project',
  'venture', 'brand', 'product', 'film', 'movie', 'book', 'song', 'album', 'show', 'series', 'event', 'tournament', 'award', 'drug',
  'vaccine', 'weapon', 'kind', 'type', 'network', 'channel', 'platform', 'app', 'airline', 'ship', 'vessel', 'storm', 'hurricane', 'body',
  'institution', 'court', 'department', 'ministry', 'government', 'stadium', 'venue',
];

/** Words before a name that say it is a place ("games in London, Mexico and Germany"). */
export const PLACE_PREPOSITIONS = ['in', 'at', 'near', 'across', 'throughout'];

/** Words that ask for a number ("How many …", "What was the death toll …"). */
export const NUMBER_QUESTION_WORDS = [
  'how many', 'how much', 'how far', 'how long', 'how tall', 'how high', 'how heavy', 'how old', 'number', 'amount', 'total', 'percentage',
  'proportion', 'share', 'toll', 'temperature', 'distance', 'weight', 'height', 'tonnage', 'price', 'cost', 'salary', 'score', 'count',
  'rate', 'figure', 'sum', 'area', 'length', 'value', 'size', 'age',
];

/** Words that ask for a date. */
export const DATE_QUESTION_WORDS = ['when', 'what date', 'which date', 'what day', 'which day', 'what year', 'which year', 'what month'];

/**
 * Units after a number, grouped by what they measure: a number with a unit
 * of another dimension than the answer's is another quantity, not a rival
 * ("a six-year contract worth $8.075 million"); one of the same dimension
 * but another unit is a rival ("126 kg" for 126 pounds).
 */
export const UNITS: Record<string, string[]> = {
  money: ['usd', 'dollar', 'dollars', 'eur', 'euro', 'euros', 'gbp', 'sterling', 'yen', 'yuan', 'rupees', 'cents', 'cent'],
  mass: ['pound', 'pounds', 'lb', 'lbs', 'kg', 'kgs', 'kilogram', 'kilograms', 'kilo', 'kilos', 'gram', 'grams', 'g', 'mg', 'milligram', 'milligrams', 'ton', 'tons', 'tonne', 'tonnes', 'ounce', 'ounces', 'oz'],
  length: ['meter', 'meters', 'metre', 'metres', 'm', 'cm', 'centimeter', 'centimeters', 'centimetre', 'centimetres', 'mm', 'km', 'kilometer', 'kilometers', 'kilometre', 'kilometres', 'mile', 'miles', 'yard', 'yards', 'yd', 'foot', 'feet', 'ft', 'inch', 'inches'],
  area: ['acre', 'acres', 'hectare', 'hectares', 'ha'],
  time: ['year', 'years', 'yr', 'yrs', 'month', 'months', 'week', 'weeks', 'day', 'days', 'hour', 'hours', 'minute', 'minutes', 'second', 'seconds', 'decade', 'decades'],
  temperature: ['degree', 'degrees', 'fahrenheit', 'celsius'],
  share: ['percent', 'per cent', 'percentage'],
};

/** Spellings of one unit (`lbs` is `pounds`). */
export const UNIT_SYNONYMS: string[][] = [
  ['pound', 'pounds', 'lb', 'lbs'], ['kg', 'kgs', 'kilogram', 'kilograms', 'kilo', 'kilos'], ['gram', 'grams', 'g'], ['mg', 'milligram', 'milligrams'],
  ['ton', 'tons', 'tonne', 'tonnes'], ['ounce', 'ounces', 'oz'], ['meter', 'meters', 'metre', 'metres', 'm'],
  ['cm', 'centimeter', 'centimeters', 'centimetre', 'centimetres'], ['km', 'kilometer', 'kilometers', 'kilometre', 'kilometres'],
  ['mile', 'miles'], ['yard', 'yards', 'yd'], ['foot', 'feet', 'ft'], ['inch', 'inches'], ['usd', 'dollar', 'dollars'],
  ['eur', 'euro', 'euros'], ['gbp', 'sterling'], ['year', 'years', 'yr', 'yrs'], ['day', 'days'], ['hour', 'hours'], ['degree', 'degrees'],
  ['percent', 'per cent', 'percentage'], ['acre', 'acres'], ['hectare', 'hectares', 'ha'], ['month', 'months'], ['week', 'weeks'],
];

/** Words that say who won, so a score's winning side answers "how many … to win" ("Japan scored 7" for 7-0). */
export const WIN_WORDS = ['win', 'won', 'wins', 'winning', 'victory', 'beat', 'beating', 'defeat', 'defeated', 'defeating', 'triumph'];

/**
 * Decline forms: a sentence holding one says the model will not or cannot
 * answer ("I cannot give you a definitive answer", "it's impossible to say",
 * "I would need to know …", "I don't have specific information", "I cannot
 * access …").
 */
export const DECLINE_FORMS = [
  // not knowing
  "i don't know", 'i do not know', 'i dont know', "don't know", 'do not know', 'not sure', 'unsure', 'no one knows', 'nobody knows',
  'is unknown', 'are unknown', 'remains unknown', 'still unknown', 'currently unknown', 'not yet known', 'is not known', 'are not known',
  'cannot know', "can't know", 'no way to know', 'not possible to know', 'impossible to know', 'impossible to say', 'impossible to definitively',
  'impossible to answer', 'impossible to predict', 'impossible to determine', 'cannot say', "can't say", 'cannot definitively', "can't definitively",
  'cannot be determined', 'cannot determine', "can't determine", 'unable to determine', 'not certain', 'i am not aware', "i'm not aware", 'not aware of',
  // no information, no access
  'no information', 'no data', 'no record', 'no records', 'no reliable', 'no credible', 'no verifiable', 'no publicly available', 'no public information',
  'no news', 'no reports', 'no official', 'no knowledge', 'no evidence', 'no confirmed', "don't have", 'do not have', 'not have access', 'cannot access',
  "can't access", 'cannot directly access', 'not connected to', 'no access', 'not enough information', 'insufficient information',
  'information is not available', 'information not available', 'not available', 'not yet available', 'not publicly available', 'not readily available',
  'not readily accessible', 'not publicly released', 'not typically released', 'knowledge cutoff', 'knowledge cut-off', 'my training data',
  'my last update', 'beyond my knowledge', 'my knowledge', 'real-time information', 'real time information', 'real-time access', 'real-time data',
  'cannot find', "can't find", 'could not find', "couldn't find", 'unable to find', 'did not find', 'yielded no results', 'no results',
  'cannot browse', 'cannot verify', 'unable to verify', 'cannot confirm', 'unable to confirm',
  // refusing
  'cannot answer', "can't answer", 'unable to answer', 'not able to answer', 'unable to provide', 'not able to provide', 'cannot provide',
  "can't provide", 'cannot give', "can't give", 'cannot tell', "can't tell", 'unable to tell', 'cannot identify', "can't identify", 'unable to identify',
  'cannot help', "can't help", 'cannot assist', "can't assist", 'unable to assist', 'cannot predict', "can't predict", 'unable to predict',
  'do not have predictive', 'would need to know', 'would need to', 'need more information', 'need more context', 'unable to give', 'no answer',
  'cannot be answered', 'cannot definitively answer', 'cannot comment',
  // not happened, no such thing (denials of the question's premise)
  'has not happened', "hasn't happened", 'has not occurred', "hasn't occurred", 'not yet occurred', 'not yet happened', 'did not occur',
  "didn't occur", 'did not happen', "didn't happen", 'did not take place', "didn't take place", 'has not been announced', "hasn't been announced",
  'not been announced', 'not yet been', 'not been revealed', 'has not taken place', "hasn't taken place", 'there is no', 'there was no',
  'there are no', 'there were no', "there's no", 'no such', 'does not exist', "doesn't exist", 'did not exist', 'not exist', 'is inaccurate',
  'may be inaccurate', 'is incorrect', 'not a real', 'no one', 'nobody',
];

/**
 * Advice: a sentence with one of these points the reader elsewhere ("you
 * should check ESPN or MLB.com"); names in it are sources, not answers.
 */
export const ADVICE = [
  'check', 'checking', 'consult', 'consulting', 'search', 'searching', 'look for', 'look at', 'look up', 'looking for', 'visit', 'refer to',
  'recommend', 'suggest', 'try', 'contact', 'monitor', 'follow', 'rely on', 'verify', 'keep an eye', 'find this information',
  'find the answer', 'find out', 'to find', 'sources such as', 'sources like', 'sites like', 'websites like', 'such as',
];

/**
 * Guesses after a decline: a sentence holding one of these after a decline
 * may give an answer after all ("I can't be sure; probably Nadal"), so the
 * response is no pure decline.
 */
export const GUESS_MARKERS = ['maybe', 'perhaps', 'i think', 'i believe', 'my guess', 'i guess', "i'd guess", 'best guess', 'i would guess', "i'd say", 'i would say', 'i suspect', 'probably', 'most likely', 'my bet', 'if i had to'];

/** Whole outputs that are a decline by themselves ("None." as FineTuneBench's models decline). */
export const DECLINE_ANSWERS = ['none', 'null', 'nothing', 'no one', 'nobody', 'unknown', 'idk', 'no answer', 'not sure', 'unsure', 'no idea', 'n/a', 'na', 'not known', 'cannot say', 'no comment'];

/**
 * English words that can start a sentence with a capital without being a
 * name: function words and common sentence openers. A capitalised word not
 * here, at the start of a sentence, is read as a name (so a rival is never
 * missed for starting a sentence).
 */
export const COMMON_WORDS = [
  'a', 'an', 'the', 'i', "i'm", "i'd", "i've", "i'll", 'it', "it's", 'its', 'he', 'she', 'they', 'we', 'you', 'this', 'that', 'these',
  'those', 'there', "there's", 'here', "here's", 'his', 'her', 'their', 'our', 'your', 'my', 'on', 'in', 'at', 'as', 'to', 'for', 'from',
  'by', 'with', 'of', 'after', 'before', 'during', 'since', 'following', 'based', 'according', 'and', 'but', 'so', 'yet', 'also', 'then',
  'therefore', 'thus', 'hence', 'however', 'while', 'although', 'though', 'because', 'when', 'where', 'what', 'which', 'who', 'whom',
  'whose', 'why', 'how', 'yes', 'hi', 'hello', 'sure', 'okay', 'ok', 'well', 'note', 'answer', 'unfortunately', 'sadly', 'regrettably',
  'sorry', 'apologies', 'please', 'thank', 'thanks', 'information', 'data', 'details', 'official', 'officially', 'reputable', 'reliable',
  'major', 'such', 'any', 'some', 'several', 'few', 'various', 'numerous', 'multiple', 'certain', 'much', 'many', 'all', 'each', 'every', 'many', 'most', 'more', 'other', 'another', 'both', 'one', 'two', 'three', 'first',
  'finally', 'additionally', 'furthermore', 'moreover', 'also', 'overall', 'specifically', 'generally', 'typically', 'usually', 'currently',
  'today', 'yesterday', 'tomorrow', 'now', 'recently', 'later', 'again', 'still', 'just', 'only', 'even', 'instead', 'rather', 'indeed',
  'in', 'if', 'unless', 'whether', 'not', 'no', 'never', 'none', 'nobody', 'nothing', 'maybe', 'perhaps', 'possibly', 'probably',
  'check', 'consult', 'search', 'look', 'visit', 'try', 'contact', 'wait', 'see', 'find', 'to', 'be', 'is', 'was', 'are', 'were', 'will',
  'would', 'should', 'could', 'can', 'may', 'might', 'must', 'do', 'does', 'did', 'has', 'have', 'had', 'let', "let's", 'given', 'due',
  'as', 'like', 'unlike', 'about', 'around', 'approximately', 'roughly', 'nearly', 'almost', 'over', 'under', 'more', 'less', 'total',
  'news', 'sports', 'game', 'games', 'reports', 'report', 'sources', 'source', 'websites', 'website', 'sites', 'site', 'results', 'result',
  'historical', 'weather', 'contract', 'polling', 'professional', 'accurate', 'real-time', 'live', 'specific', 'exact', 'why', 'reason',
  'dynamic', 'delayed', 'inconsistent', 'potentially', 'access', 'availability', 'accuracy', 'sensitivity', 'volatility', 'identify',
  'announcements', 'injuries', 'checking', 'searching', 'looking', 'wait', 'remember', 'keep', 'it', 'consider', 'look', 'contact', 'use',
];
