// Which language a chat message is written in, English or Spanish (the built-in local tier
// answers in it), the Spanish words for dietary needs (extract.ts reads them in English), and
// dates as Spanish speakers write them.
//
// A word-score detector on purpose: chat messages are a few words long, where n-gram detectors
// (franc and the like) guess poorly, and the two languages we answer in have plenty of short
// words only one of them uses. A message with no evidence either way ("12", "95125", "ok") has no
// language: the conversation keeps the one it had.

export type Language = "en" | "es";

/** Lower case without accents: "¿Cuánto cuesta?" -> "¿cuanto cuesta?" (ñ reads as n). */
export function foldAccents(text: string): string {
  return text
    .toLowerCase()
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "");
}

// Words that are (nearly) only ever Spanish or only English in a message to a caterer. Shared
// spellings ("a", "no", "me", "menu", "chef") count for neither.
const ES_WORDS = new Set(
  (
    "el la los las un una unos unas del al de que en y o por para con sin es son esta estan " +
    "hay tienen tiene tienes quiero queremos quisiera necesito necesitamos puedo podemos pueden " +
    "cuanto cuanta cuantos cuantas cuesta cuestan cobran cobra precio precios costo vale valen " +
    "sale salen como cual cuales donde cuando que quien mi mis su sus nuestro nuestra usted " +
    "ustedes hola gracias buenas buenos dias tardes noches favor ayuda somos seremos personas " +
    "persona invitados adultos ninos nino fiesta cumpleanos boda reservar reserva reservacion " +
    "apartar fecha fechas disponible disponibles disponibilidad libre libres sabado domingo lunes " +
    "martes miercoles jueves viernes manana hoy semana proximo proxima este esta minimo deposito " +
    "cancelar cancelacion reembolso propina incluye incluido comida carne pollo camarones " +
    "mariscos vegetariano vegetariana vegano vegana alergia alergico alergica tambien pero muy " +
    "mas menos cerca codigo postal van vienen hasta si ya hace hacen llega llegan cocinan"
  ).split(" "),
);
const EN_WORDS = new Set(
  (
    "the is are do does did you your we our i my it this that what which how much many for to " +
    "and of with without can could would will have has want need there price prices cost costs " +
    "per person people guests adults kids children party book booking available availability " +
    "free open saturday sunday monday tuesday wednesday thursday friday tomorrow today next week " +
    "weekend minimum deposit cancel refund tip included include food chicken steak shrimp " +
    "vegetarian vegan allergy allergic also but very more less near zip code hi hello hey thanks " +
    "thank please any get be at on in an or if so just like about"
  ).split(" "),
);

/** "en", "es", or undefined when the message gives no evidence either way. */
export function detectLanguage(text: string): Language | undefined {
  const t = foldAccents(text);
  let es = /[¿¡]/.test(text) ? 2 : 0;
  if (/[ñáéíóú]/i.test(text)) es += 1;
  let en = 0;
  for (const w of t.split(/[^a-z']+/)) {
    if (!w) continue;
    if (ES_WORDS.has(w)) es += 1;
    if (EN_WORDS.has(w)) en += 1;
    if (/'(s|re|ll|ve|d|t|m)$/.test(w)) en += 1; // what's, we're, don't
  }
  if (es === 0 && en === 0) return undefined;
  return es > en ? "es" : "en";
}

/** Dietary needs and allergies said in Spanish ("vegetariano", "sin gluten", "alergia a los mariscos"). */
export function spanishDiet(text: string): string[] {
  const t = foldAccents(text);
  const diet: string[] = [];
  if (/\bvegetarian[oa]s?\b|\bsin carne\b/.test(t)) diet.push("vegetarian");
  if (/\bvegan[oa]s?\b/.test(t)) diet.push("vegan");
  if (/\bsin gluten\b|\bceliac[oa]s?\b|\bgluten\b/.test(t)) diet.push("gluten");
  if (/\b(mariscos?|crustaceos)\b/.test(t) && /\b(alerg\w*|sin)\b/.test(t)) diet.push("shellfish");
  if (/\b(nueces|cacahuates?|mani)\b/.test(t)) diet.push("nuts");
  if (/\b(lacteos|leche|lactosa)\b/.test(t)) diet.push("milk");
  if (/\bhuevos?\b/.test(t)) diet.push("egg");
  if (/\bajonjoli\b|\bsesamo\b/.test(t)) diet.push("sesame");
  if (/\bsoya?\b/.test(t)) diet.push("soy");
  if (/\bpescetarian[oa]s?\b|\bpescatarian[oa]s?\b/.test(t)) diet.push("pescatarian");
  return [...new Set(diet)].sort();
}

/** "sábado 12 de diciembre" for a YYYY-MM-DD date. */
export function spanishDayLabel(date: string): string {
  const [y, mo, d] = date.split("-").map(Number) as [number, number, number];
  const parts = SPANISH_DAY.formatToParts(new Date(Date.UTC(y, mo - 1, d, 12)));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return `${get("weekday")} ${get("day")} de ${get("month")}`;
}
const SPANISH_DAY = new Intl.DateTimeFormat("es-US", {
  weekday: "long",
  day: "numeric",
  month: "long",
  timeZone: "UTC",
});
