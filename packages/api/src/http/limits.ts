// Request limits of both apps' HTTP edge. A module of its own, with no imports, so the browser
// side (the tRPC client's batch size) can use it without the edge's server code and validators
// ("@myhibachi/api/limits").
export const LIMITS = {
  /** Largest request body an API route (/api/*) reads: tRPC, sign-in, chat. */
  apiBodyBytes: 64 * 1024,
  /** Largest request body anywhere else (Next server actions; Next's own default is 1 MB). */
  otherBodyBytes: 1024 * 1024,
  /** Most procedure calls in one batched tRPC request (the client batches at most this many). */
  trpcBatch: 10,
} as const;
