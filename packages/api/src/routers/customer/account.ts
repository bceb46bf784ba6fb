import { operations as op } from "@myhibachi/core";
import { mutationOf, queryOf } from "../../procedure";
import { router } from "../../trpc";

export const accountRouter = router({
  me: queryOf(op.getAccount),
  bookingPrefill: queryOf(op.getBookingPrefill),
  loyalty: queryOf(op.getMyLoyalty),
  exportData: queryOf(op.exportMyData),
  delete: mutationOf(op.deleteMyAccount),
  messages: queryOf(op.getMyMessagePreferences),
  setMessages: mutationOf(op.setMyMessagePreference),
  referralCode: queryOf(op.getMyReferralCode),
  inbox: queryOf(op.listMyMessages),
  readMessage: mutationOf(op.markMyMessageRead),
});
