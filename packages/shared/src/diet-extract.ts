// Reading a party's dietary profile from what a customer writes ("I'm vegetarian", "my son has a
// peanut allergy", "2 guests avoid shellfish", "alérgico a los mariscos"), English and basic
// Spanish (issue 16). Deterministic: word lists and a few patterns, no model. It only *extracts*
// a profile; whether a dish is safe is decided by safeForProfile alone.
//
// The text is cut into clauses (at punctuation, and at "and"/"y"/"but" when a new subject
// follows: "one vegan and two vegetarians"); in each clause every allergen, diet and like word
// found is one need, for the clause's guest count: a number ("2 guests", "two of us", "4 are") is
// that many; a single person ("I", "my son", "a guest", a singular Spanish adjective: "alérgico",
// "vegetariana") is 1; otherwise (we, plurals, "no nuts") it isn't said (null). A diet said with
// a negation ("we're not vegetarian", "no somos veganos") and an allergy denied ("not allergic
// to") are dropped; "no X"/"sin X" of an allergen is an avoidance. Questions ("is the chicken
// gluten free?") declare nothing.
import type { Diet, MajorAllergen } from "./allergens";
import { EMPTY_PROFILE, mergeProfiles, type DietaryProfile } from "./diet-profile";

/** The longest text read (a chat message is far shorter). */
const MAX_CHARS = 2000;

const NUMBERS: Record<string, number> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  un: 1,
  uno: 1,
  una: 1,
  dos: 2,
  tres: 3,
  cuatro: 4,
  cinco: 5,
  seis: 6,
  siete: 7,
  ocho: 8,
  nueve: 9,
  diez: 10,
};
const NUMBER = `(?:\\d{1,3}|${Object.keys(NUMBERS).join("|")})`;

/** Words (accents removed, lowercase) that name an allergen. */
const ALLERGEN_WORDS: [RegExp, MajorAllergen[]][] = [
  [/\b(?:peanuts?|mani|cacahuates?|cacahuetes?)\b/, ["peanuts"]],
  [
    /\b(?:tree ?-?nuts?|almonds?|cashews?|walnuts?|pecans?|pistachios?|hazelnuts?|almendras?|nueces)\b/,
    ["tree nuts"],
  ],
  [/\b(?:shell ?-?fish|mariscos?|crustaceans?)\b/, ["shellfish"]],
  [/(?<!shell ?-?)\bfish\b|\bpescados?\b/, ["fish"]],
  // Seafood is both: fish and shellfish.
  [/\bsea ?-?foods?\b/, ["fish", "shellfish"]],
  [/\b(?:milk|dairy|lactose|leche|lacteos?|lactosa)\b/, ["milk"]],
  [/\b(?:eggs?|huevos?)\b/, ["egg"]],
  [/\b(?:wheat|trigo)\b/, ["wheat"]],
  [/\b(?:soya?|soja|soybeans?)\b/, ["soy"]],
  [/\b(?:sesame|sesamo|ajonjoli)\b/, ["sesame"]],
];

/**
 * Foods that are made of an allergen ("allergic to tofu": soy; "can't have flour": wheat). Unlike
 * the allergen names above, a customer also names them as food they want ("extra tofu please"),
 * so they count only in a clause that speaks of an allergy or of avoiding them.
 */
const FOOD_WORDS: [RegExp, MajorAllergen[]][] = [
  // Dishes on the menu ("can we add lobster for everyone", "upgrade 4 people to lobster"): a
  // wish for one is never an allergy (issue 17 round 5, M1).
  [
    /\b(?:shrimps?|prawns?|lobsters?|crabs?|scallops?|clams?|mussels?|oysters?|camarones|camaron|gambas?|langostas?|langostinos?)\b/,
    ["shellfish"],
  ],
  [/\b(?:flour|bread|harina|pan)\b/, ["wheat"]],
  [/\b(?:tofu|edamame|soy sauce|salsa de soya)\b/, ["soy"]],
  [/\b(?:cheese|butter|cream|queso|mantequilla|crema)\b/, ["milk"]],
  [/\b(?:mayo|mayonnaise|mayonesa)\b/, ["egg"]],
  [/\b(?:sesame oil|tahini)\b/, ["sesame"]],
];
const AVOIDING =
  /\b(?:allerg\w*|alergi\w*|alergic\w*|intoleran\w*|sensitiv\w*|avoid\w*|can'?t (?:eat|have)|cannot (?:eat|have)|(?:do|does|did|will|would|can) ?(?:not|n'?t) (?:eat|have)|won'?t (?:eat|have)|never (?:eat|eats|have|has)|anaphyla\w*|epi-?pens?|no|without|free|sin|evita\w*)\b/;
