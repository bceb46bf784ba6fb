import { BellMenu } from "~/app/(dash)/alerts/forms";
import { adminApi } from "~/server/session";

/** The owner's unread cost alerts (nothing for staff). Server-rendered, then polled every minute. */
export async function AlertBell() {
  const api = await adminApi();
  const me = await api.me();
  if (me?.role !== "OWNER") return null;
  const unread = await api.costs.unread().catch(() => null);
  if (!unread) return null;
  return <BellMenu initial={unread} />;
}
