export * from "./quiet-hours";
export * from "./tokens";
export * from "./render";
export * from "./engine";
export * from "./consent";
export * from "./feedback";
/** HTML escaping of the emails, for the campaign pages the customer app serves. */
export { escapeHtml } from "../messages/booking-email-html";
export * from "./codes";
export * from "./offers";
export * from "./referrals";
export * from "./mailbox";
export * from "./erase";
export * from "./owner";
export * from "./sms-replies";
export * from "./preferences";
export * from "./reviews";
export * from "./clicks";
