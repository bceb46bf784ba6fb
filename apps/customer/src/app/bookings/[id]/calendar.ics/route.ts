// The booking as a calendar file (.ics): what "Apple Calendar" on the booking page downloads.
// The same operation as the page's Google / Outlook links and the emails' attachment
// (getBookingCalendarEvent), with the same access: the booking's link (?token=) or its
// signed-in customer.
import { errorMessage } from "@myhibachi/ui/errors";
import { api } from "~/server/caller";

export const dynamic = "force-dynamic";

export async function GET(req: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const token = new URL(req.url).searchParams.get("token") ?? undefined;
  try {
    const r = await (await api()).booking.calendar({ id, token });
    return new Response(r.ics, {
      headers: {
        "content-type": `text/calendar; charset=utf-8; method=${r.cancelled ? "CANCEL" : "PUBLISH"}`,
        "content-disposition": `attachment; filename="${r.filename}"`,
        "cache-control": "private, no-store",
      },
    });
  } catch (err) {
    const code = (err as { code?: string }).code;
    const status =
      code === "NOT_FOUND"
        ? 404
        : code === "BAD_REQUEST"
          ? 400
          : code === "UNAUTHORIZED"
            ? 401
            : 500;
    const message =
      status === 400
        ? "This link isn't valid. Use the link from your latest email, or sign in to see your bookings."
        : (errorMessage(err) ?? "Something went wrong. Please try again.");
    return new Response(`${message}\n`, {
      status,
      headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" },
    });
  }
}
