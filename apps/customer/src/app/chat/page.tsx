import { Card } from "@myhibachi/ui";
import { api } from "~/server/caller";
import { NoScript } from "../book/no-script";
import { ChatPanel } from "./chat-panel";
import { pageMetadata } from "~/lib/seo";

export const metadata = pageMetadata({
  title: "Chat with us",
  description:
    "Ask our assistant about the menu, prices, allergies and free dates; it can hold a time for you, and a person from our team can take over anytime.",
  path: "/chat",
});

export const dynamic = "force-dynamic";

export default async function ChatPage() {
  const { business } = await (await api()).catalog.get();
  return (
    <div className="mx-auto max-w-2xl">
      <h1 className="text-3xl font-extrabold">Chat with MyHibachi</h1>
      <p className="mt-1 text-muted">
        Ask about the menu, prices, dietary needs or free dates — I can hold a time for you.
      </p>
      <div className="mt-4">
        <NoScript
          phone={business.phone}
          email={business.email}
          what="Chatting with our assistant"
          title="Call or email us"
          help="and we will answer your questions and check free dates with you."
        />
      </div>
      <div data-needs-js>
        <Card className="mt-4">
          <ChatPanel />
        </Card>
      </div>
    </div>
  );
}
