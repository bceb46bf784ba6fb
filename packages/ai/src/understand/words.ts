// Language, not business data: the words customers use for numbers, people, holidays and food,
// in English and Spanish. Menu NAMES come from the catalog (kb.ts); these lists only say how a
// customer's word maps onto the words a menu is written in ("langosta" -> "lobster").

export const NUMBER_WORDS: Record<string, number> = {
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
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  twenty: 20,
  "twenty five": 25,
  "twenty-five": 25,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  dozen: 12,
  "a dozen": 12,
  "half a dozen": 6,
  "two dozen": 24,
  "three dozen": 36,
  "a couple": 2,
  "a couple of": 2,
  couple: 2,
  // Spanish
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
  once: 11,
  doce: 12,
  trece: 13,
  catorce: 14,
  quince: 15,
  dieciseis: 16,
  dieciséis: 16,
  diecisiete: 17,
  dieciocho: 18,
  diecinueve: 19,
  veinte: 20,
  veinticinco: 25,
  treinta: 30,
  cuarenta: 40,
  cincuenta: 50,
  "una docena": 12,
  docena: 12,
};

// Numbers 1-99 in words, English and Spanish, tens and units written together: "twenty-four",
// "twenty four", "seventy-five", "veinticuatro", "treinta y dos".
export const EN_UNITS = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine"];
export const EN_TENS = [
  "twenty",
  "thirty",
  "forty",
  "fifty",
  "sixty",
  "seventy",
  "eighty",
  "ninety",
];
const ES_UNITS: Record<string, number> = Object.fromEntries(
  ["uno", "una", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve"].map((w) => [
    w,
    NUMBER_WORDS[w]!,
  ]),
);
const ES_TENS = ["treinta", "cuarenta", "cincuenta", "sesenta", "setenta", "ochenta", "noventa"];
const ES_VEINTI: Record<string, number> = {
  veintiuno: 21,
  veintiuna: 21,
  veintidos: 22,
  veintidós: 22,
  veintitres: 23,
  veintitrés: 23,
  veinticuatro: 24,
  veinticinco: 25,
  veintiseis: 26,
  veintiséis: 26,
  veintisiete: 27,
  veintiocho: 28,
  veintinueve: 29,
};
const COMPOUND_EN = `(?:${EN_TENS.join("|")})(?:[- ]?(?:${EN_UNITS.join("|")}))?`;
const COMPOUND_ES = `(?:${ES_TENS.join("|")})(?:\\s+y\\s+(?:${Object.keys(ES_UNITS).join("|")}))?|${Object.keys(ES_VEINTI).join("|")}`;

/** A regex alternation of the number words: the compounds, then the rest longest first. */
export const NUMBER_WORD_RE = [
  COMPOUND_EN,
  COMPOUND_ES,
  ...Object.keys(NUMBER_WORDS)
    .sort((a, b) => b.length - a.length)
    .map((w) => w.replace(/ /g, "\\s+")),
].join("|");

/** A number as written: digits or words; undefined otherwise. */
export function numberOf(token: string): number | undefined {
  const t = token.toLowerCase().replace(/\s+/g, " ").trim();
  if (/^\d+$/.test(t)) return Number(t);
  if (NUMBER_WORDS[t] !== undefined) return NUMBER_WORDS[t];
  if (ES_VEINTI[t] !== undefined) return ES_VEINTI[t];
  const en = /^([a-z]+)(?:[- ]?([a-z]+))?$/.exec(t);
  if (en && EN_TENS.includes(en[1]!)) {
    const tens = (EN_TENS.indexOf(en[1]!) + 2) * 10;
    if (!en[2]) return tens;
    const u = EN_UNITS.indexOf(en[2]);
    if (u >= 0) return tens + u + 1;
  }
  // "twentyfour" written together
  for (const [i, tw] of EN_TENS.entries())
    if (t.startsWith(tw)) {
      const u = EN_UNITS.indexOf(t.slice(tw.length).replace(/^[- ]/, ""));
      if (u >= 0) return (i + 2) * 10 + u + 1;
    }
  const es = /^([a-z]+)(?: y ([a-z]+))?$/.exec(t);
  if (es && ES_TENS.includes(es[1]!)) {
    const tens = (ES_TENS.indexOf(es[1]!) + 3) * 10;
    if (!es[2]) return tens;
    const u = ES_UNITS[es[2]];
    if (u !== undefined) return tens + u;
  }
  return undefined;
}

