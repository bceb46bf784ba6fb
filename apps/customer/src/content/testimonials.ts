// Testimonials: words from thank-you notes our guests sent us, chosen by us and shared with
// their permission. They are the business's own selection, not verified reviews, and the page
// says so (and gives them no star rating).
export interface Testimonial {
  quote: string;
  name: string;
  place: string;
  occasion: string;
}

export const TESTIMONIALS: Testimonial[] = [
  {
    quote:
      "Kenji made my dad's 70th. The onion volcano had the whole family cheering, and the patio was cleaner after than before.",
    name: "Priya S.",
    place: "San Jose",
    occasion: "70th birthday, 24 guests",
  },
  {
    quote:
      "We booked on a Tuesday for Saturday. The price on the site was exactly what we paid, to the cent.",
    name: "Marcus T.",
    place: "Sunnyvale",
    occasion: "Graduation party, 30 guests",
  },
  {
    quote:
      "Two of the kids have nut allergies. The chef went through every sauce with us before he started and nobody had to worry.",
    name: "Ana R.",
    place: "Campbell",
    occasion: "Kids' birthday, 16 guests",
  },
  {
    quote:
      "It poured that evening. We opened the garage, the grill went in the doorway and the show went on.",
    name: "Daniel K.",
    place: "Mountain View",
    occasion: "Anniversary dinner, 10 guests",
  },
];
