"use client";
// Settings → API keys: read-only keys for the admin REST API (/api/v1, documented at /api/docs).
// A new key is shown once, right after it is made; only its first characters are kept.
import { useState } from "react";
import { useMutation, useQuery } from "@tanstack/react-query";
import { Badge, Button, ErrorBox, Field } from "@myhibachi/ui";
import { formatStamp } from "@myhibachi/shared";
import { errorMessage, useTRPC } from "~/lib/trpc";

export function ApiKeys({ onDone, timeZone }: { onDone: () => unknown; timeZone: string }) {
  const when = (d: Date | null) => (d ? formatStamp(d, timeZone) : "never");
  const trpc = useTRPC();
  const keys = useQuery(trpc.owner.apiKeys.list.queryOptions());
  const [name, setName] = useState("");
  const [created, setCreated] = useState<{ name: string; key: string } | null>(null);
  const create = useMutation(
    trpc.owner.apiKeys.create.mutationOptions({
      onSuccess: (k) => {
        setCreated({ name: k.name, key: k.key });
        setName("");
        void onDone();
      },
    }),
  );
  const revoke = useMutation(trpc.owner.apiKeys.revoke.mutationOptions({ onSuccess: onDone }));

  return (
    <div className="space-y-3">
      <p className="text-sm text-stone-600">
        Programs can read bookings, customers and costs through the{" "}
        <a className="underline" href="/api/docs">
          admin API
        </a>{" "}
        with a key (<code>Authorization: Bearer &lt;key&gt;</code>). Keys can only read, never
        change anything.
      </p>
      {created && (
        <div role="status" className="rounded border border-amber-300 bg-amber-50 p-3 text-sm">
          <p className="font-semibold">
            The key “{created.name}”: copy it now, it won&apos;t be shown again.
          </p>
          <code className="mt-1 block break-all select-all" data-testid="new-api-key">
            {created.key}
          </code>
          <Button type="button" variant="ghost" onClick={() => setCreated(null)}>
            I&apos;ve copied it
          </Button>
        </div>
      )}
      <form
        className="flex flex-wrap items-end gap-3"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          setCreated(null);
          create.mutate({ name });
        }}
      >
        <Field
          id="api-key-name"
          label="New key's name (what will use it)"
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
        <Button type="submit" disabled={create.isPending}>
          Create key
        </Button>
      </form>
      <ErrorBox>{errorMessage(create.error ?? revoke.error ?? keys.error)}</ErrorBox>
      {keys.data && keys.data.length > 0 && (
        <div className="overflow-x-auto">
          <table className="w-full text-sm">
            <thead>
              <tr className="text-left text-stone-500">
                <th className="py-1">Name</th>
                <th>Key</th>
                <th>Made by</th>
                <th>Last used</th>
                <th>
                  <span className="sr-only">Revoke</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {keys.data.map((k) => (
                <tr key={k.id} className="border-t border-stone-100">
                  <td className="py-1">{k.name}</td>
                  <td>
                    <code>{k.prefix}…</code>
                  </td>
                  <td>{k.createdBy.name}</td>
                  <td>{when(k.lastUsedAt)}</td>
                  <td className="text-right">
                    {k.revokedAt ? (
                      <Badge>revoked {formatStamp(k.revokedAt, timeZone)}</Badge>
                    ) : (
                      <Button
                        type="button"
                        variant="ghost"
                        disabled={revoke.isPending}
                        onClick={() => {
                          if (
                            confirm(`Revoke the key “${k.name}”? Programs using it stop working.`)
                          )
                            revoke.mutate({ id: k.id });
                        }}
                      >
                        Revoke
                      </Button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