/**
 * A clause asking for food ("can we add lobster for everyone", "upgrade 4 people to seafood",
 * "quiero camarones"). With no word of avoiding it names no allergy, even by an allergen's name.
 */
const WANTING =
  /\b(?:add|adding|upgrade\w*|extra|more|want|wants|wanna|would like|'d like|like to have|get|order|include|swap|switch|instead|quiero|queremos|agreg\w*|anad\w*)\b/;

/** Words that name a diet, singular (one person) or plural. */
const DIET_WORDS: [RegExp, Diet][] = [
  [/\b(?:vegetarian|vegetarians|veggie|vegetarian[oa]s?)\b/, "vegetarian"],
  [/\b(?:vegan|vegans|vegan[oa]s?)\b/, "vegan"],
  [/\b(?:pesc[ae]tarian|pesc[ae]tarians|pesc[ae]tarian[oa]s?)\b/, "pescatarian"],
  [/\bhalal\b/, "halal"],
  [
    /\b(?:gluten|celiac|celiacs|coeliac|coeliacs|celiac[oa]s?|celiaca|celiaquia|sin gluten|gf)\b/,
    "gluten-free",
  ],
];
/** "I don't eat meat", "no meat": vegetarian. */
const NO_MEAT =
  /\b(?:(?:(?:do|does|did) ?(?:n'?t|not)|never|can ?n?[o']?t|cannot|won'?t|none of (?:us|them)|nobody|no one) eats? (?:any )?meat|no meat|meat[- ]free|no (?:como|comemos|come) carne|sin carne)\b/;

const SPICY = /\b(?:spicy|spice|hot and spicy|picante|picantes|picoso)\b/;
const MILD = /\b(?:mild|not (?:too )?spicy|no spicy|sin picante|no picante)\b/;

/** Subjects that mean one person. */
const ONE_PERSON = new RegExp(
  [
    "\\bi\\b",
    "\\bi'?m\\b",
    "\\bme\\b",
    "\\bmy (?:son|daughter|wife|husband|mom|mother|dad|father|kid|child|boy|girl|friend|partner|brother|sister|grandma|grandpa|grandmother|grandfather|aunt|uncle|cousin|niece|nephew|baby|fiance|fiancee|boss|guest)\\b",
    "\\b(?:a|one) (?:guest|person|kid|child|adult|friend)\\b",
    "\\bthe (?:birthday (?:girl|boy|kid|child)|bride|groom|guest of honou?r|host|hostess|cumpleanero|cumpleanera)\\b",
    "\\b(?:someone|somebody)\\b",
    "\\bmi (?:hijo|hija|esposa|esposo|mama|madre|papa|padre|amigo|amiga|hermano|hermana|novio|novia|abuela|abuelo|nino|nina|bebe)\\b",
    "^soy\\b",
    "\\b(?:alergic[oa]|vegetarian[oa]|vegan[oa]|celiac[oa])\\b",
    "\\b(?:a|an|one|un|una) (?:vegan|vegetarian|pescatarian|celiac)\\b",
  ].join("|"),
);

/** A count said in the clause, not the party's size ("we are 10 people", "party of 12"). */
function clauseCount(clause: string): number | null {
  // "a couple of guests are vegan": two.
  const cleaned = clause
    .replace(/\ba couple of\b/g, "two of")
    .replace(
      new RegExp(
        `\\b(?:we are|we're|party of|table for|somos|total of|in total) ${NUMBER}(?: (?:people|guests|adults|personas|invitados))?\\b(?! (?:vegetarian|vegan|pescatarian|celiac))`,
        "g",
      ),
      " ",
    );
  // "10 people including 3 vegetarians", "with 2 vegans": the count next to the diet word.
  const next = new RegExp(
    `(?:^|(?<!\\bof(?: the| our| my)?)\\s)(${NUMBER})\\s+(?:(?:of (?:us|them|the guests)|guests?|people|persons|adults?|kids?)\\s+)?(?:(?:are|is|r)\\s+)?(?:vegetarian|vegan|pescatarian|pescetarian|celiac|gluten|allergic|vegetarian[oa]|vegan[oa])`,
  ).exec(cleaned);
  const m = next ?? new RegExp(`(?:^|\\s)(${NUMBER})(?=\\s|$)`).exec(cleaned);
  if (!m?.[1]) return null;
  const n = /^\d+$/.test(m[1]) ? Number(m[1]) : NUMBERS[m[1]];
  return n && n > 0 ? n : null;
}

/** The party the profile is for, when known: who "the kids" and "the adults" are. */
export interface DietParty {
  adults?: number;
  children?: number;
}

const THE_KIDS =
  /\b(?:the|our|my|all the|all our|both)\s+(?:kids|children|little ones|kiddos|boys and girls)\b|\b(?:los|las|nuestros|mis)\s+(?:ninos|ninas|nenes|chicos|peques)\b/;
const THE_ADULTS = /\b(?:the|all the|all our)\s+(?:adults|grown-?ups|grownups)\b|\blos\s+adultos\b/;

/** A word of a need: a piece with one ("one vegan") is a clause of its own. */
const NEED_WORD =
  /\b(?:vegan\w*|vegetarian\w*|pesc[ea]tarian\w*|celiac\w*|gluten|allerg\w*|alerg\w*|intolerant|halal|kosher|dairy|nuts?|shellfish|meat|carne|free)\b/;

/** Where the subject of a clause ends: its verb ("are", "don't eat", "son"). */
const VERB =
  /\b(?:are|is|am|'re|'s|were|was|dont|don't|do not|doesnt|doesn't|does not|have|has|eat|eats|can't|cant|cannot|won't|avoid|need|(?<!\b(?:my|our|his|her|their|the|a|your) )son|es|somos|estan|tienen|no comen|comen)\b/;
/** One member of a list of people ("my wife", "I", "both of my daughters", "our two kids"). */
const PERSON =
  /^(?:i|me|myself|yo|(?:my|our|his|her|their|the|mi|mis|su|sus|nuestro|nuestra|nuestros)\b.*|(?:one|both|all|two|three|four|five|\d{1,2}|uno|una|dos|tres)\b.*)$/;

/**
 * "my wife and I", "one of the adults and both of my daughters", "my son and daughter": a list
 * of people as the subject, counted one by one (a number or "both" in a member counts it). Null
 * when the subject is no such list.
 */
function subjectListCount(clause: string): number | null {
  const verb = VERB.exec(clause);
  if (!verb) return null;
  const members = clause
    .slice(0, verb.index)
    .trim()
    .split(/\s*(?:,|\band\b|&|\by\b|\bplus\b)\s*/)
    .filter(Boolean);
  if (members.length < 2 || !members.every((m) => PERSON.test(m) || /^\p{L}+$/u.test(m)))
    return null;
  if (!members.some((m) => PERSON.test(m))) return null;
  let total = 0;
  for (const m of members) {
    const n = new RegExp(`\\b(${NUMBER}|both)\\b`).exec(m.replace(/\bone of\b/, "one"));
    total += !n
      ? 1
      : n[1] === "both"
        ? 2
        : /^\d+$/.test(n[1]!)
          ? Number(n[1])
          : (NUMBERS[n[1]!] ?? 1);
  }
  return total;
}

function guestsFor(clause: string, party: DietParty = {}): number | null {
  const listed = subjectListCount(clause);
  if (listed !== null) return listed;
  const n = clauseCount(clause);
  if (n !== null) return n;
  // "the kids are vegetarian" in a party of 8 adults and 2 kids: the 2 children, not everyone.
  if (party.children && THE_KIDS.test(clause) && !THE_ADULTS.test(clause)) return party.children;
  if (party.adults && THE_ADULTS.test(clause) && !THE_KIDS.test(clause)) return party.adults;
  // "We have a vegan": the one guest named, whoever speaks.
  if (/\b(?:a|an|one|un|una) (?:vegan|vegetarian|pescatarian|celiac|guest|person)\b/.test(clause))
    return 1;
  // A plural subject (we, us, everyone, the kids) wins over a singular word in the same clause.
  if (
    /\b(?:we|we're|us|our|all|everyone|everybody|they|the kids|the children|somos|nosotros|todos)\b/.test(
      clause,
    )
  )
    return null;
  return ONE_PERSON.test(clause) ? 1 : null;
}

const QUESTION =
  /^(?:is|are|do|does|can|could|will|would|what|which|how|es|son|tiene|tienen|hay|que|cual|cuales)\b.*\?\s*$/;

/** A clause that denies the need ("not vegetarian", "no somos veganos", "not allergic to"). */
const DIET_NEGATED =
  /\b(?:not|n't|isn't|aren't|no longer|never|no (?:es|soy|somos|son))\s+(?:\w+\s+){0,2}$/;
const ALLERGY_DENIED =
  /\b(?:not|n't|no (?:es|soy|somos|son)|nobody|no one|none)\b.*\b(?:allergic|alergic|allergies|alergias|allergy)\b/;

function readClause(raw: string, party?: DietParty): DietaryProfile {
  const clause = raw.trim();
  if (!clause || QUESTION.test(clause)) return EMPTY_PROFILE;
  const guests = guestsFor(clause, party);
  const profile: DietaryProfile = { avoid: [], diets: [], likes: [] };

  if (!ALLERGY_DENIED.test(clause)) {
    // "soy" is Spanish for "I am" at the start of a clause ("soy vegetariano").
    const text = clause.replace(/^soy\b/, " ");
    const avoiding = AVOIDING.test(text);
    const wish = !avoiding && WANTING.test(text);
    for (const [re, allergens] of ALLERGEN_WORDS) {
      if (wish || !re.test(text)) continue;
      // "dairy" in "lactose intolerant" or "no dairy": milk; "gluten" is a diet, not wheat.
      for (const value of allergens)
        if (!profile.avoid.some((n) => n.value === value)) profile.avoid.push({ value, guests });
    }
    if (avoiding)
      for (const [re, allergens] of FOOD_WORDS) {
        if (!re.test(text)) continue;
        for (const value of allergens)
          if (!profile.avoid.some((n) => n.value === value)) profile.avoid.push({ value, guests });
      }
    // "nuts" alone (not "tree nuts", "peanuts"): both kinds.
    const rest = text.replace(/\bpeanuts?\b|\btree ?-?nuts?\b/g, " ");
    if (!wish && /\bnuts?\b|\bnut-free\b|\bfrutos secos\b/.test(rest))
      for (const value of ["peanuts", "tree nuts"] as const)
        if (!profile.avoid.some((n) => n.value === value)) profile.avoid.push({ value, guests });
  }

  for (const [re, diet] of DIET_WORDS) {
    const m = re.exec(clause);
    if (!m) continue;
    if (DIET_NEGATED.test(clause.slice(0, m.index))) continue;
    if (diet === "gluten-free" && /\bgluten\b/.test(m[0]) && ALLERGY_DENIED.test(clause)) continue;
    if (!profile.diets.some((n) => n.value === diet)) profile.diets.push({ value: diet, guests });
  }
  if (NO_MEAT.test(clause) && !profile.diets.some((n) => n.value === "vegetarian"))
    profile.diets.push({ value: "vegetarian", guests });

  if (MILD.test(clause)) profile.likes.push("mild");
  else if (SPICY.test(clause) && !/\b(?:no|not|don't|hate|sin)\b/.test(clause))
    profile.likes.push("spicy");
  return profile;
}

/** Lowercase, accents off, typographic quotes plain, whitespace single. */
function normalise(text: string): string {
  return (
    text
      .slice(0, MAX_CHARS)
      // Full-width and other compatibility letters ("ｓｈｅｌｌｆｉｓｈ") as plain ones.
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .replace(/[\u2018\u2019\u02bc]/g, "'")
      .toLowerCase()
      .replace(/[^\p{L}\p{N}'?.,;:!\s-]/gu, " ")
      .replace(/\s+/g, " ")
      .trim()
  );
}

const SUBJECT_AHEAD = `(?=(?:my|mi|our|a|an|the|su|sus|nuestro|nuestra|i|i'm|we|we're|he|she|they|${NUMBER})\\b)`;

/**
 * The dietary profile a message declares (empty when it declares none). With `party` (the party
 * already known), "the kids" and "the adults" are counted as its children and adults.
 */
export function extractDietaryProfile(text: string, party?: DietParty): DietaryProfile {
  const t = exceptionsCounted(normalise(text), party);
  if (!t) return { avoid: [], diets: [], likes: [] };
  const clauses = t.split(/(?<=\?)|[.;!:]+|,\s*(?:and\s+|y\s+|but\s+|pero\s+)?/).flatMap((c) =>
    c
      .split(new RegExp(`\\s+(?:and|y|but|pero|while)\\s+${SUBJECT_AHEAD}`))
      // "my wife and I are vegan": a piece with no verb is part of the next one's subject.
      .reduce<string[]>((acc, piece) => {
        const last = acc[acc.length - 1];
        if (last !== undefined && !VERB.test(last) && !NEED_WORD.test(last))
          acc[acc.length - 1] = `${last} and ${piece}`;
        else acc.push(piece);
        return acc;
      }, []),
  );
  return clauses.reduce((acc, c) => mergeProfiles(acc, readClause(c, party)), {
    avoid: [],
    diets: [],
    likes: [],
  } as DietaryProfile);
}

const COUNT_WORD = `(${NUMBER}|a couple(?: of)?|my \\w+|me)`;
const countOf = (w: string) =>
  /^(?:my |me$)/.test(w)
    ? 1
    : /^a couple/.test(w)
      ? 2
      : /^\d+$/.test(w)
        ? Number(w)
        : (NUMBERS[w] ?? NaN);

/**
 * Counts said by what is left of the party (round 7, H4), as numbers, when the party is known:
 * "all but 2 of us are vegetarian" in a party of 10 is "8 are vegetarian", "everyone except my
 * dad is vegan" 9, "half of us are vegetarian" 5, "only 2 people eat meat, the rest are
 * vegetarian" "8 are vegetarian". Unknown party: "some of us".
 */
function exceptionsCounted(t: string, party?: DietParty): string {
  const total = (party?.adults ?? 0) + (party?.children ?? 0);
  const left = (n: number) => (total > 0 && n < total ? `${total - n} of us` : "some of us");
  return t
    .replace(
      new RegExp(
        `\\b(?:all|every ?(?:one|body)|all of us|every one of us|every ?body of us)(?: of us)?\\s+(?:but|except(?: for)?|apart from|besides)\\s+${COUNT_WORD}(?:\\s+(?:of us|of them|people|persons|guests|adults))?\\b`,
        "g",
      ),
      (m, w: string) => (Number.isFinite(countOf(w)) ? left(countOf(w)) : m),
    )
    .replace(
      new RegExp(
        `\\b(?:everyone|everybody|all of us|we(?:'re| are) all)\\s+(?:is|are)\\s+([a-z]+(?:[- ][a-z]+)?)\\s+(?:except(?: for)?|but|apart from)\\s+${COUNT_WORD}\\b`,
        "g",
      ),
      (m, diet: string, w: string) =>
        Number.isFinite(countOf(w)) ? `${left(countOf(w))} are ${diet}` : m,
    )
    .replace(
      /\bhalf\s+(?:of\s+)?(?:us|them|the group|the party|the guests|our group|our party|everyone)\b/g,
      (m) => (total >= 2 ? `${Math.floor(total / 2)} of us` : m),
    )
    .replace(
      new RegExp(
        `\\bonly\\s+${COUNT_WORD}(?:\\s+(?:of us|of them|people|persons|guests|adults))?\\s+(?:eats?|want|wants)\\s+(?:meat|steak|chicken)\\b[,;.]?\\s*(?:and\\s+|so\\s+)?(?:the rest|everyone else|everybody else|the others|all the others)\\s+(?:of us\\s+)?(?:are|is|will be|r)\\b`,
        "g",
      ),
      (m, w: string) => (Number.isFinite(countOf(w)) ? `${left(countOf(w))} are` : m),
    );
}

/** The same needs with the same counts and the same likes, in any order. */
export function sameProfile(a: DietaryProfile, b: DietaryProfile): boolean {
  const key = (p: DietaryProfile) =>
    JSON.stringify({
      avoid: p.avoid.map((n) => `${n.value}:${n.guests}`).sort(),
      diets: p.diets.map((n) => `${n.value}:${n.guests}`).sort(),
      likes: [...p.likes].sort(),
    });
  return key(a) === key(b);
}

/**
 * "Never mind, no one has an allergy", "scratch the allergy, that was a mistake", "sorry, my
 * mistake, nobody has allergies": the allergies said before are taken back.
 */
const ALLERGIES_TAKEN_BACK =
  /\b(?:never ?mind|scratch|forget|ignore|cancel|remove|delete|take (?:off|back|out)|drop|disregard)\b.{0,30}\b(?:allerg\w*|alergi\w*)|\b(?:no ?one|nobody|none of us|none of them)\s+(?:actually\s+|really\s+)?(?:has|have|is|are)\s+(?:an?\s+|any\s+)?(?:allerg\w*)|\b(?:my mistake|i was wrong|that was a mistake|i misspoke)\b.{0,40}\ballerg\w*|\ballerg\w*\b.{0,40}\b(?:my mistake|was a mistake|i was wrong)\b|\bno (?:allergies|allergy) after all\b|\bnadie (?:tiene|es) (?:alergia|al[eé]rgic)/i;

export function allergiesTakenBack(text: string): boolean {
  return ALLERGIES_TAKEN_BACK.test(text);
}
