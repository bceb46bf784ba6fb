import { assertOutsideTransaction } from "@myhibachi/db";
import nodemailer from "nodemailer";
import type { Logger } from "./log";

export interface OutgoingEmail {
  to: string;
  subject: string;
  text: string;
  html?: string | undefined;
  /** Files sent with it (a booking's calendar event, .ics). */
  attachments?: { filename: string; contentType: string; content: string }[] | undefined;
  /** Extra headers (campaign emails: RFC 8058 List-Unsubscribe and List-Unsubscribe-Post). */
  headers?: Record<string, string> | undefined;
  /** Stable Message-ID (the row id, the same on every attempt), so a rare duplicate can be dropped. */
  messageId: string;
}

export interface Mailer {
  readonly mode: "smtp" | "dev-mailbox";
  send(email: OutgoingEmail): Promise<void>;
  close(): void;
}

/**
 * SMTP via nodemailer when `smtpUrl` is set; otherwise "dev mailbox" mode: one log line per email
 * (the EmailMessage row, marked SENT by the processor, is what the customer app's dev mailbox shows).
 */
export function createMailer(opts: {
  smtpUrl?: string | undefined;
  from: string;
  log: Logger;
}): Mailer {
  const { smtpUrl, from, log } = opts;
  if (!smtpUrl) {
    return {
      mode: "dev-mailbox",
      async send(email) {
        assertOutsideTransaction("sending an email");
        log.info(
          `[mail] to=${email.to} subject=${JSON.stringify(email.subject)}${email.attachments?.length ? ` attachments=${email.attachments.map((a) => a.filename).join(",")}` : ""}`,
        );
      },
      close() {},
    };
  }
  const transport = nodemailer.createTransport({
    url: smtpUrl,
    // Bounded, so a hung SMTP server fails the attempt (and BullMQ retries) instead of hanging it.
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  });
  return {
    mode: "smtp",
    async send(email) {
      assertOutsideTransaction("sending an email");
      await transport.sendMail({
        from,
        to: email.to,
        subject: email.subject,
        text: email.text,
        ...(email.html !== undefined ? { html: email.html } : {}),
        ...(email.attachments?.length
          ? {
              attachments: email.attachments.map((a) => ({
                filename: a.filename,
                contentType: a.contentType,
                content: a.content,
              })),
            }
          : {}),
        ...(email.headers && Object.keys(email.headers).length ? { headers: email.headers } : {}),
        messageId: email.messageId,
      });
    },
    close() {
      transport.close();
    },
  };
}
