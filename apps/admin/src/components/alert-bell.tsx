import { BellMenu } from "~/app/(dash)/alerts/forms";
import { adminApi } from "~/server/session";

/** The owner's unread cost alerts (nothing for staff). Server-rendered, then polled every minute. */
export async function AlertBell() {
  const api = await adminApi();
  const me = await api.me();
  if (me?.role !== "OWNER") return null;
  // The bell is an extra on every page: if it can't load, the page still renders without it,
  // and the server log says why.
  const data = await Promise.all([api.costs.unread(), api.bookings.businessToday()]).catch(
    (err: unknown) => {
      console.error("[alert-bell] could not load the unread alerts; the bell is hidden:", err);
      return null;
    },
  );
  if (!data) return null;
  const [unread, { timeZone }] = data;
  return <BellMenu initial={unread} timeZone={timeZone} />;
}
