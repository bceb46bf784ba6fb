"use client";
import Link from "next/link";
import { useState } from "react";
import { useMutation, useQuery } from "@tanstack/react-query";
import { Badge, Button, Card, ErrorBox, Field } from "@myhibachi/ui";
import { errorMessage, useTRPC } from "~/lib/trpc";
import { useRefresh } from "~/lib/mutation";
import { formatMinutes } from "@myhibachi/shared";
import { WEEKDAYS } from "~/lib/format";

export function ChefsList() {
  const trpc = useTRPC();
  const refresh = useRefresh();
  const chefs = useQuery(trpc.staff.chefs.list.queryOptions());
  const [form, setForm] = useState({ name: "", email: "", phone: "" });
  const create = useMutation(
    trpc.staff.chefs.create.mutationOptions({
      onSuccess: () => {
        setForm({ name: "", email: "", phone: "" });
        void refresh();
      },
    }),
  );
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-2xl font-bold">Chefs</h1>
      <ErrorBox>{errorMessage(chefs.error)}</ErrorBox>
      <div className="grid gap-3 md:grid-cols-2">
        {chefs.data?.map((c) => (
          <Card key={c.id}>
            <div className="flex items-center gap-2">
              <span className="inline-block h-3 w-3 rounded-full" style={{ background: c.color }} />
              <Link href={`/chefs/${c.id}`} className="font-semibold text-brand-700 underline">
                {c.name}
              </Link>
              {!c.active && <Badge tone="red">inactive</Badge>}
            </div>
            <p className="text-sm text-muted">{c.email}</p>
            <p className="mt-1 text-sm">
              {c.workingHours.length
                ? c.workingHours
                    .map(
                      (h) =>
                        `${WEEKDAYS[h.weekday]!.slice(0, 3)} ${formatMinutes(h.startMinute)} – ${formatMinutes(h.endMinute)}`,
                    )
                    .join(", ")
                : "No working hours"}
            </p>
            <p className="text-sm text-muted">
              Zones: {c.serviceZones.map((z) => z.zone.name).join(", ") || "none"}
            </p>
          </Card>
        ))}
      </div>
      <Card>
        <h2 className="font-semibold">Add a chef</h2>
        <form
          className="mt-2 grid gap-3 md:grid-cols-3"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            create.mutate({ name: form.name, email: form.email, phone: form.phone || null });
          }}
        >
          <Field
            id="new-name"
            label="Name"
            value={form.name}
            onChange={(e) => setForm({ ...form, name: e.target.value })}
          />
          <Field
            id="new-email"
            label="Email"
            type="email"
            value={form.email}
            onChange={(e) => setForm({ ...form, email: e.target.value })}
          />
          <Field
            id="new-phone"
            label="Phone"
            value={form.phone}
            onChange={(e) => setForm({ ...form, phone: e.target.value })}
          />
          <div className="md:col-span-3">
            <ErrorBox>{errorMessage(create.error)}</ErrorBox>
          </div>
          <Button type="submit" disabled={create.isPending} className="md:col-span-1">
            Add chef
          </Button>
        </form>
      </Card>
    </div>
  );
}
