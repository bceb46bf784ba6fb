// The assistant's settings as each app's env.ts validates them (the worker answers with models;
// the customer app needs the same to know which tiers have one: its cache fast path looks up
// answers under the tier that answers). Only zod here: safe to import from an env module.
import { z } from "zod";

export const aiEnvShape = {
  /** OpenAI (or an OpenAI-compatible server via base URL); unset = the local tier only. */
  OPENAI_API_KEY: z.string().optional(),
  OPENAI_BASE_URL: z.url().optional(),
  AI_MODEL_SMALL: z.string().optional(),
  AI_MODEL_MEDIUM: z.string().optional(),
  AI_MODEL_STRONG: z.string().optional(),
  /** A server per tier (e.g. a local Ollama for small, OpenAI for strong); unset = the above. */
  AI_SMALL_BASE_URL: z.url().optional(),
  AI_SMALL_API_KEY: z.string().optional(),
  AI_SMALL_MODEL: z.string().optional(),
  AI_MEDIUM_BASE_URL: z.url().optional(),
  AI_MEDIUM_API_KEY: z.string().optional(),
  AI_MEDIUM_MODEL: z.string().optional(),
  AI_STRONG_BASE_URL: z.url().optional(),
  AI_STRONG_API_KEY: z.string().optional(),
  AI_STRONG_MODEL: z.string().optional(),
};

export type AiSettings = { [K in keyof typeof aiEnvShape]?: string };

/** The assistant's settings out of an app's validated env. */
export function aiSettingsFrom(env: AiSettings): AiSettings {
  return Object.fromEntries(
    Object.keys(aiEnvShape)
      .map((k) => [k, env[k as keyof AiSettings]] as const)
      .filter(([, v]) => v !== undefined),
  ) as AiSettings;
}
