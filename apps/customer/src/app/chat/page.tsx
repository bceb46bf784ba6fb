import type { Metadata } from "next";
import { Card } from "@myhibachi/ui";
import { ChatPanel } from "./chat-panel";

export const metadata: Metadata = { title: "Chat with us" };

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
