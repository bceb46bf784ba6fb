// Every operation, by name. The surfaces are adapters over this list: the tRPC routers
// (packages/api/src/routers), REST (/api/v1), GraphQL (/api/graphql) and the assistant's tools.
// The authorization and junk-input walkers (tests) enumerate it, so a new operation is covered
// on every surface the moment it is added here.
import type { AnyOperation } from "./define";
import { deleteMyAccountOp } from "./account/delete-my-account";
import { exportMyDataOp } from "./account/export-my-data";
import { getAccountOp } from "./account/get-account";
import { getBookingPrefillOp } from "./account/get-booking-prefill";
import { getMyMessagePreferencesOp, setMyMessagePreferenceOp } from "./account/message-preferences";
import { getMyReferralCodeOp } from "./account/referral-code";
import { listMyMessagesOp, markMyMessageReadOp } from "./account/inbox";
import {
  getLoyaltyProgramOp,
  getLoyaltyReportOp,
  getMyLoyaltyOp,
  listLoyaltyTiersOp,
  updateLoyaltyTierOp,
} from "./loyalty/loyalty";
import {
  cancelBookingForStaffOp,
  getBookingCalendarOp,
  getBookingForStaffOp,
  getBusinessTodayOp,
  listBookingsForStaffOp,
  getStaffTodayOp,
  reassignBookingOp,
  setBookingStatusOp,
} from "./admin/bookings";
import {
  addSuppressionOp,
  getCampaignFunnelOp,
  listCampaignSequencesOp,
  listPublishedReviewsOp,
  listSuppressionsOp,
  removeSuppressionOp,
  setCampaignSequenceOp,
  setReviewHiddenOp,
  updateCampaignStepOp,
} from "./admin/campaigns";
import {
  approveCampaignMessageOp,
  dismissCampaignMessageOp,
  getChurnRiskOp,
  getCustomerIntelligenceOp,
  getCustomerValueOp,
  getDemandForecastOp,
} from "./admin/analytics";
import { notifyChefOnTheWayOp } from "./admin/chef-on-the-way";
import {
  createBookingForStaffOp,
  findAvailabilityForStaffOp,
  getMenuForStaffOp,
  quoteEventForStaffOp,
} from "./admin/create-booking-for-staff";
import {
  addChefTimeOffOp,
  createChefOp,
  getChefOp,
  listChefSchedulesOp,
  listChefsOp,
  listServiceZonesOp,
  removeChefTimeOffOp,
  setChefActiveOp,
  setChefHoursOp,
  setChefZonesOp,
  updateChefOp,
} from "./admin/chefs";
import {
  getConversationTranscriptOp,
  listFlaggedConversationsOp,
  listConversationsOp,
  markConversationHandledOp,
  replyToConversationOp,
} from "./admin/conversations";
import {
  getCostAlertSettingsOp,
  getCostDashboardOp,
  listCostAlertsOp,
  listUnreadCostAlertsOp,
  markCostAlertsReadOp,
  updateCostAlertSettingsOp,
} from "./admin/costs";
import { getCustomerOp, listCustomersOp, setCustomerNotesOp } from "./admin/customers";
import { getPrepSheetOp, getRunSheetOp } from "./admin/kitchen";
import {
  createMenuItemOp,
  createPackageOp,
  listMenuForOwnerOp,
  updateMenuItemOp,
  updatePackageOp,
} from "./admin/menu";
import { listOutboxOp, retryOutboxMessageOp } from "./admin/outbox";
import { getOwnerOverviewOp, listAuditLogOp } from "./admin/owner";
import {
  addPostalCodeOp,
  lookUpPostalCodeOp,
  createTravelZoneOp,
  deleteTravelZoneOp,
  getBusinessSettingsOp,
  listPostalCodesOp,
  listTravelZonesOp,
  removePostalCodeOp,
  updateBusinessSettingsOp,
  updateTravelZoneOp,
} from "./admin/settings";
import { createApiKeyOp } from "./api-keys/create-api-key";
import { listApiKeysOp } from "./api-keys/list-api-keys";
import { revokeApiKeyOp } from "./api-keys/revoke-api-key";
import { cancelBookingOp } from "./booking/cancel-booking";
import { changeBookingPartyOp, previewBookingChangeOp } from "./booking/change-booking-party";
import { findRescheduleTimesOp } from "./booking/find-reschedule-times";
import { confirmBookingOp } from "./booking/confirm-booking";
import { createBookingOp } from "./booking/create-booking";
import { findAvailabilityOp } from "./booking/find-availability";
import { getBookingOp } from "./booking/get-booking";
import { getBookingCalendarEventOp } from "./booking/get-booking-calendar-event";
import { listMyBookingsOp } from "./booking/list-my-bookings";
import { quoteEventOp } from "./booking/quote-event";
import { rescheduleBookingOp } from "./booking/reschedule-booking";
import { getMenuOp } from "./catalog/get-menu";
import { listPublicReviewsOp } from "./catalog/list-public-reviews";
import { getChatHistoryOp } from "./chat/get-chat-history";
import { getChatReplyOp } from "./chat/get-chat-reply";
import { getChatUpdatesOp } from "./chat/get-chat-updates";
import { resetChatOp } from "./chat/reset-chat";
import { sendChatMessageOp } from "./chat/send-chat-message";
import { createChatHoldOp } from "./hold/create-chat-hold";
import { finishChatHoldOp } from "./hold/finish-chat-hold";
import { getChatHoldOp } from "./hold/get-chat-hold";
import { quoteChatHoldOp } from "./hold/quote-chat-hold";
import { getBookingPaymentsOp } from "./payments/get-booking-payments";
import { getBookingPaymentsForStaffOp } from "./payments/get-booking-payments-for-staff";
import { getPaymentsReportOp } from "./payments/get-payments-report";
import { getReceiptOp } from "./payments/get-receipt";
import { payBalanceOp } from "./payments/pay-balance";
import { recordPaymentAtEventOp } from "./payments/record-payment-at-event";

