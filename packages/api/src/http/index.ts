// The HTTP edge of both apps (imported as "@myhibachi/api/http"; no server-only dependencies, so
// proxies and client components can use it).
export { safeNextPath } from "./safe-path";
export { allowedOriginsSchema, parseAllowedOrigins, trustedOrigins } from "./origins";
export { findUnsafeText, describeUnsafeText, type UnsafeText } from "@myhibachi/shared";
export {
  LIMITS,
  WAV_MEDIA_TYPES,
  WEB_VOICE_PATH,
  bodyLimitFor,
  contentSecurityPolicy,
  createEdge,
  crossSiteProblem,
  errorResponse,
  mediaType,
  nextProxy,
  readBodyLimited,
  readJsonRequest,
  sameIpOrigin,
  tooLargeMessage,
  withBody,
  type EdgeConfig,
  type EdgeDecision,
} from "./edge";
