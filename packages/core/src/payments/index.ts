export * from "./config";
export * from "./money";
export * from "./events";
