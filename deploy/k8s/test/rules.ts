// The rules every rendered environment must follow (deploy/k8s/test/manifests.test.ts). Each
// check returns the problems it finds, so a test can also show that a broken copy is caught.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";
import { z } from "zod";
import type { K8sObject } from "./kustomize";

type Obj = Record<string, unknown>;
type Container = {
  name: string;
  image?: string;
  command?: string[];
  ports?: { name?: string; containerPort: number }[];
  env?: { name: string; value?: string; valueFrom?: Obj }[];
  envFrom?: { configMapRef?: { name: string }; secretRef?: { name: string } }[];
  resources?: { requests?: Obj; limits?: Obj };
  readinessProbe?: { httpGet?: { path: string; port: string | number } };
  livenessProbe?: { httpGet?: { path: string; port: string | number } };
  lifecycle?: { preStop?: { exec?: { command: string[] } } };
  securityContext?: Obj;
  volumeMounts?: { name: string; mountPath: string }[];
};
type PodSpec = {
  containers: Container[];
  securityContext?: Obj;
  terminationGracePeriodSeconds?: number;
  volumes?: { name: string; emptyDir?: Obj }[];
};
type Template = { metadata?: { labels?: Record<string, string> }; spec: PodSpec };

export const ROOT = join(import.meta.dirname, "..", "..", "..");

export const byKind = (objects: K8sObject[], kind: string) =>
  objects.filter((o) => o.kind === kind);
export const templateOf = (o: K8sObject) => (o.spec as { template: Template }).template;

const matches = (selector: Record<string, string> | undefined, labels: Record<string, string>) =>
  !!selector &&
  Object.keys(selector).length > 0 &&
  Object.entries(selector).every(([k, v]) => labels[k] === v);

/** KEDA's ScaledObject and TriggerAuthentication: no schema in kubernetes-models, so their shape here. */
const kedaTrigger = z.object({
  type: z.enum(["redis", "redis-cluster"]),
  name: z.string().optional(),
  metadata: z
    .object({
      listName: z.string().min(1),
      listLength: z.string().regex(/^[1-9]\d*$/),
      activationListLength: z.string().regex(/^\d+$/).optional(),
      hostsFromEnv: z.string().optional(),
      portsFromEnv: z.string().optional(),
      addressesFromEnv: z.string().optional(),
      addressFromEnv: z.string().optional(),
      hostFromEnv: z.string().optional(),
      portFromEnv: z.string().optional(),
      enableTLS: z.enum(["true", "false"]).optional(),
    })
    .strict()
    .refine(
      (m) =>
        !!(m.hostsFromEnv && m.portsFromEnv) ||
        !!m.addressesFromEnv ||
        !!m.addressFromEnv ||
        !!(m.hostFromEnv && m.portFromEnv),
      "a redis trigger needs where Redis is",
    ),
  authenticationRef: z
    .object({ name: z.string().min(1) })
    .strict()
    .optional(),
});
const metadata = z.object({
  name: z.string().min(1),
  namespace: z.string().optional(),
  labels: z.record(z.string(), z.string()).optional(),
  annotations: z.record(z.string(), z.string()).optional(),
});
export const kedaSchemas: Record<string, z.ZodType> = {
  ScaledObject: z
    .object({
      apiVersion: z.literal("keda.sh/v1alpha1"),
      kind: z.literal("ScaledObject"),
      metadata,
      spec: z
        .object({
          scaleTargetRef: z
            .object({
              apiVersion: z.literal("apps/v1").optional(),
              kind: z.literal("Deployment").optional(),
              name: z.string().min(1),
            })
            .strict(),
          minReplicaCount: z.number().int().min(0),
          maxReplicaCount: z.number().int().min(1),
          pollingInterval: z.number().int().positive().optional(),
          cooldownPeriod: z.number().int().positive().optional(),
          advanced: z
            .object({
              horizontalPodAutoscalerConfig: z.object({ behavior: z.looseObject({}) }).strict(),
            })
            .strict()
            .optional(),
          triggers: z.array(kedaTrigger).min(1),
        })
        .strict()
        .refine((s) => s.minReplicaCount <= s.maxReplicaCount, "minReplicaCount > maxReplicaCount"),
    })
    .strict(),
  TriggerAuthentication: z
    .object({
      apiVersion: z.literal("keda.sh/v1alpha1"),
      kind: z.literal("TriggerAuthentication"),
      metadata,
      spec: z
        .object({
          secretTargetRef: z
            .array(z.object({ parameter: z.string(), name: z.string(), key: z.string() }).strict())
            .min(1),
        })
        .strict(),
    })
    .strict(),
};

