import { Badge, Card, formatMoney } from "@myhibachi/ui";
import { adminApi } from "~/server/session";

export const dynamic = "force-dynamic";

export default async function Dashboard() {
  const api = await adminApi();
  const upcoming = await api.bookings.upcoming({ days: 14 });
  return (
    <div>
      <h1 className="text-2xl font-bold">Next 14 days</h1>
      <Card className="mt-4">
        <table className="w-full text-sm">
          <thead>
            <tr className="border-b text-left">
              <th className="py-2">When</th>
              <th>Code</th>
              <th>Customer</th>
              <th>Guests</th>
              <th>City</th>
              <th>Chef</th>
              <th>Status</th>
              <th className="text-right">Total</th>
            </tr>
          </thead>
          <tbody>
            {upcoming.map((b) => (
              <tr key={b.id} className="border-b border-stone-100">
                <td className="py-2">
                  {new Intl.DateTimeFormat("en-US", {
                    timeZone: b.timeZone,
                    dateStyle: "medium",
                    timeStyle: "short",
                  }).format(b.startsAt)}
                </td>
                <td>{b.code}</td>
                <td>{b.contactName ?? "(hold)"}</td>
                <td>{b.adults + b.children}</td>
                <td>{b.city}</td>
                <td>{b.chefs.map((c) => c.chef.name).join(", ")}</td>
                <td>
                  <Badge tone={b.status === "CONFIRMED" ? "green" : "amber"}>
                    {b.status.toLowerCase()}
                  </Badge>
                </td>
                <td className="text-right">{formatMoney(b.totalCents)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {upcoming.length === 0 && <p className="py-4 text-muted">No events in the next 14 days.</p>}
      </Card>
    </div>
  );
}
