export * from "./tiers";
export * from "./recompute";
export * from "./customer";
export * from "./report";
export * from "./points";
export * from "./expiry-reminder";