import { checkDepositPaymentOp, payDepositOp } from "./payments/pay-deposit";
import { refundPaymentOp } from "./payments/refund-payment";
import { suggestForSelectionOp } from "./recommendations/suggest-for-selection";
import { recordSuggestionOutcomeOp } from "./recommendations/record-suggestion-outcome";
import {
  getRecommendationReportOp,
  listRecommendationRulesOp,
  setRecommendationHoldoutOp,
  setRecommendationRuleActiveOp,
  updateRecommendationRuleOp,
} from "./recommendations/owner";

export const operations = {
  getAccount: getAccountOp,
  getBookingPrefill: getBookingPrefillOp,
  exportMyData: exportMyDataOp,
  deleteMyAccount: deleteMyAccountOp,
  getMyMessagePreferences: getMyMessagePreferencesOp,
  setMyMessagePreference: setMyMessagePreferenceOp,
  getMyReferralCode: getMyReferralCodeOp,
  listMyMessages: listMyMessagesOp,
  markMyMessageRead: markMyMessageReadOp,
  getMenu: getMenuOp,
  listPublicReviews: listPublicReviewsOp,
  quoteEvent: quoteEventOp,
  suggestForSelection: suggestForSelectionOp,
  recordSuggestionOutcome: recordSuggestionOutcomeOp,
  findAvailability: findAvailabilityOp,
  createBooking: createBookingOp,
  getBooking: getBookingOp,
  getBookingCalendarEvent: getBookingCalendarEventOp,
  confirmBooking: confirmBookingOp,
  cancelBooking: cancelBookingOp,
  rescheduleBooking: rescheduleBookingOp,
  findRescheduleTimes: findRescheduleTimesOp,
  previewBookingChange: previewBookingChangeOp,
  changeBookingParty: changeBookingPartyOp,
  listMyBookings: listMyBookingsOp,
  getMyLoyalty: getMyLoyaltyOp,
  getLoyaltyProgram: getLoyaltyProgramOp,
  // Payments: the balance (with a tip), receipts
  getBookingPayments: getBookingPaymentsOp,
  payBalance: payBalanceOp,
  getReceipt: getReceiptOp,
  payDeposit: payDepositOp,
  checkDepositPayment: checkDepositPaymentOp,
  createChatHold: createChatHoldOp,
  getChatHold: getChatHoldOp,
  quoteChatHold: quoteChatHoldOp,
  finishChatHold: finishChatHoldOp,
  getChatHistory: getChatHistoryOp,
  sendChatMessage: sendChatMessageOp,
  getChatReply: getChatReplyOp,
  getChatUpdates: getChatUpdatesOp,
  resetChat: resetChatOp,
  // Staff: bookings
  getBusinessToday: getBusinessTodayOp,
  getStaffToday: getStaffTodayOp,
  listBookingsForStaff: listBookingsForStaffOp,
  getBookingForStaff: getBookingForStaffOp,
  getBookingCalendar: getBookingCalendarOp,
  createBookingForStaff: createBookingForStaffOp,
  getMenuForStaff: getMenuForStaffOp,
  findAvailabilityForStaff: findAvailabilityForStaffOp,
  quoteEventForStaff: quoteEventForStaffOp,
  setBookingStatus: setBookingStatusOp,
  refundPayment: refundPaymentOp,
  cancelBookingForStaff: cancelBookingForStaffOp,
  reassignBooking: reassignBookingOp,
  getBookingPaymentsForStaff: getBookingPaymentsForStaffOp,
  recordPaymentAtEvent: recordPaymentAtEventOp,
  notifyChefOnTheWay: notifyChefOnTheWayOp,
  // Staff: the kitchen's printed sheets
  getPrepSheet: getPrepSheetOp,
  getRunSheet: getRunSheetOp,
  // Staff: chefs and customers
  listChefs: listChefsOp,
  getChef: getChefOp,
  listChefSchedules: listChefSchedulesOp,
  listServiceZones: listServiceZonesOp,
  createChef: createChefOp,
  updateChef: updateChefOp,
  setChefActive: setChefActiveOp,
  setChefHours: setChefHoursOp,
  addChefTimeOff: addChefTimeOffOp,
  removeChefTimeOff: removeChefTimeOffOp,
  setChefZones: setChefZonesOp,
  listCustomers: listCustomersOp,
  getCustomer: getCustomerOp,
  setCustomerNotes: setCustomerNotesOp,
  // Staff: chats handed to a person
  listFlaggedConversations: listFlaggedConversationsOp,
  listConversations: listConversationsOp,
  getConversationTranscript: getConversationTranscriptOp,
  replyToConversation: replyToConversationOp,
  markConversationHandled: markConversationHandledOp,
  // Owner: menu, settings, service area, overview, audit log, Outbox
  listMenuForOwner: listMenuForOwnerOp,
  createMenuItem: createMenuItemOp,
  updateMenuItem: updateMenuItemOp,
  createPackage: createPackageOp,
  updatePackage: updatePackageOp,
  getBusinessSettings: getBusinessSettingsOp,
  updateBusinessSettings: updateBusinessSettingsOp,
  listTravelZones: listTravelZonesOp,
  createTravelZone: createTravelZoneOp,
  updateTravelZone: updateTravelZoneOp,
  deleteTravelZone: deleteTravelZoneOp,
  listPostalCodes: listPostalCodesOp,
  addPostalCode: addPostalCodeOp,
  lookUpPostalCode: lookUpPostalCodeOp,
  removePostalCode: removePostalCodeOp,
  getOwnerOverview: getOwnerOverviewOp,
  listAuditLog: listAuditLogOp,
  getPaymentsReport: getPaymentsReportOp,
  listOutbox: listOutboxOp,
  retryOutboxMessage: retryOutboxMessageOp,
  // Owner: loyalty tiers
  listLoyaltyTiers: listLoyaltyTiersOp,
  getLoyaltyReport: getLoyaltyReportOp,
  updateLoyaltyTier: updateLoyaltyTierOp,
  // Owner: follow-up campaigns (sequences, step editor, funnel, suppression list)
  listCampaignSequences: listCampaignSequencesOp,
  updateCampaignStep: updateCampaignStepOp,
  setCampaignSequence: setCampaignSequenceOp,
  getCampaignFunnel: getCampaignFunnelOp,
  listSuppressions: listSuppressionsOp,
  addSuppression: addSuppressionOp,
  removeSuppression: removeSuppressionOp,
  listPublishedReviews: listPublishedReviewsOp,
  setReviewHidden: setReviewHiddenOp,
  // Owner: customer intelligence (lifetime value, churn risk, demand forecast, interventions)
  getCustomerValue: getCustomerValueOp,
  getChurnRisk: getChurnRiskOp,
  getCustomerIntelligence: getCustomerIntelligenceOp,
  getDemandForecast: getDemandForecastOp,
  approveCampaignMessage: approveCampaignMessageOp,
  dismissCampaignMessage: dismissCampaignMessageOp,
  // Owner: menu recommendations (rules, hold-out share, with/without report)
  listRecommendationRules: listRecommendationRulesOp,
  setRecommendationRuleActive: setRecommendationRuleActiveOp,
  updateRecommendationRule: updateRecommendationRuleOp,
  setRecommendationHoldout: setRecommendationHoldoutOp,
  getRecommendationReport: getRecommendationReportOp,
  // Owner: AI cost
  getCostDashboard: getCostDashboardOp,
  getCostAlertSettings: getCostAlertSettingsOp,
  updateCostAlertSettings: updateCostAlertSettingsOp,
  listCostAlerts: listCostAlertsOp,
  listUnreadCostAlerts: listUnreadCostAlertsOp,
  markCostAlertsRead: markCostAlertsReadOp,
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
