// The demo business's menu names and prices as packages/seed/src/data.ts writes them (packages/ai
// may not import the seed package; tests/integration/ai-understand.int.test.ts checks that the
// knowledge base built from the seeded database indexes exactly these).
export const SEED_MENU_ITEMS = [
  { slug: "chicken", name: "Hibachi chicken", priceCents: 0, active: true },
  { slug: "steak", name: "NY strip steak", priceCents: 0, active: true },
  { slug: "shrimp", name: "Shrimp", priceCents: 0, active: true },
  { slug: "salmon", name: "Salmon", priceCents: 0, active: true },
  { slug: "scallops", name: "Sea scallops", priceCents: 0, active: true },
  { slug: "tofu", name: "Crispy tofu", priceCents: 0, active: true },
  { slug: "vegetable", name: "Vegetable medley", priceCents: 0, active: true },
  { slug: "filet-mignon", name: "Filet mignon", priceCents: 500, active: true },
  { slug: "lobster-tail", name: "Lobster tail", priceCents: 1000, active: true },
  { slug: "jumbo-shrimp", name: "Jumbo tiger shrimp", priceCents: 400, active: true },
  { slug: "wagyu", name: "American wagyu", priceCents: 1500, active: true },
  { slug: "gyoza", name: "Pork gyoza", priceCents: 600, active: true },
  { slug: "edamame", name: "Edamame", priceCents: 400, active: true },
  { slug: "vegetable-spring-rolls", name: "Vegetable spring rolls", priceCents: 500, active: true },
  { slug: "sushi-platter", name: "Sushi platter (40 pieces)", priceCents: 12_000, active: true },
  { slug: "yakisoba", name: "Yakisoba noodles", priceCents: 500, active: true },
  { slug: "extra-fried-rice", name: "Extra fried rice", priceCents: 300, active: true },
  { slug: "extra-protein", name: "Extra protein portion", priceCents: 1200, active: true },
  { slug: "sake-service", name: "Sake bar service", priceCents: 15_000, active: true },
  { slug: "tables-chairs", name: "Tables and chairs", priceCents: 20_000, active: true },
  { slug: "pumpkin-mochi", name: "Pumpkin mochi", priceCents: 400, active: true },
];

export const SEED_PACKAGES = [
  { slug: "classic", name: "Classic Hibachi", active: true, adultPriceCents: 6_000 },
  { slug: "premium", name: "Premium Hibachi", active: true, adultPriceCents: 8_000 },
];
