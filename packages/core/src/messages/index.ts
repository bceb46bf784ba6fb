export * from "./attachments";
export * from "./claims";
export * from "./redact";
export * from "./outbox";
export * from "./delivery-notice";
export * from "./booking-email";
export * from "./sms";
