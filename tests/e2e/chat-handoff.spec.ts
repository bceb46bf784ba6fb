import { expect, test } from "@playwright/test";
import { signIn } from "./admin/helpers";

const ADMIN_URL = process.env.ADMIN_URL ?? "http://127.0.0.1:3101";

test("a visitor asks for a person and leaves an email; staff reply from the admin app and the visitor's open chat shows it without a reload", async ({
  page,
  browser,
}) => {
  const email = `handoff-${Date.now()}@example.com`;
  await page.goto("/");
  await page.getByRole("button", { name: "Chat with us" }).click();
  const widget = page.getByRole("dialog", { name: "Chat with MyHibachi" });
  const say = async (text: string) => {
    await widget.getByLabel("Your message").fill(text);
    await widget.getByRole("button", { name: "Send" }).click();
    await expect(widget.getByTestId("chat-user").last()).toHaveText(new RegExp(text.slice(0, 12)));
  };

  await say("can I talk to a real person please?");
  const ask = widget.getByTestId("chat-assistant").last();
  await expect(ask).toContainText("a person will reply right here in this chat");
  await expect(ask).toContainText("what's the best email address or phone number");

  await say("jane@");
  await expect(widget.getByTestId("chat-assistant").last()).toContainText(
    "doesn't look like an email address or phone number",
  );
  await say(email);
  await expect(widget.getByTestId("chat-assistant").last()).toContainText(
    `we'll reach you at ${email}`,
  );

  // Staff, on their own device, find the chat and answer inside it.
  const staffContext = await browser.newContext();
  const admin = await staffContext.newPage();
  await signIn(admin, "staff");
  await admin.goto(`${ADMIN_URL}/conversations`);
  const item = admin.getByRole("listitem").filter({ hasText: email });
  await expect(item).toContainText("needs a person");
  await item.getByRole("link", { name: "Anonymous visitor" }).click();
  await expect(admin.getByRole("definition").filter({ hasText: email })).toBeVisible();
  const reply = "Hi, this is Sam from MyHibachi. What can I do for you?";
  await admin.getByLabel("Reply to the customer").fill(reply);
  await admin.getByRole("button", { name: "Send reply" }).click();
  await expect(admin.getByRole("list", { name: "Transcript" })).toContainText(reply);
  await expect(admin.getByLabel("Reply to the customer")).toHaveValue("");

  // The visitor's page was never reloaded: the reply arrives live, signed by a person.
  const staffMsg = widget.getByTestId("chat-staff").last();
  await expect(staffMsg).toContainText(reply);
  await expect(staffMsg).toContainText("Sam · MyHibachi team");
  await expect(widget.getByText("Sam from our team is on this chat")).toBeVisible();

  // While Sam is on it the assistant stays quiet; what the visitor writes reaches Sam.
  await say("Thanks Sam! Can the chef come an hour later?");
  await expect(admin.getByRole("list", { name: "Transcript" })).toContainText(
    "Can the chef come an hour later?",
  );
  await expect(widget.getByText("The assistant is typing")).toHaveCount(0);
  await expect(widget.getByTestId("chat-assistant")).toHaveCount(3);

  // Handled: the transcript goes to the email the visitor gave.
  await admin.getByRole("button", { name: "Mark handled" }).click();
  await expect(admin.getByRole("button", { name: "Mark handled" })).toHaveCount(0);
  await staffContext.close();
  await page.goto(`/dev/mailbox?to=${encodeURIComponent(email)}`);
  const mail = page.getByTestId("mail").filter({ hasText: "Your chat with MyHibachi" });
  await expect(mail).toContainText(reply);
  await expect(mail).toContainText("Can the chef come an hour later?");
});
