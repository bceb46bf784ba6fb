// AI cost monitoring for the owner: the dashboard, budgets and alert settings, the alert inbox.
import { operations as op } from "@myhibachi/core";
import { mutationOf, queryOf } from "../../procedure";
import { router } from "../../trpc";

export const costsAdminRouter = router({
  dashboard: queryOf(op.getCostDashboard),
  settings: queryOf(op.getCostAlertSettings),
  updateSettings: mutationOf(op.updateCostAlertSettings),
  alerts: queryOf(op.listCostAlerts),
  unread: queryOf(op.listUnreadCostAlerts),
  markRead: mutationOf(op.markCostAlertsRead),
});
