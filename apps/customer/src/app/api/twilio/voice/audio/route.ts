// The audio Twilio plays on a call when OpenAI TTS is configured (VOICE_TTS_MODEL): the text is in
// the link, signed by this site. packages/api/src/twilio-voice.ts.
import { handleVoiceAudio } from "@myhibachi/api";
import { twilioDeps } from "~/server/twilio";

export const dynamic = "force-dynamic";
export const GET = (req: Request) => handleVoiceAudio(req, twilioDeps());
