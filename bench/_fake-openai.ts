// The benchmark's fake model, in its own process (as a real API would be): an OpenAI-compatible
// server on 127.0.0.1 answering after `delayMs`. Prints {"url": ...} once listening.
import { recognize } from "@myhibachi/ai";
import { roughTokens, startFakeOpenAi, type FakeRequest } from "@myhibachi/ai/testing";

const delay = Number(process.argv[2] ?? 500);
const NOW = new Date("2026-11-24T18:00:00Z");
const lastUser = (r: FakeRequest) =>
  [...r.messages].reverse().find((m) => m.role === "user")?.content ?? "";

// A tool round for availability/booking/status questions, then a ~80-token answer. Prompt
// tokens count the messages and the tool definitions, as OpenAI's do.
const fake = await startFakeOpenAi((req) => {
  const prompt =
    roughTokens(req.messages.map((m) => m.content ?? "").join("\n")) +
    roughTokens(JSON.stringify(req.tools ?? []));
  const hadTool = req.messages.some((m) => m.role === "tool");
  const intent = recognize(lastUser(req), NOW, "America/Los_Angeles").intent;
  if (!hadTool && ["availability", "booking_request", "booking_status"].includes(intent)) {
    const name = intent === "booking_status" ? "get_my_bookings" : "check_availability";
    return {
      delayMs: delay,
      toolCalls: [{ name, arguments: name === "get_my_bookings" ? {} : { guests: 10 } }],
      usage: { prompt, completion: 25 },
    };
  }
  const content = `Here is a helpful answer about "${lastUser(req).slice(0, 60)}". `.repeat(4);
  return { delayMs: delay, content, usage: { prompt, completion: roughTokens(content) } };
});
console.log(JSON.stringify({ url: fake.url }));
process.on("SIGTERM", () => void fake.close().then(() => process.exit(0)));
