// Pure helpers used by the server (core, api, ai, worker) and the browser (apps' client
// components) alike: no I/O but the console, no Node or web-framework imports (see
// eslint/boundaries.mjs).
export * from "./money";
export * from "./time";
export * from "./weekdays";
export * from "./dietary";
export * from "./proteins";
export * from "./outage-log";
export * from "./unsafe-text";
export * from "./chat";
export * from "./stamp";
export * from "./percent";
export * from "./allergens";
export * from "./diet-profile";
export * from "./menu-diet";
export * from "./kitchen-order";
export * from "./kitchen-warnings";
export * from "./booking-status";
export * from "./calendar-links";
export * from "./links";
export * from "./plural";
export * from "./party";
export * from "./phone";
export * from "./zip-place";
export * from "./text-limits";
export * from "./diet-extract";
export * from "./rule-reason";
export * from "./phone-hours";
