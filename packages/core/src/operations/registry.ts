// Every operation, by name. The surfaces are adapters over this list: the tRPC routers
// (packages/api/src/routers), REST (/api/v1), GraphQL (/api/graphql) and the assistant's tools.
// The authorization and junk-input walkers (tests) enumerate it, so a new operation is covered
// on every surface the moment it is added here.
import type { AnyOperation } from "./define";
import { getAccountOp } from "./account/get-account";
import {
  getBookingCalendarOp,
  getBookingForStaffOp,
  getBusinessTodayOp,
  listBookingsForStaffOp,
  listUpcomingBookingsOp,
} from "./admin/bookings";
import { getChefOp, listChefSchedulesOp, listChefsOp } from "./admin/chefs";
import { getCostDashboardOp } from "./admin/costs";
import { getCustomerOp, listCustomersOp } from "./admin/customers";
import { createApiKeyOp } from "./api-keys/create-api-key";
import { listApiKeysOp } from "./api-keys/list-api-keys";
import { revokeApiKeyOp } from "./api-keys/revoke-api-key";
import { cancelBookingOp } from "./booking/cancel-booking";
import { confirmBookingOp } from "./booking/confirm-booking";
import { createBookingOp } from "./booking/create-booking";
import { findAvailabilityOp } from "./booking/find-availability";
import { getBookingOp } from "./booking/get-booking";
import { listMyBookingsOp } from "./booking/list-my-bookings";
import { quoteEventOp } from "./booking/quote-event";
import { rescheduleBookingOp } from "./booking/reschedule-booking";
import { getMenuOp } from "./catalog/get-menu";
import { finishChatHoldOp } from "./hold/finish-chat-hold";
import { getChatHoldOp } from "./hold/get-chat-hold";

export const operations = {
  getAccount: getAccountOp,
  getMenu: getMenuOp,
  quoteEvent: quoteEventOp,
  findAvailability: findAvailabilityOp,
  createBooking: createBookingOp,
  getBooking: getBookingOp,
  confirmBooking: confirmBookingOp,
  cancelBooking: cancelBookingOp,
  rescheduleBooking: rescheduleBookingOp,
  listMyBookings: listMyBookingsOp,
  getChatHold: getChatHoldOp,
  finishChatHold: finishChatHoldOp,
  // Staff and owner (the admin app)
  getBusinessToday: getBusinessTodayOp,
  listUpcomingBookings: listUpcomingBookingsOp,
  listBookingsForStaff: listBookingsForStaffOp,
  getBookingForStaff: getBookingForStaffOp,
  getBookingCalendar: getBookingCalendarOp,
  listCustomers: listCustomersOp,
  getCustomer: getCustomerOp,
  listChefs: listChefsOp,
  getChef: getChefOp,
  listChefSchedules: listChefSchedulesOp,
  getCostDashboard: getCostDashboardOp,
  // The owner's API keys (admin app)
  listApiKeys: listApiKeysOp,
  createApiKey: createApiKeyOp,
  revokeApiKey: revokeApiKeyOp,
} satisfies Record<string, AnyOperation>;

export type OperationName = keyof typeof operations;

/** The registry as a list (walkers, docs). */
export const allOperations: AnyOperation[] = Object.values(operations);

for (const [key, op] of Object.entries(operations))
  if (op.name !== key) throw new Error(`operation registry: ${key} is named ${op.name}`);
