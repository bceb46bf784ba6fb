export * from "./periods";
export * from "./format";
export * from "./settings";
export * from "./rollup";
export * from "./rules";
export * from "./dashboard";
export * from "./alerts";
export * from "./inbox";
