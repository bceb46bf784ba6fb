// The admin navigation. Each area adds its own entry here; `roles` decides who sees it
// (the pages and procedures check roles on the server too).
export interface NavItem {
  href: string;
  label: string;
  roles: ("STAFF" | "OWNER")[];
}

const STAFF: NavItem["roles"] = ["STAFF", "OWNER"];
const OWNER: NavItem["roles"] = ["OWNER"];

export const NAV: NavItem[] = [
  { href: "/", label: "Today", roles: STAFF },
  { href: "/calendar", label: "Calendar", roles: STAFF },
  { href: "/run-sheet", label: "Run sheet", roles: STAFF },
  { href: "/bookings", label: "Bookings", roles: STAFF },
  { href: "/chefs", label: "Chefs", roles: STAFF },
  { href: "/customers", label: "Customers", roles: STAFF },
  { href: "/conversations", label: "Chats", roles: STAFF },
  { href: "/overview", label: "Overview", roles: OWNER },
  { href: "/payments", label: "Payments", roles: OWNER },
  { href: "/menu", label: "Menu & pricing", roles: OWNER },
  { href: "/loyalty", label: "Loyalty", roles: OWNER },
  { href: "/campaigns", label: "Campaigns", roles: OWNER },
  { href: "/value", label: "Customer value", roles: OWNER },
  { href: "/churn", label: "Churn risk", roles: OWNER },
  { href: "/recommendations", label: "Recommendations", roles: OWNER },
  { href: "/forecast", label: "Forecast", roles: OWNER },
  { href: "/settings", label: "Settings", roles: OWNER },
  { href: "/costs", label: "AI costs", roles: OWNER },
  { href: "/alerts", label: "Alerts", roles: OWNER },
  { href: "/audit", label: "Audit log", roles: OWNER },
  { href: "/outbox", label: "Outbox", roles: OWNER },
  { href: "/queues", label: "Queues", roles: OWNER },
];
