import { confirmFromEmail } from "./confirm-from-email";
import { expect, test } from "@playwright/test";
import { signIn } from "./admin/helpers";

const ADMIN_URL = process.env.ADMIN_URL ?? "http://127.0.0.1:3101";

test("a visitor asks in the chat, checks next Saturday for 12 and books through the chat's link", async ({
  page,
}) => {
  await page.goto("/");
  // The widget is on every page.
  await page.getByRole("button", { name: "Chat with us" }).click();
  const widget = page.getByRole("dialog", { name: "Chat with MyHibachi" });
  await widget.getByLabel("Your message").fill("do you serve vegetarians?");
  await widget.getByRole("button", { name: "Send" }).click();
  await expect(widget.getByTestId("chat-user").last()).toHaveText(/do you serve vegetarians\?/);
  await expect(widget.getByTestId("chat-assistant").last()).toContainText(/crispy tofu/i);

  // The conversation is remembered: the full chat page shows the same messages.
  await page.goto("/chat");
  const chat = page.getByTestId("chat-panel");
  await expect(chat.getByTestId("chat-assistant").last()).toContainText(/crispy tofu/i);

  await chat.getByLabel("Your message").fill("what's free next Saturday for 12 people?");
  await chat.getByRole("button", { name: "Send" }).click();
  const avail = chat.getByTestId("chat-assistant").last();
  await expect(avail).toContainText(/for 12 guests/);
  const slot = avail.getByRole("button", { name: /^Hold / }).first();
  await expect(slot).toBeVisible();
  await slot.click();

  // No ZIP yet: the assistant asks for it.
  await expect(chat.getByTestId("chat-assistant").last()).toContainText(/ZIP/);
  await chat.getByLabel("Your message").fill("95125");
  await chat.getByRole("button", { name: "Send" }).click();
  const link = chat.getByRole("link", { name: /Finish booking HB-/ });
  await expect(link).toBeVisible();
  const code = (await link.textContent())!.match(/HB-[A-Z0-9]+/)![0];
  await link.click();

  await expect(page.getByRole("heading", { name: "Finish your booking" })).toBeVisible();
  await expect(page.getByTestId("hold-summary")).toContainText("12 guests · ZIP 95125");
  await expect(page.getByText("24 of 24 portions chosen")).toBeVisible();
  await page.getByLabel("Street address").fill("123 Maple Ave");
  await page.getByLabel("City").fill("San Jose");
  await page.getByLabel("Your name").fill("Chat Visitor");
  const email = `chat-${Date.now()}@example.com`;
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Phone").fill("408-555-0188");
  await expect(page.getByTestId("quote-total")).toBeVisible();
  await page.getByRole("button", { name: "Confirm booking" }).click();

  // The booking exists: its page loads from the server with the code from the chat.
  await expect(page).toHaveURL(/\/bookings\/[^?]+\?token=/);
  await expect(page.getByText(code).first()).toBeVisible();
  // Like any booking made online, it waits (visibly, for a short time) for the customer's
  // confirmation from the emailed link.
  await expect(page.getByTestId("booking-status")).toHaveText("Waiting for your confirmation");
  await confirmFromEmail(page, email, code);
});

test("an angry message is handed to staff, who read the transcript and mark it handled", async ({
  page,
}) => {
  const complaint = `THE CHEF NEVER SHOWED UP!!! I want a manager and a refund ${Date.now()}`;
  await page.goto("/chat");
  const chat = page.getByTestId("chat-panel");
  await chat.getByLabel("Your message").fill(complaint);
  await chat.getByRole("button", { name: "Send" }).click();
  await expect(chat.getByTestId("chat-assistant").last()).toContainText(/flagged the conversation/);

  await signIn(page, "staff");
  await page.goto(`${ADMIN_URL}/conversations`);
  const item = page.getByRole("listitem").filter({ hasText: complaint });
  await expect(item).toContainText("needs a person");
  await item.getByRole("link", { name: "Anonymous visitor" }).click();
  await expect(page.getByRole("list", { name: "Transcript" })).toContainText(complaint);
  await page.getByRole("button", { name: "Mark handled" }).click();
  await expect(page.getByRole("button", { name: "Mark handled" })).toHaveCount(0);
  await page.goto(`${ADMIN_URL}/conversations`);
  await expect(page.getByRole("listitem").filter({ hasText: complaint })).toHaveCount(0);
});
