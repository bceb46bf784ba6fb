// What a deleted account leaves of its campaigns: every enrolment stopped and without its address
// or name, rating comments removed, offer codes and referrals no longer naming the address, consent
// records and in-app messages gone, their text messages not sent yet never sent and the sent ones without their words.
// The suppression list keeps an unsubscribed address or a phone that said STOP: never again.
import type { DbTx } from "@myhibachi/db";

export async function eraseCampaignData(
  tx: DbTx,
  who: { customerIds: string[]; bookingIds: string[]; addresses: string[]; phones?: string[] },
  now: Date,
): Promise<void> {
  const emails = [...new Set(who.addresses.map((a) => a.trim().toLowerCase()))];
  const enrolments = {
    OR: [
      { customerId: { in: who.customerIds } },
      { bookingId: { in: who.bookingIds } },
      { email: { in: emails } },
    ],
  };
  await tx.campaignEnrolment.updateMany({
    where: { ...enrolments, state: "ACTIVE" },
    data: { state: "EXITED", exitReason: "account deleted", exitedAt: now, nextDueAt: null },
  });
  await tx.campaignEnrolment.updateMany({
    where: enrolments,
    data: { email: null, firstName: null },
  });
  await tx.campaignSend.updateMany({
    where: { recipient: { in: emails } },
    data: { recipient: "deleted" },
  });
  await tx.inAppMessage.deleteMany({ where: { customerId: { in: who.customerIds } } });
  await tx.eventFeedback.updateMany({
    where: { bookingId: { in: who.bookingIds } },
    data: { comment: null },
  });
  await tx.offerCode.updateMany({ where: { email: { in: emails } }, data: { email: null } });
  const referrals = await tx.referral.findMany({
    where: { referredEmail: { in: emails } },
    select: { id: true },
  });
  for (const r of referrals)
    await tx.referral.update({ where: { id: r.id }, data: { referredEmail: `deleted:${r.id}` } });
  const phones = who.phones ?? [];
  await tx.contactConsent.deleteMany({ where: { address: { in: [...emails, ...phones] } } });
  if (phones.length) {
    await tx.smsMessage.updateMany({
      where: { to: { in: phones }, status: { in: ["QUEUED", "SENDING"] } },
      data: { status: "FAILED", error: "Not sent: the customer deleted their account." },
    });
    await tx.smsMessage.updateMany({
      where: { to: { in: phones } },
      data: { to: "deleted", body: "(removed: the customer deleted their account)" },
    });
  }
}
