import { Card } from "@myhibachi/ui";
import { BookingTable } from "~/components/booking-table";
import { adminApi } from "~/server/session";

export const dynamic = "force-dynamic";

export default async function Dashboard() {
  const api = await adminApi();
  const upcoming = await api.bookings.upcoming({ days: 14 });
  return (
    <div>
      <h1 className="text-2xl font-bold">Next 14 days</h1>
      <Card className="mt-4">
        <BookingTable rows={upcoming} empty="No events in the next 14 days." />
      </Card>
    </div>
  );
}
