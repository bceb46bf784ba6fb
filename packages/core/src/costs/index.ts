export * from "./periods";
export * from "./settings";
export * from "./rollup";
export * from "./rules";
export * from "./dashboard";
export * from "./alerts";
export * from "./inbox";
export * from "./ceiling";
