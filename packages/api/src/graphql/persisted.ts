// The persisted documents' map (hash → text), computed from documents.ts. The checked-in
// persisted-{customer,admin}.json are what the server reads; this computes what it must contain.
import { createHash } from "node:crypto";
import { ADMIN_DOCUMENTS, CUSTOMER_DOCUMENTS } from "./documents";

export const documentHash = (doc: string) => createHash("sha256").update(doc).digest("hex");

const mapOf = (docs: Record<string, string>) =>
  Object.fromEntries(Object.values(docs).map((d) => [documentHash(d), d]));

export function persistedMap() {
  return { customer: mapOf(CUSTOMER_DOCUMENTS), admin: mapOf(ADMIN_DOCUMENTS) };
}
