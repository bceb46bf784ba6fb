import { aiQueue } from "./ai";
import { alertsQueue } from "./alerts";
import { analyticsQueue } from "./analytics";
import { bookingsQueue } from "./bookings";
import type { QueueConfig } from "./config";
import { emailQueue } from "./email";
import { paymentsQueue } from "./payments";
import { systemQueue } from "./system";

export type { QueueConfig } from "./config";

/** Every queue and its config. The worker runs one BullMQ Worker per entry. */
export const queueConfigs = {
  email: emailQueue,
  bookings: bookingsQueue,
  ai: aiQueue,
  analytics: analyticsQueue,
  alerts: alertsQueue,
  system: systemQueue,
  payments: paymentsQueue,
} as const satisfies Record<string, QueueConfig>;

export type QueueName = keyof typeof queueConfigs;
export const queueNames = Object.keys(queueConfigs) as QueueName[];
