// zod for the schemas in this package, configured before any of them is built.
//
// In the browser, zod must not probe whether it may compile parsers with `new Function`: the
// sites' Content-Security-Policy forbids eval, and the probe itself is reported as a violation
// (admin /chefs showed one once phone-hours.ts built its schema before booking-schemas.ts had
// set this). zod decides per schema, when it is built, so every module here imports `z` from
// this file: ES modules run it first. The server keeps zod's compiled parsers.
import { z } from "zod";

if (typeof window !== "undefined") z.config({ jitless: true });

export { z };
