export * from "./arm";
export * from "./engine";
export * from "./report";
export * from "./rules";
export * from "./stats";
export * from "./store";
