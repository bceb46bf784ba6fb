// The chat's five calls to the site's tRPC API (/api/trpc/chat.*), with the site's small typed
// client (lib/rpc.ts): the chat keeps its own state and needs no query cache.
import { rpc } from "~/lib/rpc";

export const chatApi = {
  history: () => rpc.chat.history.query(),
  reply: (input: Parameters<typeof rpc.chat.reply.query>[0]) => rpc.chat.reply.query(input),
  updates: (input: Parameters<typeof rpc.chat.updates.query>[0]) => rpc.chat.updates.query(input),
  send: (input: Parameters<typeof rpc.chat.send.mutate>[0]) => rpc.chat.send.mutate(input),
  reset: () => rpc.chat.reset.mutate(),
};
