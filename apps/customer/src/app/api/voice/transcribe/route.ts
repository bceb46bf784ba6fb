// Voice on the web: GET says whether voice input works here; POST a 16 kHz mono 16-bit WAV
// recording, get its words back ({ text, engine }). packages/api/src/web-voice.ts.
import { handleVoiceTranscribe } from "@myhibachi/api";
import { voiceDeps } from "~/server/voice";

export const dynamic = "force-dynamic";
export const GET = (req: Request) => handleVoiceTranscribe(req, voiceDeps());
export const POST = (req: Request) => handleVoiceTranscribe(req, voiceDeps());