/** Whole-party words: "12 people", "15 of us", "doce personas". */
export const PEOPLE_WORDS =
  "people|ppl|peeps|persons|guests|pax|folks|heads|of us|of y'all|personas|invitados|gente|employees|coworkers|co-workers|colleagues|attendees|invitees|empleados|compañeros|companeros|ladies|women|men|gentlemen|gals|guys";
// With the common misspellings ("adlts", "adluts", "audults") and the grown-ups of a kids'
// party ("14 kids and 6 parents").
export const ADULT_WORDS =
  "adults?|adlts?|adluts?|adutls?|audults?|aduls|grown[- ]?ups?|grownups|big ones|adultos?|mayores|teens?|teenagers?|parents|moms|dads|moms and dads|grandparents|padres|pap[aá]s|abuelos";
// Grandchildren, great-grandchildren, little ones, toddlers and babies are children too.
export const CHILD_WORDS = [
  "(?:great[- ]?)*grand(?:kids?|children|child|babies|baby)",
  "kids?|kiddos?|kiddies|children|child|little ones|lil ones|littles|little kids|little guys",
  "toddlers?|babies|baby|infants?|tots|youngsters|minors",
  "(?:bis)?niet(?:os|as|ecitos|ecitas)|niños|ninos|niñas|ninas|niño|nino|niñitos|menores",
  "chicos|peques|pequeños|chiquitos|chiquillos|bebés|bebes|bebé",
].join("|");

/**
 * Holidays people book parties on, as customers write them, to the holiday's name in
 * date-holidays (US, California). Longest phrases first. Super Bowl Sunday is not a holiday.
 */
