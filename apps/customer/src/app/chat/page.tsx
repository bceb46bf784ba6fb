import { Card } from "@myhibachi/ui";
import { ChatPanel } from "./chat-panel";
import { pageMetadata } from "~/lib/seo";

export const metadata = pageMetadata({
  title: "Chat with us",
  description:
    "Ask our assistant about the menu, prices, allergies and free dates; it can hold a time for you, and a person from our team can take over anytime.",
  path: "/chat",
});

export default function ChatPage() {
  return (
    <div className="mx-auto max-w-2xl">
      <h1 className="text-3xl font-extrabold">Chat with MyHibachi</h1>
      <p className="mt-1 text-muted">
        Ask about the menu, prices, dietary needs or free dates — I can hold a time for you.
      </p>
      <Card className="mt-4">
        <ChatPanel />
      </Card>
    </div>
  );
}
