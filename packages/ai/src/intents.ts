// Intent recognition for the built-in local tier and for cache canonicalisation: weighted
// patterns per intent, a confidence (best score) and a margin over the runner-up. Only a
// confident, unambiguous intent lets paraphrases share a cache entry.
import { extractSlots, type MenuIndex, type Slots } from "./extract";
import { detectLanguage, foldAccents, spanishDiet } from "./language";
import { normalizeText } from "./text";

export const INTENTS = [
  "greeting",
  "thanks",
  "pricing",
  "menu",
  "dietary",
  "service_area",
  "availability",
  "booking_request",
  "booking_status",
  "loyalty",
  "referral",
  "policy_cancel",
  "policy_deposit",
  "policy_gratuity",
  "included",
  "duration",
  "setup",
  "kids",
  "notice",
  "capacity",
  "contact",
  "human",
  "complaint",
  "unknown",
] as const;
export type Intent = (typeof INTENTS)[number];

/** Answers that depend only on the business's data (not on who asks): cacheable for long. */
export const FAQ_INTENTS: ReadonlySet<Intent> = new Set<Intent>([
  "greeting",
  "thanks",
  "pricing",
  "menu",
  "dietary",
  "service_area",
  "policy_cancel",
  "policy_deposit",
  "policy_gratuity",
  "included",
  "duration",
  "setup",
  "kids",
  "notice",
  "capacity",
  "contact",
]);

/**
 * What exactly is asked within an intent when that changes the answer. Answers read these (as
 * `slots.topic`), never the message text, so the recognition is the whole input of an answer.
 */
export const TOPICS = [
  "minimum",
  "tax",
  "travel",
  "proteins",
  "drinks",
  "rentals",
  "arrival",
  "reschedule",
  "compare",
  "packages",
  "min_guests",
  "desserts",
  "start_times",
  "per_person",
  "hold",
  "phone_hours",
  // Whether little ones eat free (kids); a change to a booking named by its reference.
  "free_age",
  "change",
] as const;
export type Topic = (typeof TOPICS)[number];

/** A pattern, its weight and, when it pins down what is asked within the intent, the topic. */
type Rule = [RegExp, number] | [RegExp, number, Topic];

// Patterns run on the normalised text with accents folded ("¿Cuánto?" reads "cuanto"). Menu
// words are never listed here: a dish or package the message names comes from the live menu
// (`MenuMention`), so an owner's new dish is understood without a code change.
/**
 * The customer's own money: "did my deposit go through", "has our refund been processed",
 * "did you get my payment", "what's my balance", "how much do I still owe". Only their booking
 * answers it: never the deposit policy or the price list.
 */
const OWN_MONEY =
  /\b(did|has|have|was|were|is) (you |y'?all )?(get |got |receive |received )?(my|our) (deposit|payment|balance|refund|money)\b|\b(where'?s|where is|status of) (my|our) (deposit|payment|refund)\b|\b(my|our) (remaining |outstanding )?balance\b|\bhow much (do|did) (i|we) (still )?(owe|pay)\b/;

/** The youngest guests: toddlers, babies, "under three", "a 2 year old", "menores de 3". */
const YOUNG = String.raw`toddlers?|babies|baby(?! shower)|infants?|bebes?|(under|below|younger than|less than|menores de) (the age of )?([1-9]|one|two|three|four|five|six|seven|eight|nine|ten|uno|dos|tres|cuatro|cinco)( (years?|yrs?)( old)?| anos)?|([1-9]|one|two|three|four|five|six)[ -]?(years?|yrs?|month)[ -]?olds?`;