/** Validates one object: kubernetes-models for built-in kinds, the zod shapes above for KEDA's. */
export async function validateObject(o: K8sObject): Promise<string[]> {
  const where = `${o.kind}/${o.metadata?.name}`;
  if (o.apiVersion?.startsWith("keda.sh/")) {
    const schema = kedaSchemas[o.kind];
    if (!schema) return [`${where}: no schema for KEDA kind ${o.kind}`];
    const r = schema.safeParse(o);
    return r.success ? [] : [`${where}: ${z.prettifyError(r.error)}`];
  }
  let mod: Record<string, unknown>;
  try {
    mod = (await import(`kubernetes-models/${o.apiVersion}`)) as Record<string, unknown>;
  } catch {
    return [`${where}: unknown apiVersion ${o.apiVersion}`];
  }
  const Model = mod[o.kind] as (new (data: unknown) => { validate(): void }) | undefined;
  if (!Model) return [`${where}: unknown kind ${o.kind} in ${o.apiVersion}`];
  try {
    new Model(o).validate();
    return [];
  } catch (err) {
    return [`${where}: ${err instanceof Error ? err.message : String(err)}`];
  }
}

/** Structural rules: probes, resources, security, PDBs, autoscalers, services, ingress, images. */
export function checkObjects(objects: K8sObject[]): string[] {
  const problems: string[] = [];
  const deployments = byKind(objects, "Deployment");
  const pdbs = byKind(objects, "PodDisruptionBudget");
  const services = byKind(objects, "Service");
  const podOwners = [...deployments, ...byKind(objects, "Job")];

  for (const o of podOwners) {
    const t = templateOf(o);
    const where = `${o.kind}/${o.metadata.name}`;
    const pod = t.spec.securityContext ?? {};
    if (pod.runAsNonRoot !== true) problems.push(`${where}: runAsNonRoot is not true`);
    if (typeof pod.runAsUser !== "number" || pod.runAsUser === 0)
      problems.push(`${where}: runAsUser is not a non-root uid`);
    if ((pod.seccompProfile as Obj | undefined)?.type !== "RuntimeDefault")
      problems.push(`${where}: seccompProfile is not RuntimeDefault`);
    for (const c of t.spec.containers) {
      const at = `${where} container ${c.name}`;
      const sc = c.securityContext ?? {};
      if (sc.readOnlyRootFilesystem !== true) problems.push(`${at}: root filesystem not read-only`);
      if (sc.allowPrivilegeEscalation !== false)
        problems.push(`${at}: allowPrivilegeEscalation is not false`);
      const drop = ((sc.capabilities as Obj | undefined)?.drop as string[] | undefined) ?? [];
      if (!drop.includes("ALL")) problems.push(`${at}: capabilities do not drop ALL`);
      const tmp = c.volumeMounts?.find((m) => m.mountPath === "/tmp");
      const tmpVolume = t.spec.volumes?.find((v) => v.name === tmp?.name);
      if (!tmpVolume?.emptyDir) problems.push(`${at}: no emptyDir at /tmp`);
      for (const kind of ["requests", "limits"] as const)
        for (const r of ["cpu", "memory"])
          if (!c.resources?.[kind]?.[r]) problems.push(`${at}: no ${kind}.${r}`);
      if (!c.image || !/:[\w][\w.-]*$/.test(c.image) || c.image.endsWith(":latest"))
        problems.push(`${at}: image ${c.image} has no pinned tag`);
    }
  }

  for (const d of deployments) {
    const where = `Deployment/${d.metadata.name}`;
    const t = templateOf(d);
    const labels = t.metadata?.labels ?? {};
    const selector = (d.spec as { selector: { matchLabels: Record<string, string> } }).selector;
    if (!matches(selector.matchLabels, labels))
      problems.push(`${where}: selector does not match its pods`);
    for (const c of t.spec.containers) {
      for (const probe of ["readinessProbe", "livenessProbe"] as const) {
        const get = c[probe]?.httpGet;
        if (!get) {
          problems.push(`${where} container ${c.name}: no ${probe}`);
          continue;
        }
        const port = typeof get.port === "number" ? get.port : undefined;
        if (!c.ports?.some((p) => p.name === get.port || p.containerPort === port))
          problems.push(
            `${where} container ${c.name}: ${probe} port ${get.port} is not a container port`,
          );
      }
      if (c.readinessProbe && c.readinessProbe.httpGet?.path === c.livenessProbe?.httpGet?.path)
        problems.push(
          `${where} container ${c.name}: liveness and readiness are the same check (a database outage would restart every pod)`,
        );
    }
    if (
      !pdbs.some((p) =>
        matches(
          (p.spec as { selector: { matchLabels: Record<string, string> } }).selector.matchLabels,
          labels,
        ),
      )
    )
      problems.push(`${where}: no PodDisruptionBudget selects its pods`);
  }

  const deploymentNamed = (name: string) => deployments.some((d) => d.metadata.name === name);
  const scaled = new Map<string, string[]>();
  for (const h of byKind(objects, "HorizontalPodAutoscaler")) {
    const ref = (h.spec as { scaleTargetRef: { kind: string; name: string } }).scaleTargetRef;
    if (ref.kind !== "Deployment" || !deploymentNamed(ref.name))
      problems.push(
        `HorizontalPodAutoscaler/${h.metadata.name}: targets ${ref.kind}/${ref.name}, which is not in this render`,
      );
    scaled.set(ref.name, [...(scaled.get(ref.name) ?? []), `HPA/${h.metadata.name}`]);
  }
  for (const s of byKind(objects, "ScaledObject")) {
    const ref = (s.spec as { scaleTargetRef: { name: string } }).scaleTargetRef;
    if (!deploymentNamed(ref.name))
      problems.push(
        `ScaledObject/${s.metadata.name}: targets Deployment/${ref.name}, which is not in this render`,
      );
    scaled.set(ref.name, [...(scaled.get(ref.name) ?? []), `ScaledObject/${s.metadata.name}`]);
    for (const tr of (s.spec as { triggers: { authenticationRef?: { name: string } }[] }).triggers)
      if (
        tr.authenticationRef &&
        !byKind(objects, "TriggerAuthentication").some(
          (a) => a.metadata.name === tr.authenticationRef!.name,
        )
      )
        problems.push(
          `ScaledObject/${s.metadata.name}: TriggerAuthentication ${tr.authenticationRef.name} is missing`,
        );
  }
  for (const [name, by] of scaled)
    if (by.length > 1)
      problems.push(`Deployment/${name}: scaled by more than one autoscaler (${by.join(", ")})`);

  for (const s of services) {
    const spec = s.spec as {
      selector?: Record<string, string>;
      ports: { name?: string; port: number; targetPort?: string | number }[];
    };
    const target = deployments.find((d) =>
      matches(spec.selector, templateOf(d).metadata?.labels ?? {}),
    );
    if (!target) {
      problems.push(`Service/${s.metadata.name}: selects the pods of no Deployment`);
      continue;
    }
    const ports = templateOf(target).spec.containers.flatMap((c) => c.ports ?? []);
    for (const p of spec.ports)
      if (
        !ports.some(
          (cp) => cp.name === p.targetPort || cp.containerPort === (p.targetPort ?? p.port),
        )
      )
        problems.push(
          `Service/${s.metadata.name}: targetPort ${p.targetPort} is no port of Deployment/${target.metadata.name}`,
        );
  }

  for (const ing of byKind(objects, "Ingress")) {
    const spec = ing.spec as {
      tls?: { hosts: string[]; secretName?: string }[];
      rules: {
        host: string;
        http: {
          paths: {
            backend: { service: { name: string; port: { name?: string; number?: number } } };
          }[];
        };
      }[];
    };
    for (const rule of spec.rules) {
      if (!spec.tls?.some((t) => t.secretName && t.hosts.includes(rule.host)))
        problems.push(`Ingress/${ing.metadata.name}: host ${rule.host} has no TLS secret`);
      for (const { backend } of rule.http.paths) {
        const svc = services.find((s) => s.metadata.name === backend.service.name);
        const ports =
          (svc?.spec as { ports: { name?: string; port: number }[] } | undefined)?.ports ?? [];
        if (
          !ports.some(
            (p) => p.name === backend.service.port.name || p.port === backend.service.port.number,
          )
        )
          problems.push(
            `Ingress/${ing.metadata.name}: backend ${backend.service.name}:${backend.service.port.name ?? backend.service.port.number} is no Service port`,
          );
      }
    }
  }

  const policies = byKind(objects, "NetworkPolicy");
  const denyAll = policies.find((p) => {
    const spec = p.spec as {
      podSelector: Obj;
      policyTypes: string[];
      ingress?: unknown;
      egress?: unknown;
    };
    return (
      Object.keys(spec.podSelector).length === 0 &&
      spec.policyTypes.includes("Ingress") &&
      spec.policyTypes.includes("Egress") &&
      !spec.ingress &&
      !spec.egress
    );
  });
  if (!denyAll) problems.push("no default-deny NetworkPolicy");
  return problems;
}