export const HOLIDAY_ALIASES: [RegExp, string][] = [
  [/\b(?:day after thanksgiving|black friday)\b/, "Day after Thanksgiving Day"],
  [/\b(?:christmas|xmas|x-mas) eve\b|\bnochebuena\b/, "Christmas Eve"],
  [/\bnew ?years?'?s?'? eve\b|\bnye\b|\bnochevieja\b|\bfin de año\b/, "New Year's Eve"],
  [/\b(?:christmas|xmas|x-mas)(?: day)?\b|\bnavidad\b/, "Christmas Day"],
  [/\bnew ?years?'?s?'?(?: day)?\b|\baño nuevo\b/, "New Year's Day"],
  [/\bthanksgiving\b|\bacci[oó]n de gracias\b/, "Thanksgiving Day"],
  [
    /\b(?:4th|fourth) of july\b|\bjuly (?:4th|4|fourth)\b|\bindependence day\b|\b(?:4|cuatro) de julio\b/,
    "Independence Day",
  ],
  [/\bmemorial day\b/, "Memorial Day"],
  [/\blabou?r day\b/, "Labour Day"],
  [/\bmother'?s'? day\b|\bmothers day\b|\bd[ií]a de las? madres?\b/, "Mother's Day"],
  [/\bfather'?s'? day\b|\bfathers day\b|\bd[ií]a del padre\b/, "Father's Day"],
  [/\bvalentine'?s?(?: day)?\b|\bsan valent[ií]n\b/, "Valentine's Day"],
  [/\bhalloween\b/, "Halloween"],
  [/\beaster(?: sunday)?\b|\bpascua\b/, "Easter Sunday"],
  [/\bmlk day\b|\bmartin luther king(?: jr\.?)?(?: day)?\b/, "Martin Luther King Jr. Day"],
  [/\bpresidents'? day\b/, "Presidents' Day"],
  [/\bjuneteenth\b/, "Juneteenth"],
  [/\bveterans'? day\b/, "Veterans Day"],
  [/\bst\.? (?:patrick|paddy)'?s(?: day)?\b/, "St. Patrick's Day"],
];

/** Words that are not dates even though a date parser reads them ("super bowl sunday"). */
export const NOT_DATES: RegExp[] = [
  /\bsuper ?bowl(?: sunday| party| game| weekend)?\b/g,
  /\b(?:i|we|he|she|they|you|u|who|everyone|people|kids|guests) sat\b/g,
  /\bsat (?:down|in|on|there|with|by|out|next)\b|\bsat around(?! *(?:\d|noon))/g,
  /\b(?:the|hot|direct|full|afternoon|morning|too much) sun\b/g,
  /\bsun (?:is|was|goes|sets|comes|shade|light|screen|block)\b(?! (?:ok|okay|fine|good|better|free|open|available|possible)\b)/g,
  /\bc'?mon\b/g,
  /\b(?:got|get|gets|getting|were|was) wed\b/g,
  /\b(?:the|a|one|just a|wait a) (?:second|sec|moment)\b/g,
  /\b(?:de|por|en) la mañana\b|\b(?:de|por|en) la manana\b/g,
];

/** Texting spellings of dates and times, to the words a date parser knows. */
export const TEXTING: [RegExp, string][] = [
  [
    /\b(?:2morrow|2moro|2mrw|2mrow|tmrw|tmrow|tmr|tmw|tmrrw|tomorow|tommorow|tommorrow|tomorro|tomoro|tmro)\b/g,
    "tomorrow",
  ],
  [/\b(?:2nite|2night|tonite)\b/g, "tonight"],
  [/\bnite\b/g, "night"],
  [/\bnxt\b/g, "next"],
  [/\bwknd|wkend|weeknd\b/g, "weekend"],
  [/\b(?:thurs|thur)\b/g, "thursday"],
  [/\btues\b/g, "tuesday"],
  [/\bweds\b/g, "wednesday"],
  [/\bsabado\b/g, "sábado"],
  // Spanish texting: "el sab 10 d abril", "dom", "vie".
  [/\b(el|este|próximo|proximo)\s+sab\b/g, "$1 sábado"],
  [/\b(el|este|próximo|proximo)\s+dom\b/g, "$1 domingo"],
  [/\b(el|este|próximo|proximo)\s+vie\b/g, "$1 viernes"],
  [
    /\b(\d{1,2}) d (enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre|diciembre)\b/g,
    "$1 de $2",
  ],
  [/\bmiercoles\b/g, "miércoles"],
  [/\bproximo\b/g, "próximo"],
  [/\bmanana\b/g, "mañana"],
  [/(^|\s)@\s*(?=\d)/g, "$1at "],
];

/** "same time", "keep the time", "a la misma hora": a change of day that keeps the time. */
export const KEEP_TIME =
  /\b(?:(?:at )?the same time|same time|keep(?:ing)? (?:the|my|our) (?:time|hour|slot)|same (?:hour|time ?slot|slot)|(?:a )?la misma hora|mismo horario)\b/;

/**
 * A customer's word to the menu's word, used only when the menu's word is in the live catalog:
 * Spanish dish words, spelling variants, and short forms.
 */
export const FOOD_SYNONYMS: Record<string, string> = {
  veggie: "vegetable",
  veggies: "vegetable",
  veg: "vegetable",
  vegetables: "vegetable",
  fillet: "filet",
  prawn: "shrimp",
  prawns: "shrimp",
  pkg: "package",
  pkgs: "package",
  // Spanish
  pollo: "chicken",
  camaron: "shrimp",
  camarón: "shrimp",
  camarones: "shrimp",
  gambas: "shrimp",
  langosta: "lobster",
  langostas: "lobster",
  salmón: "salmon",
  vieiras: "scallop",
  callos: "scallop",
  verduras: "vegetable",
  vegetales: "vegetable",
  filete: "filet",
  bistec: "steak",
  arroz: "rice",
  frito: "fried",
  fideos: "noodle",
  mesas: "table",
  sillas: "chair",
  rollitos: "roll",
  clasico: "classic",
  clásico: "classic",
  paquete: "package",
  postre: "dessert",
};

/**
 * Words in menu names that never name a dish on their own: modifiers and categories ("extra
 * protein portion", "crispy tofu", "sake bar service"). With another word of the same name they
 * count ("fried rice", "extra protein").
 */
export const GENERIC_MENU_WORDS = new Set([
  "hibachi",
  "extra",
  "protein",
  "portion",
  "service",
  "bar",
  "crispy",
  "american",
  "sea",
  "fried",
  "rice",
  "piece",
  "pieces",
  "pork",
  "beef",
  "spring",
  "roll",
  "package",
  "upgrade",
  "side",
  "and",
  "with",
  "the",
  "of",
]);

/** Words that join two parts of one name ("tables and chairs") or two names in a list. */
export const CONNECTORS = new Set(["and", "n", "&", "or", "y", "o", "with", "w", "plus", "+"]);

/** Words between a count and the dish: "4 orders of gyoza", "2 more lobster tails". */
export const COUNT_FILLERS = new Set([
  "order",
  "orders",
  "of",
  "more",
  "extra",
  "serving",
  "servings",
  "portion",
  "portions",
  "plate",
  "plates",
  "tray",
  "trays",
  "side",
  "sides",
  "the",
  "x",
  "orden",
  "ordenes",
  "órdenes",
  "de",
]);

/** Words that take back what was just said: "95125... wait no, it's 95118", "March 28? oh wait". */
export const CORRECTION =
  /\b(?:wait|actually|sorry|i mean|scratch that|correction|no no|oops|my bad|rather|perd[oó]n|mejor dicho|digo|espera|no,)\b/gi;

// Month names as people mistype them ("febuary 13", "janurary", "agust"): read as the month.
const MONTH_TYPOS: [RegExp, string][] = [
  [/\b(?:febuary|feburary|febrary|febuary|februrary|febraury|febru?ary)\b/gi, "february"],
  [/\b(?:janurary|janruary|janaury|jaunary|januray)\b/gi, "january"],
  [/\b(?:apirl|aprl)\b/gi, "april"],
  [/\b(?:agust|augst|augest)\b/gi, "august"],
  [/\b(?:septmber|setember|septemeber|sepember)\b/gi, "september"],
  [/\b(?:ocotber|octobor|octobr|oktober)\b/gi, "october"],
  [/\b(?:novmber|novemeber|novembr|noveber)\b/gi, "november"],
  [/\b(?:decmber|decemeber|decembr|dicember|desember)\b/gi, "december"],
];

export function fixMonthTypos(text: string): string {
  let s = text;
  for (const [re, to] of MONTH_TYPOS) s = s.replace(re, to);
  return s;
}

/**
 * Hundreds said in words, as digits: "two hundred people" -> "200 people", "one hundred and
 * twenty" -> "120", "a hundred" -> "100" (speech recognizers write numbers as words; without
 * this "two hundred" read as a party of 2).
 */
export function hundredsInDigits(text: string): string {
  return text.replace(
    /\b(a|one|two|three|four|five|six|seven|eight|nine)\s+hundred\b(?:\s+(?:and\s+)?([a-z]+)(?:([- ])([a-z]+))?)?/gi,
    (whole, h: string, w1?: string, sep?: string, w2?: string) => {
      const base = (h.toLowerCase() === "a" ? 1 : NUMBER_WORDS[h.toLowerCase()]!) * 100;
      if (!w1) return String(base);
      const two = w2 ? numberOf(`${w1}${sep}${w2}`) : undefined;
      if (two !== undefined && two < 100) return String(base + two);
      const one = numberOf(w1);
      const tail = w2 ? `${sep}${w2}` : "";
      if (one !== undefined && one < 100) return `${base + one}${tail}`;
      return `${base} ${w1}${tail}`;
    },
  );
}
