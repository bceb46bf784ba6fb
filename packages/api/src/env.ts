// Settings an app's env.ts validates for what the API runs on its behalf (the apps reach the
// assistant through this package): the assistant's model settings. Only zod behind it.
export { aiEnvShape, aiSettingsFrom, type AiSettings } from "@myhibachi/ai/env";
export {
  stripeEnvShape,
  stripeConfigFrom,
  paymentsMode,
  type StripeConfig,
} from "@myhibachi/core/payments-env";