// ---- Environment variables ----------------------------------------------------------------

export const APPS = {
  customer: "apps/customer/src/env.ts",
  admin: "apps/admin/src/env.ts",
  worker: "apps/worker/src/env.ts",
} as const;
export type AppName = keyof typeof APPS;

/**
 * Read by an app but only ever set by our own tests (their env.ts says so): they must never be
 * set in a deployment.
 */
export const TEST_ONLY = new Set([
  "WORKER_TEST_PAUSE_AFTER_CLAIM_MS",
  "WORKER_TEST_CLOCK_OFFSET_MS",
  "WORKER_TEST_TWILIO_BASE_URL",
  "STRIPE_API_HOST",
  "STRIPE_API_PORT",
  "STRIPE_API_PROTOCOL",
]);

/** Set for the runtime, not read by env.ts: Next's standalone server, Prisma's config loader. */
export const RUNTIME_VARS = new Set(["PORT", "HOSTNAME", "JITI_FS_CACHE"]);

/**
 * Set by the manifests ahead of the apps reading them (another branch adds the reading); drop an
 * entry once its app's env.ts has the variable.
 */
export const PENDING: Partial<Record<AppName, string[]>> = {};

/**
 * The names in an app's env.ts `createEnv({ server: { ... } })`, parsed from its source: keys
 * written there, and the keys of the zod shapes spread into it (imported to list them).
 */
