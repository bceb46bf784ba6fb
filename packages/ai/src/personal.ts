// Is a message about the customer's OWN booking, money or event? Such a question has an answer
// that differs per customer ("how much do I still owe" is not the price list), so it is never
// answered from the shared response cache, whatever intent it was recognised as. Deliberately
// broad: a false "personal" only costs a cache miss; a false "not personal" serves one customer's
// answer to another's question.
import { normalizeText } from "./text";

const OWN = String.raw`(?:my|our|mine|ours|mi|mis|nuestra|nuestro|nuestras|nuestros)`;
const THINGS = String.raw`(?:booking|bookings|reservation|reservations|event|events|order|orders|party|parties|balance|deposit|payment|payments|invoice|receipt|refund|confirmation|chef|date|time|appointment|reserva|reservas|reservacion|evento|eventos|fiesta|saldo|pago|pagos|deposito|factura|recibo|reembolso|cita|chef)`;

const PATTERNS: RegExp[] = [
  // "my booking", "our party", "mi reserva", "my 6pm event"
  new RegExp(String.raw`\b${OWN}\s+(?:\w+\s+){0,2}${THINGS}\b`),
  // money the customer owes or paid: "do i owe", "i still owe", "did i pay", "have i paid"
  /\b(?:i|we)\s+(?:still\s+)?(?:owe|paid|pay(?:ed)?|was charged|were charged)\b/,
  /\b(?:do|did|have|has|am|are)\s+(?:i|we)\s+(?:still\s+)?(?:owe|pay|paid|booked|confirmed|a booking|a reservation)\b/,
  /\b(?:when|what time|where)\s+is\s+(?:my|our)\b/,
  /\bhow much (?:do|did) (?:i|we) (?:owe|pay|still owe)\b/,
  // Spanish: "cuanto debo", "ya pague", "cuando es mi"
  /\b(?:cuanto\s+)?(?:debo|debemos|pague|pagamos)\b/,
  /\bcuando es (?:mi|nuestra|nuestro)\b/,
  // the customer's own tier or points: "my tier", "how many points do i have", "mis puntos"
  /\b(?:my|our)\s+(?:loyalty\s+|rewards?\s+)?(?:tier|level|points|rewards)\b/,
  /\bhow many points\b/,
  /\b(?:mis|nuestros)\s+puntos\b|\bmi\s+nivel\b/,
  // the customer's own referral code: "my referral code", "my ref code", "mi codigo de referido"
  /\b(?:my|our)\s+(?:\w+\s+)?(?:referr?al|ref|invite)\s+(?:code|link)\b/,
  /\b(?:mi|nuestro)\s+codigo\s+(?:de\s+)?(?:referido|referida|referencia|amigo|invitacion)\b/,
  // a booking code
  /\bhb-[a-z0-9]{4,}\b/,
];

export function isPersonal(text: string): boolean {
  // Accents off first ("cuánto debo" reads as "cuanto debo"), then the usual normalisation.
  const t = normalizeText(text.normalize("NFD").replace(/[\u0300-\u036f]/g, ""));
  return PATTERNS.some((re) => re.test(t));
}
