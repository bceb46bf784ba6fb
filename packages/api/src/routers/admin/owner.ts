// Owner area: menu and pricing, business settings, travel zones and service area, the overview,
// the audit log and the Outbox (every operation here has the `owner` access rule).
import { operations as op } from "@myhibachi/core";
import { mutationOf, queryOf } from "../../procedure";
import { router } from "../../trpc";
import { outboxAdminRouter } from "./outbox";

const menuRouter = router({
  list: queryOf(op.listMenuForOwner),
  createItem: mutationOf(op.createMenuItem),
  updateItem: mutationOf(op.updateMenuItem),
  createPackage: mutationOf(op.createPackage),
  updatePackage: mutationOf(op.updatePackage),
});

const settingsRouter = router({
  get: queryOf(op.getBusinessSettings),
  update: mutationOf(op.updateBusinessSettings),
  zones: queryOf(op.listTravelZones),
  createZone: mutationOf(op.createTravelZone),
  updateZone: mutationOf(op.updateTravelZone),
  deleteZone: mutationOf(op.deleteTravelZone),
  postalCodes: queryOf(op.listPostalCodes),
  addPostalCode: mutationOf(op.addPostalCode),
  lookUpPostalCode: queryOf(op.lookUpPostalCode),
  removePostalCode: mutationOf(op.removePostalCode),
});

/** Loyalty tiers: thresholds, discounts and perks. */
const loyaltyRouter = router({
  tiers: queryOf(op.listLoyaltyTiers),
  report: queryOf(op.getLoyaltyReport),
  updateTier: mutationOf(op.updateLoyaltyTier),
});

/**
 * Follow-up campaigns: sequences and steps, the funnel, the suppression list, and the comments
 * published on /reviews (hide one, show it again).
 */
const campaignsRouter = router({
  sequences: queryOf(op.listCampaignSequences),
  updateStep: mutationOf(op.updateCampaignStep),
  setSequence: mutationOf(op.setCampaignSequence),
  funnel: queryOf(op.getCampaignFunnel),
  suppressions: queryOf(op.listSuppressions),
  addSuppression: mutationOf(op.addSuppression),
  removeSuppression: mutationOf(op.removeSuppression),
  publishedReviews: queryOf(op.listPublishedReviews),
  setReviewHidden: mutationOf(op.setReviewHidden),
});

/** Customer intelligence: lifetime value, churn risk, demand forecast, interventions. */
const insightsRouter = router({
  value: queryOf(op.getCustomerValue),
  churn: queryOf(op.getChurnRisk),
  customer: queryOf(op.getCustomerIntelligence),
  forecast: queryOf(op.getDemandForecast),
  approveMessage: mutationOf(op.approveCampaignMessage),
  dismissMessage: mutationOf(op.dismissCampaignMessage),
});

/** API keys for the admin REST API (read-only; a key is shown once, when made). */
const apiKeysRouter = router({
  list: queryOf(op.listApiKeys),
  create: mutationOf(op.createApiKey),
  revoke: mutationOf(op.revokeApiKey),
});

/** Menu recommendations: the rules (on/off, reason, priority, conditions), hold-out share, report. */
const recommendationsRouter = router({
  rules: queryOf(op.listRecommendationRules),
  report: queryOf(op.getRecommendationReport),
  setRuleActive: mutationOf(op.setRecommendationRuleActive),
  updateRule: mutationOf(op.updateRecommendationRule),
  setHoldout: mutationOf(op.setRecommendationHoldout),
});

export const ownerAdminRouter = router({
  menu: menuRouter,
  recommendations: recommendationsRouter,
  apiKeys: apiKeysRouter,
  outbox: outboxAdminRouter,
  loyalty: loyaltyRouter,
  campaigns: campaignsRouter,
  insights: insightsRouter,
  settings: settingsRouter,
  overview: queryOf(op.getOwnerOverview),
  audit: queryOf(op.listAuditLog),
  payments: queryOf(op.getPaymentsReport),
  /** A full or partial refund of one payment (audited). */
  refundPayment: mutationOf(op.refundPayment),
});