export async function envNames(file: string): Promise<string[]> {
  const path = join(ROOT, file);
  const source = ts.createSourceFile(
    path,
    readFileSync(path, "utf8"),
    ts.ScriptTarget.Latest,
    true,
  );
  const imports = new Map<string, string>();
  let server: ts.ObjectLiteralExpression | undefined;
  const visit = (node: ts.Node) => {
    if (
      ts.isImportDeclaration(node) &&
      node.importClause?.namedBindings &&
      ts.isNamedImports(node.importClause.namedBindings)
    )
      for (const el of node.importClause.namedBindings.elements)
        imports.set(el.name.text, (node.moduleSpecifier as ts.StringLiteral).text);
    if (ts.isCallExpression(node) && node.expression.getText() === "createEnv") {
      const arg = node.arguments[0];
      if (arg && ts.isObjectLiteralExpression(arg))
        for (const p of arg.properties)
          if (
            ts.isPropertyAssignment(p) &&
            p.name.getText() === "server" &&
            ts.isObjectLiteralExpression(p.initializer)
          )
            server = p.initializer;
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  if (!server) throw new Error(`${file}: no createEnv({ server: {...} })`);
  const names: string[] = [];
  for (const p of server.properties) {
    if (ts.isPropertyAssignment(p)) names.push(p.name.getText().replace(/^["']|["']$/g, ""));
    else if (ts.isSpreadAssignment(p)) {
      const id = p.expression.getText();
      const from = imports.get(id);
      if (!from) throw new Error(`${file}: spread ${id} is not imported`);
      const mod = (await import(/* @vite-ignore */ from)) as Record<
        string,
        Record<string, unknown>
      >;
      if (!mod[id]) throw new Error(`${file}: ${from} has no ${id}`);
      names.push(...Object.keys(mod[id]));
    } else throw new Error(`${file}: unexpected ${ts.SyntaxKind[p.kind]} in server`);
  }
  return names;
}

export type SecretKeys = Map<string, string>;

/**
 * The environment a container gets (envFrom ConfigMaps, then env in order with $(VAR) expanded
 * as the kubelet does), with secrets taken from `secrets` (a secretKeyRef whose key is absent
 * and optional is left unset).
 */
export function containerEnv(
  objects: K8sObject[],
  c: Container,
  secrets: SecretKeys,
): { env: Record<string, string>; problems: string[] } {
  const env: Record<string, string> = {};
  const problems: string[] = [];
  for (const from of c.envFrom ?? []) {
    const cm = byKind(objects, "ConfigMap").find(
      (m) => m.metadata.name === from.configMapRef?.name,
    );
    if (!cm) problems.push(`${c.name}: envFrom names a ConfigMap not in the render`);
    else Object.assign(env, cm.data as Record<string, string>);
  }
  for (const e of c.env ?? []) {
    if (e.value !== undefined) {
      env[e.name] = e.value.replace(
        /\$\$|\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g,
        (all, name?: string) => {
          if (!name) return "$";
          if (!(name in env)) {
            problems.push(`${c.name}: ${e.name} uses $(${name}), which is not defined before it`);
            return all;
          }
          return env[name]!;
        },
      );
      continue;
    }
    const ref = (
      e.valueFrom as
        { secretKeyRef?: { name: string; key: string; optional?: boolean } } | undefined
    )?.secretKeyRef;
    if (!ref) {
      problems.push(`${c.name}: ${e.name} has neither a value nor a secretKeyRef`);
      continue;
    }
    if (ref.name !== "myhibachi-secrets")
      problems.push(`${c.name}: ${e.name} reads Secret ${ref.name}`);
    const v = secrets.get(ref.key);
    if (v !== undefined) env[e.name] = v;
    else if (!ref.optional)
      problems.push(`${c.name}: ${e.name} needs Secret key ${ref.key}, which is missing`);
  }
  return { env, problems };
}
