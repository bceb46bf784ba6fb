"use client";
import { useEffect, useState } from "react";
import { useMutation, useQuery } from "@tanstack/react-query";
import { Badge, Button, Card, ErrorBox, Field } from "@myhibachi/ui";
import { errorMessage, useTRPC } from "~/lib/trpc";
import { useRefresh } from "~/lib/mutation";
import { WEEKDAYS, hhmmToMinutes, minutesToHHMM } from "~/lib/format";
import { formatInstant } from "@myhibachi/shared";
import { ConfirmDialog } from "@myhibachi/ui/confirm-dialog";

type Shift = { weekday: number; start: string; end: string };

export function ChefDetail({ id }: { id: string }) {
  const trpc = useTRPC();
  const refresh = useRefresh();
  const chef = useQuery(trpc.staff.chefs.get.queryOptions({ id }));
  const zones = useQuery(trpc.staff.chefs.zones.queryOptions());
  const [profile, setProfile] = useState({
    name: "",
    email: "",
    phone: "",
    bio: "",
    color: "#f97316",
  });
  const [shifts, setShifts] = useState<Shift[]>([]);
  const [zoneIds, setZoneIds] = useState<string[]>([]);
  const [off, setOff] = useState({ from: "", to: "", reason: "" });
  const [hoursError, setHoursError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const c = chef.data;
  useEffect(() => {
    if (!c) return;
    setProfile({
      name: c.name,
      email: c.email,
      phone: c.phone ?? "",
      bio: c.bio ?? "",
      color: c.color,
    });
    setShifts(
      c.workingHours.map((h) => ({
        weekday: h.weekday,
        start: minutesToHHMM(h.startMinute),
        end: minutesToHHMM(h.endMinute),
      })),
    );
    setZoneIds(c.serviceZones.map((z) => z.zoneId));
  }, [c]);

  const ok = (msg: string) => () => {
    setNotice(msg);
    void refresh();
  };
  const update = useMutation(
    trpc.staff.chefs.update.mutationOptions({ onSuccess: ok("Profile saved.") }),
  );
  const active = useMutation(
    trpc.staff.chefs.setActive.mutationOptions({ onSuccess: ok("Saved.") }),
  );
  const hours = useMutation(
    trpc.staff.chefs.setHours.mutationOptions({ onSuccess: ok("Working hours saved.") }),
  );
  const setZones = useMutation(
    trpc.staff.chefs.setZones.mutationOptions({ onSuccess: ok("Service zones saved.") }),
  );
  const [clashes, setClashes] = useState<{ code: string }[]>([]);
  /** The time off asked about in "Remove this time off?", while the question is open. */
  const [removing, setRemoving] = useState<{ id: string; when: string } | null>(null);
  const addOff = useMutation(
    trpc.staff.chefs.addTimeOff.mutationOptions({
      onSuccess: (r) => {
        setOff({ from: "", to: "", reason: "" });
        setClashes(r.clashes);
        ok("Time off added.")();
      },
    }),
  );
  const removeOff = useMutation(
    trpc.staff.chefs.removeTimeOff.mutationOptions({
      onSuccess: () => {
        setRemoving(null);
        ok("Time off removed.")();
      },
    }),
  );

  if (chef.isLoading) return <p role="status">Loading chef…</p>;
  if (!c) return <ErrorBox>{errorMessage(chef.error) ?? "Chef not found."}</ErrorBox>;

  return (
    <div className="flex flex-col gap-4">
      <div className="flex items-center gap-3">
        <h1 className="text-2xl font-bold">{c.name}</h1>
        {c.active ? <Badge tone="green">active</Badge> : <Badge tone="red">inactive</Badge>}
      </div>
      {notice && (
        <p role="status" className="rounded-lg bg-green-50 p-3 text-sm text-green-800">
          {notice}
        </p>
      )}

      <Card>
        <h2 className="font-semibold">Profile</h2>
        <form
          className="mt-2 grid gap-3 md:grid-cols-2"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            setNotice(null);
            update.mutate({
              id,
              chef: { ...profile, phone: profile.phone || null, bio: profile.bio || null },
            });
          }}
        >
          <Field
            id="name"
            label="Name"
            value={profile.name}
            onChange={(e) => setProfile({ ...profile, name: e.target.value })}
          />
          <Field
            id="email"
            label="Email"
            type="email"
            value={profile.email}
            onChange={(e) => setProfile({ ...profile, email: e.target.value })}
          />
          <Field
            id="phone"
            label="Phone"
            value={profile.phone}
            onChange={(e) => setProfile({ ...profile, phone: e.target.value })}
          />
          <Field
            id="color"
            label="Calendar colour"
            type="color"
            value={profile.color}
            onChange={(e) => setProfile({ ...profile, color: e.target.value })}
          />
          <Field
            id="bio"
            label="Bio"
            className="md:col-span-2"
            value={profile.bio}
            onChange={(e) => setProfile({ ...profile, bio: e.target.value })}
          />
          <div className="md:col-span-2">
            <ErrorBox>{errorMessage(update.error)}</ErrorBox>
          </div>
          <div className="flex gap-3">
            <Button type="submit" disabled={update.isPending}>
              Save profile
            </Button>
            <Button
              type="button"
              variant={c.active ? "danger" : "secondary"}
              onClick={() => active.mutate({ id, active: !c.active })}
            >
              {c.active ? "Deactivate" : "Reactivate"}
            </Button>
          </div>
        </form>
        <div className="mt-2">
          <ErrorBox>{errorMessage(active.error)}</ErrorBox>
        </div>
      </Card>

      <Card>
        <h2 className="font-semibold">Weekly working hours</h2>
        <p className="text-sm text-muted">
          In the business time zone. A day without a shift is a day off.
        </p>
        <ul className="mt-2 flex flex-col gap-2">
          {shifts.map((s, i) => (
            <li key={i} className="flex flex-wrap items-end gap-2">
              <label className="flex flex-col text-sm">
                Day
                <select
                  aria-label={`Shift ${i + 1} day`}
                  className="min-h-11 rounded-lg border bg-white px-2"
                  value={s.weekday}
                  onChange={(e) =>
                    setShifts(
                      shifts.map((x, j) =>
                        j === i ? { ...x, weekday: Number(e.target.value) } : x,
                      ),
                    )
                  }
                >
                  {WEEKDAYS.map((d, wd) => (
                    <option key={d} value={wd}>
                      {d}
                    </option>
                  ))}
                </select>
              </label>
              <label className="flex flex-col text-sm">
                From
                <input
                  aria-label={`Shift ${i + 1} start`}
                  type="time"
                  className="min-h-11 rounded-lg border px-2"
                  value={s.start}
                  onChange={(e) =>
                    setShifts(shifts.map((x, j) => (j === i ? { ...x, start: e.target.value } : x)))
                  }
                />
              </label>
              <label className="flex flex-col text-sm">
                To
                <input
                  aria-label={`Shift ${i + 1} end`}
                  type="time"
                  className="min-h-11 rounded-lg border px-2"
                  value={s.end}
                  onChange={(e) =>
                    setShifts(shifts.map((x, j) => (j === i ? { ...x, end: e.target.value } : x)))
                  }
                />
              </label>
              <Button
                type="button"
                variant="ghost"
                onClick={() => setShifts(shifts.filter((_, j) => j !== i))}
              >
                Remove
              </Button>
            </li>
          ))}
        </ul>
        <div className="mt-3 flex gap-3">
          <Button
            type="button"
            variant="secondary"
            onClick={() => setShifts([...shifts, { weekday: 6, start: "11:00", end: "22:00" }])}
          >
            Add shift
          </Button>
          <Button
            type="button"
            disabled={hours.isPending}
            onClick={() => {
              setNotice(null);
              setHoursError(null);
              const parsed = shifts.map((s) => ({
                weekday: s.weekday,
                startMinute: hhmmToMinutes(s.start),
                endMinute: hhmmToMinutes(s.end, true),
              }));
              const bad = parsed.findIndex((p) => p.startMinute === null || p.endMinute === null);
              if (bad >= 0)
                return setHoursError(
                  `${WEEKDAYS[parsed[bad]!.weekday]}: enter both a start and an end time.`,
                );
              hours.mutate({
                id,
                hours: parsed as { weekday: number; startMinute: number; endMinute: number }[],
              });
            }}
          >
            Save hours
          </Button>
        </div>
        <div className="mt-2">
          <ErrorBox>{hoursError ?? errorMessage(hours.error)}</ErrorBox>
        </div>
      </Card>

      <Card>
        <h2 className="font-semibold">Time off</h2>
        <ul className="mt-2 flex flex-col gap-1 text-sm">
          {c.timeOff.length === 0 && <li className="text-muted">None planned.</li>}
          {c.timeOff.map((t) => {
            const when = `${formatInstant(t.startsAt, c.timeZone, "shortDateTime")} – ${formatInstant(t.endsAt, c.timeZone, "shortDateTime")}`;
            return (
              <li key={t.id} className="flex flex-wrap items-center gap-x-3">
                <span>
                  {when}
                  {t.reason && ` · ${t.reason}`}
                </span>
                <Button
                  variant="ghost"
                  aria-label={`Remove time off ${when}`}
                  onClick={() => {
                    removeOff.reset();
                    setRemoving({ id: t.id, when });
                  }}
                >
                  Remove
                </Button>
              </li>
            );
          })}
        </ul>
        <ConfirmDialog
          open={removing !== null}
          onClose={() => setRemoving(null)}
          title="Remove this time off?"
        >
          <p className="text-sm">
            {c.name} will be bookable again {removing?.when} wherever they have working hours.
          </p>
          <ErrorBox>{errorMessage(removeOff.error)}</ErrorBox>
          <div className="flex flex-wrap gap-2">
            <Button
              variant="danger"
              autoFocus
              disabled={removeOff.isPending}
              onClick={() => removing && removeOff.mutate({ timeOffId: removing.id })}
            >
              {removeOff.isPending ? "Removing…" : "Yes, remove it"}
            </Button>
            <Button variant="secondary" type="button" onClick={() => setRemoving(null)}>
              Keep the time off
            </Button>
          </div>
        </ConfirmDialog>
        <form
          className="mt-3 grid gap-3 md:grid-cols-3"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            setNotice(null);
            setClashes([]);
            addOff.mutate({ id, from: off.from, to: off.to, reason: off.reason || null });
          }}
        >
          <Field
            id="off-from"
            label="Off from"
            type="datetime-local"
            value={off.from}
            onChange={(e) => setOff({ ...off, from: e.target.value })}
          />
          <Field
            id="off-to"
            label="Back at"
            type="datetime-local"
            value={off.to}
            onChange={(e) => setOff({ ...off, to: e.target.value })}
          />
          <Field
            id="off-reason"
            label="Reason (optional)"
            value={off.reason}
            onChange={(e) => setOff({ ...off, reason: e.target.value })}
          />
          <div className="md:col-span-3">
            <ErrorBox>{errorMessage(addOff.error)}</ErrorBox>
            {clashes.length > 0 && (
              <p role="alert" className="rounded-lg bg-amber-50 p-3 text-sm text-amber-900">
                {c.name} is still assigned to {clashes.map((x) => x.code).join(", ")} in that
                period. Reassign those bookings.
              </p>
            )}
          </div>
          <Button type="submit" disabled={addOff.isPending}>
            Add time off
          </Button>
        </form>
      </Card>

      <Card>
        <h2 className="font-semibold">Service zones</h2>
        <fieldset className="mt-2 flex flex-wrap gap-4">
          <legend className="sr-only">Zones this chef travels to</legend>
          {zones.data?.map((z) => (
            <label key={z.id} className="flex items-center gap-2 text-sm">
              <input
                type="checkbox"
                checked={zoneIds.includes(z.id)}
                onChange={(e) =>
                  setZoneIds(
                    e.target.checked ? [...zoneIds, z.id] : zoneIds.filter((x) => x !== z.id),
                  )
                }
              />
              {z.name}
            </label>
          ))}
        </fieldset>
        <Button
          className="mt-3"
          onClick={() => setZones.mutate({ id, zoneIds })}
          disabled={setZones.isPending}
        >
          Save zones
        </Button>
        <div className="mt-2">
          <ErrorBox>{errorMessage(setZones.error)}</ErrorBox>
        </div>
      </Card>
    </div>
  );
}
