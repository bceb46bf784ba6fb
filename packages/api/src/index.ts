export { customerRouter, adminRouter, type CustomerRouter, type AdminRouter } from "./root";
export {
  createContext,
  sessionUser,
  type ApiDeps,
  type Context,
  type EmailMessageInput,
} from "./context";
export { createCallerFactory, describeZodError } from "./trpc";
export { bookingNotifier } from "./notifications";
export { handleStripeWebhook, refundQueuer } from "./payments";
export {
  handleCampaignClick,
  handleFeedback,
  handleUnsubscribe,
  type CampaignPageDeps,
} from "./campaign-pages";
export { localMailbox } from "./mailbox";
export {
  defaultOtherReply,
  handleTwilioSms,
  TWILIO_SMS_PATH,
  type InboundSms,
  type TwilioSmsDeps,
} from "./twilio-sms";
export {
  createServerDeps,
  handleAuth,
  handleTrpc,
  healthResponse,
  liveResponse,
  type ServerDeps,
  type ServerEnv,
} from "./server";
export {
  VISITOR_COOKIE,
  newVisitorCookie,
  signVisitorId,
  verifyVisitorCookie,
  visitorIdFrom,
} from "./visitor";
export {
  handleGraphQL,
  buildCustomerSchema,
  buildAdminSchema,
  GRAPHQL_LIMITS,
  CUSTOMER_DOCUMENTS,
  ADMIN_DOCUMENTS,
  MY_BOOKINGS_QUERY,
  MENU_QUERY,
  QUOTE_QUERY,
  ADMIN_BOOKINGS_QUERY,
} from "./graphql";
export {
  adminRoutes,
  apiDocsResponse,
  customerRoutes,
  DOCS_PATH,
  errorResponsesFor,
  handleRest,
  OPENAPI_PATH,
  openApiDocument,
  openApiResponse,
  renderApiDocs,
  REST_BASE_PATH,
  restRoutes,
  type RestApp,
  type RestRoute,
} from "./rest";
export { servedEndpoints, type ServedEndpoint } from "./operations-map";
export {
  handleVoiceAudio,
  handleVoiceGather,
  handleVoiceIncoming,
  handleVoiceDial,
  handleVoiceMessage,
  handleVoiceStatus,
  smsConversationReply,
  TWILIO_VOICE_PATH,
  type TwilioVoiceDeps,
} from "./twilio-voice";
export { assistantFor } from "./chat-replies";
export {
  handleVoiceTranscribe,
  menuNames,
  VOICE_IP_LIMIT,
  VOICE_VISITOR_LIMIT,
  VOICE_IP_SECONDS,
  VOICE_VISITOR_SECONDS,
  WEB_VOICE_PATH,
  type WebVoiceDeps,
} from "./web-voice";
export { speechFromEnv, transcriberFromEnv, voiceUnavailableReason } from "@myhibachi/ai";