export const RULES: Record<Exclude<Intent, "unknown">, Rule[]> = {
  greeting: [
    [
      /^(hi|hello|hey|hiya|howdy|yo|good (morning|afternoon|evening)|hola|sup|buenas|buenos dias|buenas (tardes|noches)|que tal)\b[ !.a-z]{0,20}$/,
      0.9,
    ],
  ],
  thanks: [
    [
      /^(thanks|thank you|thank u|thx|cheers|perfect|great|awesome|ok thanks|okay thanks|cool|gracias|muchas gracias|mil gracias|perfecto|genial|excelente|ok gracias)\b[ !.a-z]{0,25}$/,
      0.9,
    ],
  ],
  pricing: [
    [/\bhow much\b/, 0.7],
    [
      /\b(price|prices|pricing|cost|costs|rate|rates|charge|fee|fees|expensive|cheap|cheaper|cheapest|afford|budget|quote|upcharge|surcharge|extra cost|additional cost)\b/,
      0.65,
    ],
    [/\bper (person|head|guest|plate)\b/, 0.6, "per_person"],
    // "we want 4 lobster upgrades too", "add two sushi platters": pricing a selection.
    [
      /\b(\d{1,3}|two|three|four|five|six|seven|eight|nine|ten)\s+([a-z]+\s+){0,2}(upgrades?|portions?|servings?|platters?|orders?)\b/,
      0.7,
    ],
    [
      /\b(party|food|order|spend|spending|dollar)\s+min(imum)?\b|\bmin(imum)?\s+(order|spend|spending|charge|price|amount|cost|fee|purchase|total|bill)\b|\bwhat is (the|your|ur) min(imum)?\b|\bis there a min(imum)?\b/,
      0.8,
      "minimum",
    ],
    [/\bminimum\b/, 0.35, "minimum"],
    // "is that enough to meet your minimum?", "do 9 adults hit the min?"
    [
      /\b(meet|meets|reach|reaches|hit|hits|make|makes|cover|covers|clear|clears|over|under|below|above) (the|your|ur|a) min(imum)?\b|\benough (for|to meet|to hit|to reach) (the|your|ur) min(imum)?\b|\b(least|lowest|smallest) (i|we|you|one) (can|could|must|have to) (spend|pay|book)\b|\b(least|smallest|lowest) (amount|spend|order|bill|booking)\b|\bmin\w{0,5} (spend|spending|order|charge|amount)\b|\benough (people |guests |of us )?(to book|for (a|the) booking|for you)\b|\bonly pay for (the )?\d+\b/,
      0.85,
      "minimum",
    ],
    [/\b\$\d/, 0.3],
    // "..., classic. total?": the price of the party described.
    [/\b(total|grand total|all in|all-in|out the door)\b/, 0.6],
    [/\b(tax|taxes|sales tax)\b/, 0.7, "tax"],
    // Spanish
    [
      /\bcuanto (cuesta|cuestan|cobran|cobra|sale|salen|es|son|vale|valen|seria|serian|costaria|costarian)\b/,
      0.7,
    ],
    [/\b(precio|precios|costo|costos|tarifa|tarifas|cotizacion|presupuesto)\b/, 0.65],
    [/\bpor (persona|cabeza|invitado|adulto|plato)\b/, 0.6, "per_person"],
    [
      /\b(consumo|pedido|gasto|monto|cargo|compra) minimo\b|\bminimo (de consumo|de compra|de gasto|para reservar)\b|\b(cual es|hay) (el|un) minimo\b/,
      0.85,
      "minimum",
    ],
    [/\bminimo\b(?! de (personas|invitados|gente))/, 0.5, "minimum"],
    [/\b(impuestos?|iva)\b/, 0.7, "tax"],
  ],
  menu: [
    [/\bmenu\b/, 0.75],
    [/\bupgrad(e|es|ing)\b/, 0.6],
    [
      /\bwhat (kinds? of )?(food|dishes|proteins?|meats?|desserts?|appetizers?|apps|sides|starters|add[- ]?ons|upgrades) (do|can) (you|u)\b|\bwhat do you (serve|cook|make|offer)\b|\bque (comida|platillos|platos|proteinas|carnes) (tienen|ofrecen|hay|sirven|manejan)\b/,
      0.8,
    ],
    [
      /\b(proteins?|meats?|appetizers?|starters?|sides?|add[- ]?ons?|extras|upgrades?|desserts?|seafood|proteinas?|carnes?|entradas?|aperitivos?|botanas?|guarniciones?|postres?|platillos?)\b/,
      0.4,
    ],
    [/\b(options|choices|dishes|opciones)\b/, 0.3],
    [
      /\b(any|got|have|what|which|tienen|hay)\b.*\b(appetizers?|apps|starters?|sides|desserts?|add[- ]?ons|upgrades|entradas|aperitivos|postres|guarniciones)\b/,
      0.65,
    ],
    [
      /\b(which|what) (proteins?|meats?)\b|\bproteins? (can|do|should|could) (i|we|you)\b|\b(choose|pick|select) (the |our |my |your )?(proteins?|meats?)\b|\bprotein (options|choices)\b|\b(que|cuales) (proteinas|carnes)\b|\b(escoger|elegir) (las |la )?(proteinas?|carnes?)\b/,
      0.85,
      "proteins",
    ],
    [/\b(desserts?|sweets|postres?)\b/, 0.7, "desserts"],
    [
      /\b(drinks?|beverages?|alcohol|alcoholic|booze|open bar|bar service|bartenders?|beers?|wines?|cocktails?|sodas?|bebidas?|tragos?|cervezas?|vinos?|refrescos?)\b/,
      0.8,
      "drinks",
    ],
  ],
  dietary: [
    [
      /\b(vegetarians?|vegans?|veggies?|plant[- ]based|meatless|no meat|pescatarians?|pescetarians?|vegetarian[oa]s?|vegan[oa]s?|sin carne|pescetarian[oa]s?)\b/,
      0.9,
    ],
    [
      /\b(gluten|celiac|coeliac|allerg\w*|dairy|lactose|peanuts?|nuts?|shellfish|sesame|halal|kosher|soy|eggs?|celiac[oa]s?|alergi\w*|alergic[oa]s?|lacteos|lactosa|cacahuates?|nueces|mariscos)\b/,
      0.9,
    ],
    [/\bdiet(ary)?\b|\bdieta\b/, 0.7],
  ],
  service_area: [
    [
      /\b(service area|areas? (do )?you (serve|cover)|where do you (go|travel|serve|operate))\b|\b(zona|area)s? de servicio\b|\b(que|cuales) (zonas|areas|ciudades) (cubren|atienden|sirven)\b/,
      0.9,
    ],
    [
      /\b(do|can|will) (you|u) (guys )?(come|travel|go|deliver|drive|serve|cater|cover|do events)\b/,
      0.55,
    ],
    [/\b(travel|distance|how far|miles?|zip|zipcode|postal|distancia|millas)\b/, 0.45],
    [/\b(are you in|in my area|near me|come to|travel to|serve) [a-z]/, 0.35],
    [/\bin (your|the) (service )?area\b/, 0.7],
    [/\b(van|vienen|llegan|viajan|cubren|atienden|sirven) (a|hasta|en)\b|\bcodigo postal\b/, 0.6],
    // "we're in 94086": a message that only says where the party is.
    [
      /^(we'?re|we are|i'?m|i am|we live|i live|located|estamos|vivimos|vivo) (in|at|near|en)( \S+){1,3}$/,
      0.45,
    ],
    [
      /\b(travel|trip|delivery|driving|mileage|distance|gas) (fee|fees|charge|charges|cost|costs|price)\b|\bhow much (is|for|does|do you charge for)( the| it)? (travel|trip|delivery|driving|to travel|to come|to drive)\b|\bcharge (for|extra for) (travel|driving|gas|mileage|distance)\b|\bcuanto cobran por (ir|venir|viajar|llegar)\b|\b(costo|cargo|tarifa) (de|por) (viaje|traslado|transporte|distancia)\b|\bcuanto (cuesta|cobran|es|sale) (el )?(viaje|traslado|transporte)\b/,
      0.9,
      "travel",
    ],
    // "do you charge to come out to Cupertino?", "is there a drive charge", "travel surcharge?",
    // "whats the fee" with a place, "cobran por ir hasta Gilroy?", "cobran traslado?".
    [
      /\b(charge|charges|fee|fees|cost|costs|surcharge|extra) (to|for) (come|coming|drive|driving|go|going|get|getting|travel|traveling|travelling)( out| over| down| up)?\b|\b(drive|driving|travel|trip|gas|mileage) (charge|surcharge|fee)s?\b|\bsurcharge\b|\b(travl|travle|trvl|traval) (fee|charge|cost)s?\b|\bcobr\w* (por )?(ir|venir|llegar|viajar|traslado|el traslado|transporte|viaje)\b|\b(traslado|recargo|cargo extra)\b|\b(go|come|travel|drive) (that|this|so) far\b|\bhow much (to|would it be to|does it cost to|is it to) (come|travel|drive|go)( out)? (to|out)\b/,
      0.9,
      "travel",
    ],
  ],
  availability: [
    [
      /\b(available|availability|free|open|openings?|any (dates?|times?|slots?|spots?)|slots?)\b/,
      0.6,
    ],
    [/\b(what|which) (times?|dates?|days?)\b/, 0.45],
    [/\bdo you have (anything|something|room|a chef|time)\b/, 0.55],
    [/\b(can you do|could you do|are you booked)\b/, 0.5],
    [
      /\b(do|can|will) (you|u) (guys )?(do|cater|host|handle) (a |an )?(birthday|bday|anniversary|graduation|holiday|christmas|family|backyard|kids'?|private|dinner)? ?(parties|party|events?|dinners?|celebrations?)\b|\b(pueden hacer|hacen|atienden|cocinan para|pueden atender|pueden cocinar para)\b/,
      0.55,
    ],
    // "we're planning a party for 14 in 95014": someone starting to plan wants dates.
    [
      /\b(planning|plan|having|throwing|hosting|organi[sz]ing|want to have|looking to have|want|wants|need|looking for)\b.*\b(party|birthday|b-?day|bday|event|celebration|dinner|get[- ]together|reunion|graduation|anniversary|shower|hibachi|a chef)\b/,
      0.55,
    ],
    [
      /\b(disponible|disponibles|disponibilidad|libre|libres|hay (lugar|espacio|cupo|fechas?|horarios?)|tienen (algo|lugar|espacio|cupo|fecha|tiempo))\b/,
      0.6,
    ],
    [/\b(que|cuales) (dias|fechas|horarios|horas)\b|\b(pueden|podrian) (el|este)\b/, 0.45],
    [
      /\b(what hours|(what|which) times? (do|can|could) (you|we|i|u) (start|begin)|start(ing)? times?|what time can (we|i|you) (start|begin)|earliest (start|time)|latest (start|time)|lunch|brunch|a que hora (empiezan|pueden|se puede)|horarios?)\b/,
      0.7,
      "start_times",
    ],
    [
      /\b(planeando|organizando|queremos hacer|vamos a hacer|tendremos)\b.*\b(fiesta|cumpleanos|evento|celebracion|cena|reunion|boda|graduacion|aniversario)\b/,
      0.55,
    ],
  ],
  booking_request: [
    [/\b(book|reserve|hold|schedule|lock (it|in)|secure)\b/, 0.6],
    [
      /\b(i'?d like to|i want to|we want to|we'?d like to|let'?s|can i|can we|please) (book|reserve|hold|schedule)\b/,
      0.85,
    ],
    [/\b(sign (me|us) up|take (it|that one|the)|go with|we'?ll take)\b/, 0.75],
    // "perfect, hold it", "grab that one", "let's do it": taking what was just offered.
    [
      /\b(grab|take|hold|lock|save|snag|book|reserve) (it|that|this|them|that one|this one)\b/,
      0.75,
    ],
    [/\blet'?s do (it|that|this|that one)\b/, 0.7],
    // "let's do the premium package for 15 on Saturday at 6 p.m.": a party with its time, taken.
    [
      /\b(let'?s do|let'?s go with|we'?ll do|we'?ll go with|we'?d like|put us down for)\b.{0,80}\b(at|@) ?(\d{1,2}(:\d\d)? ?(am|pm|a ?m|p ?m)?|noon)\b/,
      0.8,
    ],
    // "and place the hold", "put it on hold", "put a hold on saturday".
    [/\b(place|put|make) (the|a) hold\b|\bput (it|that|this|us|them) on hold\b/, 0.85],
    [/\b(reservar|reservame|reservenos|apartar|apartame|aparta|agendar|agendame)\b/, 0.6],
    // Plural commands: "apártenlo", "resérvenlo", "agéndenlo".
    [/\b(reserv|apart|agend)(en|enlo|enla|enme|ennos|enmelo|enmela)\b/, 0.7],
    [
      /\b(reserv|apart|agend)(a|e|alo|ala|amelo|amela|ame|anos|elo|ela|eme|emelo|emela|enos|enoslo)\b/,
      0.7,
    ],
    [
      /\b(quiero|quisiera|queremos|quisieramos|me gustaria|nos gustaria|podemos|puedo) (reservar|apartar|agendar|hacer una reserva(cion)?)\b/,
      0.85,
    ],
  ],
  booking_status: [
    [/\bmy (booking|bookings|reservation|reservations|event|order|party)\b/, 0.85],
    // The customer's own money: "did my deposit go through", "what's my balance".
    [OWN_MONEY, 0.9],
    [/\b(status|confirmation|confirmed|is my)\b/, 0.35],
    [/\bHB-[a-z0-9]{4,}\b/i, 0.7],
    [/\b(did|have) (you|i) (get|receive|book)/, 0.35],
    [/\b(mi|nuestra|nuestro) (reserva|reservacion|evento|pedido|fiesta)\b/, 0.85],
  ],
  // The loyalty program, or the customer's own tier and points.
  loyalty: [
    [
      /\b(loyalty|rewards? (program|points|club|card)|reward points|frequent (customer|client|diner)|vip (program|status|tier|level))\b/,
      0.85,
    ],
    [/\b(my|our) (loyalty |rewards? )?(tier|level|points|rewards)\b/, 0.85],
    [/\b(bronze|silver|gold) (tier|status|level|member|membership|customer)\b/, 0.8],
    [
      /\b(bookings?|events?|parties|reservations?) (away )?(from|to|until|till|before) (bronze|silver|gold|the next (tier|level))\b/,
      0.9,
    ],
    [
      /\b(discount|deal|perks?)s? for (returning|repeat|regular|loyal) (customers|clients|guests)\b/,
      0.85,
    ],
    [
      /\b(returning|repeat|regular|loyal) (customer|client)s? (discount|deal|program|perks?)\b/,
      0.85,
    ],
    [
      /\b(programa de (lealtad|fidelidad|recompensas|puntos)|mis puntos|mi nivel|cliente frecuente|clientes frecuentes|descuento por lealtad)\b/,
      0.85,
    ],
  ],
  // The referral program, or the customer's own referral code ("my ref code?", "código de
  // referido"). Its own intent: the answer is the caller's code, not the loyalty ladder.
  referral: [
    [/\breferr?als?\b/, 0.85],
    [
      /\b(refer|refers|referred|referring) (a |my |our |some |more |your )?(friends?|someone|somebody|people|family|others|coworkers?|neighbou?rs?)\b/,
      0.85,
    ],
    [/\b(ref|invite|invitation|friend'?s?) (code|link)\b/, 0.85],
    [/\breferred (me|us|by)\b/, 0.7],
    [/\b(invite|bring|send) (a |my |our )?friends?\b.*\b(discount|off|code|reward|credit)\b/, 0.7],
    [/\b(referid[oa]s?|refiere|referir|recomendar) (a )?(un |una |mis )?amig[oa]s?\b/, 0.85],
    [
      /\b(codigo|programa|descuento) (de |por )?(referid[oa]s?|referencia|amig[oa]s?|invitacion)\b/,
      0.85,
    ],
    [/\breferid[oa]s?\b/, 0.8],
  ],
  policy_cancel: [
    [/\b(cancel\w*|cancelar|cancelacion|cancelo|cancelamos)\b/, 0.75],
    [
      /\b(reschedul\w*|change (the|my) date|move (the|my) (date|event|booking)|postpone|reprogramar|cambiar (la )?fecha|mover (la )?fecha|posponer)\b/,
      0.75,
      "reschedule",
    ],
    [/\b(refund policy|refundable|get my deposit back)\b/, 0.7],
    [/\b(refund\w*|money back|get (my|the|our) (money|deposit) back)\b/, 0.7],
    [/\b(reembolso|reembolsable|reembolsan|devolucion|devuelven|regresan (el|mi) dinero)\b/, 0.7],
    [/\b(rain|weather|lluvia|llueve)\b/, 0.45],
  ],
  policy_deposit: [
    [/\b(deposit|down payment|pay(ment)?|prepay|upfront|up front)\b/, 0.75],
    [/\b(depsit|deposite|deposti|depost|deposits|dep amt|deposit amt)\b/, 0.75],
    [/\b(credit card|venmo|cash|zelle|how do i pay)\b/, 0.6],
    [/\b(deposito|anticipo|enganche|adelanto|pago inicial)\b/, 0.75],
    [
      /\b(como|donde) (pago|se paga|puedo pagar)\b|\bformas? de pago\b|\btarjeta\b|\befectivo\b/,
      0.6,
    ],
  ],
  policy_gratuity: [[/\b(tip|tips|tipping|gratuity|gratuities|propina|propinas)\b/, 0.9]],
  included: [
    [
      /\b(difference|differences|compare|comparison|vs\.?|versus|diferencia|diferencias)\b.*\b(packages?|paquetes?)\b/,
      0.85,
      "compare",
    ],
    // "What packages do you have?", "what are your packages", "qué paquetes tienen": all of them.
    [
      /\b(what|which|que|cuales)\s+(kinds? of\s+|sorts? of\s+)?(packages?|paquetes?)\b|\b(packages?|paquetes?)\s+(do|does|can)\s+you\s+(have|offer|do|sell|got)\b|\bwhat are (the|your) (packages?|package options|options)\b|\b(tell me|list) (about )?(the|your) packages\b/,
      0.85,
      "packages",
    ],
    [/\b(what'?s|what is|what all is|is) (included|in the package|part of)\b/, 0.9],
    [/\b(include|includes|included|come with|comes with)\b/, 0.65],
    [/\bwhat do (we|i) get\b/, 0.7],
    [
      /\b(que incluye|que trae|que viene|incluye|incluyen|incluido|incluida|incluidos|viene con)\b/,
      0.7,
    ],
  ],
  duration: [
    [/\bhow long\b/, 0.8],
    [/\b(duration|how many hours|length of the|last(s)? (for|about))\b/, 0.7],
    [/\bcuanto (tiempo )?(dura|duran|tarda|tardan)\b|\bduracion\b|\bcuantas horas\b/, 0.8],
  ],
  notice: [
    [
      /\bhow (far|long|much time|soon|early) (in advance|ahead|before)\b|\b(advance|short|minimum) notice\b|\bhow much notice\b|\blast[- ]minute\b|\bbook (ahead|in advance)\b|\bhow far out\b|\bhow early (should|do|can) (i|we)\b/,
      0.9,
    ],
    [/\bcon cuant[ao]s? (tiempo|dias|anticipacion)\b|\banticipacion\b|\bultimo momento\b/, 0.9],
    [
      /\bhow long (do|will|can|would) (you|u) hold\b|\bhold (time|period)\b|\bhow long (is|does) (the|a) hold\b|\bcuanto tiempo (me |lo |la )?(apartan|guardan|detienen)\b/,
      0.9,
      "hold",
    ],
    [
      /\bbooking window\b|\bhow (far|long) (out|ahead|in advance) can (i|we|you)\b|\bhow many (days|weeks|months) (in advance|ahead|out|before)\b|\bhow (early|soon) can (i|we) book\b/,
      0.9,
    ],
  ],
  capacity: [
    [
      /\bhow many (people|guests|persons|ppl) (can|does|will|do) (one|a|the|each|your|1) (chef|cook)\b|\b(max|maximum|largest|biggest|most) (number of )?(guests|people|party|group)\b|\bhow (big|large) (a )?(party|group|event)\b|\b(second|two|2|another|more than one) chefs?\b|\bbig (party|group|event)\b/,
      0.85,
    ],
    [
      /\b(do|can|will) (you|u) (guys )?(do|cater|handle|work|take) (weddings?|corporate (events?|parties)|company part(y|ies)|banquets?|large (events?|parties|groups))\b/,
      0.75,
    ],
    [
      /\b(maximo|max) de (personas|invitados|gente)\b|\bcuant[ao]s (personas|invitados) (como maximo|maximo|pueden|puede|atienden)\b|\b(fiesta|grupo|evento) (muy )?grande\b|\b(bodas?|eventos corporativos)\b/,
      0.8,
    ],
    [
      /\bmin(imum)? (number of )?(guests|people|ppl|persons|party size|headcount)\b|\bsmallest (party|group)\b|\bminimo de (personas|invitados|gente)\b/,
      0.85,
      "min_guests",
    ],
  ],
  setup: [
    [
      /\bwhat time (do|does|will) (you|the chef|your chef|he|she|they) (arrive|get here|show up|come)\b|\b(arrive|arrival)\b.*\b(before|early|ahead)\b|\bhow early (do|does|will) (you|the chef)\b|\ba que hora (llega|llegan|viene|vienen)\b|\bllegan? (antes|temprano)\b/,
      0.9,
      "arrival",
    ],
    [/\b(arrive|arrival|get here|get there|show up)\b/, 0.5, "arrival"],
    [
      /\b(what do (we|i) need to (provide|have|prepare)|do (we|i) need (to provide|a grill|tables|plates)|bring (your|the|a|their) own|provide (plates|utensils|tables|grill)|cook (indoors|inside|outside|outdoors))\b|\bque (necesitamos|necesito|tenemos que) (tener|preparar|proveer|poner)\b|\bcocinan? (adentro|afuera|en (el )?(interior|patio|jardin))\b/,
      0.9,
    ],
    [
      /\b(grill|setup|set up|indoors?|outdoors?|inside|outside|backyard|patio|space|smoke|plates|utensils|propane|parrilla|plancha|adentro|afuera|jardin|espacio|humo|platos|cubiertos)\b/,
      0.5,
    ],
    [
      /\b(rent|rents|rental|rentals|renting|hire)\b|\b(tables?|chairs?|linens?|tablecloths?)\b|\b(mesas?|sillas?|manteles?|rentan|alquilan|renta|alquiler)\b/,
      0.75,
      "rentals",
    ],
  ],
  kids: [
    // "do kids under three eat free?", "are toddlers free?", "do you charge for a 2 year old?",
    // "¿los bebés comen gratis?": whether the youngest are charged (the answer says the rule).
    [
      new RegExp(
        String.raw`\b(${YOUNG}|kids?|children|child|little ones|ninos?|ninas?|menores)\b.{0,40}\b((eat|eats|go|goes|come|comes|are|is|get|gets|stay|stays|count)( for)? free|for free|free of charge|no charge|gratis)\b|\bfree (for|to) (the |our |my |your )?(${YOUNG}|kids?|children|child|little ones)\b(?!'?s? (party|parties|birthday|bday|event|celebration))`,
      ),
      0.9,
      "free_age",
    ],
    [
      new RegExp(
        String.raw`\b(${YOUNG})\b.*\b(free|charge|charged|pay|pays|cost|costs|price|priced|count|counted|how much|cobran|pagan|cuesta|cuestan)\b|\b(charge|pay|cost|price|how much|cobran|pagan|cuesta|cuestan)\b.*\b(${YOUNG})\b`,
      ),
      0.9,
      "free_age",
    ],
    [
      /\b(kids?|children|child|toddlers?|babies|baby)\b.*\b(price|cost|charge|free|discount|menu|how much|count)\b/,
      0.9,
    ],
    [/\b(price|cost|charge|free|discount|how much)\b.*\b(kids?|children|child|toddlers?)\b/, 0.9],
    [/\b(kids?|children|child)\b.*\b(cheaper|less|discount)\b/, 0.9],
    // "and for kids?", "what about the children?", "y para niños?" after a price.
    [
      /^(and|what about|how about|y|also|and what about)( for| para)?( the| los| las| our| my)? (kids?|children|little ones|ninos|ninas|menores)( please)?$/,
      0.9,
    ],
    [
      /\b(ninos?|ninas?|menores|infantil)\b.*\b(precio|cuesta|cuestan|cuanto|cobran|descuento|gratis|pagan|menos)\b|\b(precio|cuesta|cuestan|cuanto|cobran|descuento)\b.*\b(ninos?|ninas?|menores)\b/,
      0.9,
    ],
  ],
  contact: [
    // When the phone is answered: "what time do you open?", "what are your hours", "when can I
    // call you", "a que hora abren".
    [
      /\b(your (business |office |phone )?hours|hours of operation|(business|office|opening|phone) hours|what time (do|does) (you|u|y'?all|the office|your office) (open|close)|when (do|are|does) (you|u|y'?all) (open|close)|when (can|could|should) (i|we) (call|reach|phone|ring) (you|u|y'?all)|what time can (i|we) (call|reach) (you|u)|till what time|until what time (are|can|do)|a que hora (abren|cierran|contestan|puedo llamar|los puedo llamar)|cual es (su|el) horario|horario de (atencion|oficina)|cuando (puedo|podemos) (llamar|llamarles|llamarlos))\b/,
      0.9,
      "phone_hours",
    ],
    // "what are your hours" may also ask when a party can start: both are said.
    [/\b(your (business )?hours|hours of operation)\b/, 0.3, "start_times"],
    [
      /\b(phone number|your number|call you|email address|your email|contact (you|info|information|details)|how (can|do) (i|we) (reach|contact|call|email) (you|u)|numero de telefono|su numero|su correo|tu numero|tu correo|como (los|las|te|le) (contacto|llamo)|contactarlos)\b/,
      0.85,
    ],
  ],
  human: [
    [
      /\b(talk|speak|chat) (to|with) (a |an |someone|somebody|a real|real|human|person|manager|agent|representative|rep|owner|staff)\b/,
      0.95,
    ],
    [
      /\b(human|real person|live agent|representative|operator|customer service|manager|supervisor|call me|phone call|someone call)\b/,
      0.8,
    ],
    [
      /\bhablar con (una persona|alguien|un humano|el gerente|un agente|el dueno|un representante)\b/,
      0.95,
    ],
    [/\b(persona real|gerente|supervisor|llamenme|llamame)\b/, 0.8],
  ],
  complaint: [
    [
      /\b(terrible|awful|horrible|worst|disgusting|unacceptable|ridiculous|rude|never showed|no[- ]show|didn'?t show|cold food|overcharged|scam|ripped off|disappointed|complain\w*)\b/,
      0.8,
    ],
    // Someone was late ("the chef was 2 hours late"); "how late can I change the date" is not.
    [/\b(was|were|is|came|arrived|showed up|got here|running|ran|been) (\w+ ){0,3}late\b/, 0.8],
    // Demanding money back is a complaint; asking whether one gets it back is the policy.
    [/\b(i want|i demand|give me|i expect) (a |my |our )?(full )?(refund|money back)\b/, 0.8],
    [/\b(not happy|unhappy|wtf|angry|furious|pissed|upset)\b/, 0.75],
    [
      /\b(pesimo|pesima|queja|quejarme|estafa|fraude|nunca llego|llego tarde|comida fria|decepcionad[oa])\b|\b(quiero|exijo) (un |mi )?(reembolso|dinero de vuelta)\b/,
      0.8,
    ],
  ],
};

/** "do you have...", "¿tienen...?": asking whether a dish the message names is on offer. */
const ASKS_FOR_DISH =
  /\b(do|can|will) (you|u) (guys )?(have|do|serve|offer|make|cook)\b|\b(is there|are there|got any)\b|\b(tienen|ofrecen|sirven|hacen|preparan|manejan|hay)\b/;
/** Comparing packages: "classic vs premium", "difference between the two". */
const COMPARES = /\b(difference|differences|compare|comparison|vs\.?|versus|or|diferencia|o)\b/;

/** Menu items and packages the message names, matched against the live menu by the caller. */
export interface MenuMention {
  /** Menu item slugs. */
  named?: string[];
  /** Package slugs (one of them becomes `slots.packageSlug` when it is the only one). */
  packages?: string[];
  /**
   * The live menu's index: the dishes and counts it names are kept from the party, date and time
   * readers ("add 5 filet mignons" adds no guests); the menu's slots themselves are the caller's.
   */
  index?: MenuIndex;
}

/** The topics of a recognition's slots ("minimum+tax" -> ["minimum", "tax"]). */
export function topicsOf(slots: Slots): Topic[] {
  return slots.topic ? (slots.topic.split("+") as Topic[]) : [];
}

export interface Recognition {
  intent: Intent;
  confidence: number;
  /** Confident and clearly ahead of the runner-up: paraphrases can share a cache entry. */
  confident: boolean;
  /** Other intents scoring nearly as high (the message asks several things). */
  also: Intent[];
  scores: Partial<Record<Intent, number>>;
  slots: Slots;
  normalized: string;
  questionCount: number;
}

const CONFIDENT = 0.6;
const MARGIN = 0.2;

/** The customer says they are not booking now. */
const NOT_BOOKING_YET =
  /\b(not ready to (book|reserve|commit)|not (booking|reserving) (yet|now|today)|don'?t (want to )?(book|reserve|hold) (it |anything )?(yet|now|today)|(just|only) (looking|checking|asking|browsing)|will (let you know|get back to you)|(i'?ll|we'?ll) think about it|maybe later|never ?mind|nvm|forget (it|about it)|not (going to|gonna) (work|happen)|(we'?ll|i'?ll) (pass|skip)|todavia no|aun no (quiero|vamos a) reservar|solo (estoy )?preguntando|mejor no|olvidalo|olvidelo)\b/;

/**
 * The customer says what they want ("I want", "we'd like", "we need hibachi for", "I'd love"): with
 * a day, a time and a party that is a request to book it, not a question about what is free.
 */
const WANTS =
  /\b(?:i|we)(?: would|'?d)? (?:want|need|like|love|wanna)\b|\b(?:i|we) (?:are|am|'?m|'?re) (?:looking for|hoping for)\b|\b(?:quiero|queremos|quisiera|quisieramos|necesitamos|necesito|nos gustaria|me gustaria)\b/;

/** SQL or markup pasted into the chat: a statement keyword with code punctuation. */
const LOOKS_LIKE_CODE = new RegExp(
  [
    String.raw`\b(drop|truncate|alter)\s+(table|database|schema)\b`,
    String.raw`\bselect\s+\*\s+from\b|\bselect\s+[\w.]+(\s*,\s*[\w.]+)+\s+from\b`,
    String.raw`\bselect\s+[\w.]+\s+from\s+\w+\s*(where\b|;|--|$)`,
    String.raw`\bunion\s+(all\s+)?select\b`,
    String.raw`\binsert\s+into\s+\w+`,
    String.raw`\bdelete\s+from\s+\w+`,
    String.raw`\bupdate\s+\w+\s+set\s+\w+\s*=`,
    String.raw`'\s*(or|and)\s+'?\w+'?\s*=\s*'?\w+`,
    String.raw`<\s*\/?\s*(script|img|iframe|svg)\b`,
  ].join("|"),
  "i",
);

export function looksLikeCode(text: string): boolean {
  return LOOKS_LIKE_CODE.test(text);
}

export function recognize(
  text: string,
  now: Date,
  timeZone: string,
  menu: MenuMention = {},
): Recognition {
  const normalized = normalizeText(foldAccents(text));
  // Code pasted into the chat ("'; DROP TABLE bookings; --") asks nothing: its words
  // ("table") must not read as a question about table rentals.
  if (looksLikeCode(text))
    return {
      intent: "unknown",
      confidence: 0,
      confident: false,
      also: [],
      scores: {},
      slots: {},
      normalized,
      questionCount: 1,
    };
  const slots = extractSlots(text, now, timeZone, menu.index);
  for (const k of ["named", "items", "itemsForEveryone", "packageSlug", "guestsOfItem"] as const)
    delete slots[k];
  const language = slots.language ?? detectLanguage(text);
  if (language) slots.language = language;
  const diet = language === "es" ? spanishDiet(text) : [];
  if (diet.length) slots.diet = [...new Set([...(slots.diet ?? []), ...diet])].sort();
  if (menu.named?.length && !slots.named?.length) slots.named = menu.named;
  const packages = menu.packages ?? (slots.packageSlug ? [slots.packageSlug] : []);
  if (packages.length === 1 && !slots.packageSlug) slots.packageSlug = packages[0];
  const scores: Partial<Record<Intent, number>> = {};
  const topics: Partial<Record<Intent, Set<Topic>>> = {};
  const add = (intent: Intent, w: number, topic?: Topic) => {
    scores[intent] = (scores[intent] ?? 0) + w * (1 - (scores[intent] ?? 0));
    if (topic) (topics[intent] ??= new Set()).add(topic);
  };
  for (const [intent, rules] of Object.entries(RULES) as [Exclude<Intent, "unknown">, Rule[]][])
    for (const [re, w, topic] of rules) if (re.test(normalized)) add(intent, w, topic);
  // A dish or package named from the live menu: a question about it ("gyoza?", "do you have
  // lobster?"); with a price word the pricing rules already lead.
  if (slots.named?.length || packages.length) {
    add("menu", ASKS_FOR_DISH.test(normalized) ? 0.75 : 0.5);
    if (packages.length >= 2 && COMPARES.test(normalized)) add("included", 0.85, "compare");
  }
  // "how much is travel to gilroy" asks the travel fee, not the price list.
  if (topics.service_area?.has("travel") && scores.pricing) scores.pricing *= 0.5;
  // "is there a minimum number of guests" asks the party size, not the food minimum.
  if (topics.capacity?.has("min_guests") && scores.pricing) scores.pricing *= 0.5;
  // "do you rent tables" is a rental question even though a menu item (tables) is named.
  if (topics.setup?.has("rentals") && scores.menu && scores.menu < 0.8) scores.menu *= 0.6;
  // Slots sharpen the picture: a date or party size with "free/available" is availability;
  // with "book/reserve" it is a booking request; a bare "Saturday for 12?" is availability too.
  // "push it a week" names a day too, relative to the one under discussion.
  const hasWhen = !!(slots.date || slots.from || slots.shift);
  const hasWho = slots.guests !== undefined;
  if (hasWhen || hasWho) {
    if (scores.booking_request) scores.booking_request = Math.min(1, scores.booking_request + 0.25);
    else scores.availability = Math.min(1, (scores.availability ?? 0.3) + (hasWhen ? 0.3 : 0.1));
    if (hasWhen && scores.availability && (scores.pricing ?? 0) < 0.7)
      scores.availability = Math.min(1, scores.availability + 0.1);
  }
  // "I want December 15 at 6 pm for 10 people": the party's day, time and size said as a wish
  // (not asked about) is held like "book December 15 at 6 pm for 10 people".
  if (
    slots.date &&
    slots.startMinute !== undefined &&
    hasWho &&
    WANTS.test(normalized) &&
    !/\?/.test(text) &&
    !NOT_BOOKING_YET.test(normalized)
  ) {
    scores.booking_request = Math.max(scores.booking_request ?? 0, 0.85);
    delete scores.availability;
  }
  if (scores.booking_request && (scores.policy_cancel ?? 0) >= 0.75) delete scores.booking_request;
  // "would 6 adults be enough to book?" asks about the minimum, not to book.
  if (
    scores.booking_request &&
    topics.pricing?.has("minimum") &&
    /\benough to book\b/.test(normalized)
  )
    delete scores.booking_request;
  // "perfect, hold it": the thanks is a preamble to the request.
  if (scores.booking_request && scores.thanks) delete scores.thanks;
  if (scores.kids && scores.pricing) {
    // "how much for 15 adults and 3 kids" prices a party; "how much are kids?" is the kids FAQ.
    if (slots.adults !== undefined && slots.children !== undefined) scores.kids *= 0.5;
    // "what's the min and how much are kids": two questions, both answered.
    else if (!topics.pricing?.has("minimum")) scores.pricing *= 0.6;
  }
  if (scores.dietary && scores.menu && scores.menu <= 0.75) scores.menu *= 0.6;
  // "is there a deposit, how much": the deposit's price. A party to price ("premium for 10
  // adults ... and whats the deposit") keeps both questions.
  if (
    scores.policy_deposit &&
    scores.pricing &&
    scores.pricing < 0.9 &&
    slots.guests === undefined &&
    !slots.packageSlug
  )
    scores.pricing *= 0.6;
  if (scores.policy_gratuity && scores.pricing && scores.pricing < 0.9) scores.pricing *= 0.6;
  // "is gratuity included?" asks about the tip, not what a package includes.
  if (scores.policy_gratuity && scores.included && !packages.length && !slots.named?.length)
    scores.included *= 0.5;
  // "is the wagyu available?" asks about the dish, not the calendar.
  if (slots.named?.length && scores.availability && !hasWhen && !hasWho) scores.availability *= 0.5;
  if (scores.booking_status && scores.booking_request) scores.booking_request *= 0.5;
  // "do you have a discount for repeat customers": the loyalty program, not the price list.
  if (scores.loyalty && scores.pricing && scores.pricing < 0.9) scores.pricing *= 0.5;
  // "is there a referral discount": the referral program, not the price list (nor the tiers).
  if (scores.referral && scores.pricing && scores.pricing < 0.9) scores.pricing *= 0.5;
  if (scores.referral && scores.loyalty && scores.loyalty < 0.9) scores.loyalty *= 0.5;
  // "not ready to book yet", "just looking": no booking asked.
  if (NOT_BOOKING_YET.test(normalized) && scores.booking_request) scores.booking_request *= 0.2;
  if (OWN_MONEY.test(normalized))
    for (const i of ["pricing", "policy_deposit", "policy_cancel"] as const)
      if (scores[i]) scores[i] *= 0.4;
  if (scores.complaint && scores.pricing) scores.pricing *= 0.5;
  // "the chef never showed up on saturday": a complaint about an event, not a date to check.
  if (scores.complaint && scores.availability) scores.availability *= 0.4;
  if (scores.complaint && scores.policy_cancel) scores.policy_cancel *= 0.6;
  if (scores.human && scores.service_area) scores.service_area *= 0.5;
  // "what time do you open?": our phone hours, not the party's start times.
  if (topics.contact?.has("phone_hours") && scores.availability && !hasWhen && !hasWho)
    scores.availability *= 0.4;
  if (scores.dietary && scores.service_area && !slots.postalCode) scores.service_area *= 0.5;
  // A party with its day and size and a ZIP ("sábado 27 a las 12, 11 adultos, código postal
  // 94560") asks for that party, not whether we come there (the answer says that too).
  const partyAsked = hasWhen && (hasWho || slots.startMinute !== undefined);
  if (slots.postalCode && scores.service_area && !partyAsked)
    scores.service_area = Math.min(1, scores.service_area + 0.3);
  if (
    partyAsked &&
    scores.service_area &&
    !topics.service_area?.has("travel") &&
    (text.match(/\?/g) ?? []).length < 2
  )
    scores.service_area *= 0.5;
  // A ZIP and nothing else asked ("95076 watsonville"): whether we come there.
  if (slots.postalCode && !Object.keys(scores).length) scores.service_area = 0.6;
  if (slots.bookingCode) scores.booking_status = Math.max(scores.booking_status ?? 0, 0.75);
  // "I have a code SAVE-7K2QXA9M": the price with it (or the hold moved to it).
  if (slots.offerCode && !Object.values(scores).some((v) => v >= 0.45))
    scores.pricing = Math.max(scores.pricing ?? 0, 0.75);
  if (scores.setup && scores.availability && (scores.setup ?? 0) < 0.9) scores.setup *= 0.5;
  if (scores.setup && (scores.setup ?? 0) >= 0.9 && scores.availability) scores.availability *= 0.5;
  if (scores.notice && scores.booking_request) scores.booking_request *= 0.5;
  if (scores.notice && scores.availability && !hasWhen) scores.availability *= 0.5;
  if (scores.capacity && scores.availability && !hasWhen) scores.availability *= 0.5;
  if (scores.dietary && scores.availability && !hasWhen && !hasWho) scores.availability *= 0.5;
  if (scores.duration && scores.availability) scores.duration *= 0.6;

  const ranked = (Object.entries(scores) as [Intent, number][]).sort((a, b) => b[1] - a[1]);
  const [best, second] = ranked;
  const questionCount = Math.max(1, (text.match(/\?/g) ?? []).length);
  if (!best || best[1] < 0.45) {
    return {
      intent: "unknown",
      confidence: best?.[1] ?? 0,
      confident: false,
      also: [],
      scores,
      slots,
      normalized,
      questionCount,
    };
  }
  const margin = best[1] - (second?.[1] ?? 0);
  // A clear request to book said along with a question ("is the tip included? and place the
  // hold") is answered as well, however sure the question is.
  const also = ranked
    .slice(1)
    .filter(
      ([i, s]) =>
        (s >= CONFIDENT && best[1] - s < MARGIN + 0.05) || (i === "booking_request" && s >= 0.75),
    )
    .map(([i]) => i);
  // The topics of the intents answered, one string (it is part of the answer's identity).
  const asked = [...new Set([best[0], ...also].flatMap((i) => [...(topics[i] ?? [])]))].sort();
  if (asked.length) slots.topic = asked.join("+");
  return {
    intent: best[0],
    confidence: best[1],
    confident: best[1] >= CONFIDENT && margin >= MARGIN,
    also,
    scores,
    slots,
    normalized,
    questionCount,
  };
}
