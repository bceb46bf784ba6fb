// The Kubernetes manifests (deploy/k8s), rendered per environment and checked offline: every
// object against the Kubernetes schemas (kubernetes-models; KEDA's by the zod shapes in rules.ts),
// then our rules (rules.ts), the apps' env.ts schemas, the queues KEDA watches, the migration.
// A broken copy of a render must be caught too (last block).
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeAll, describe, expect, test, vi } from "vitest";
import { parseAllDocuments } from "yaml";
import { LIMITS } from "../../../packages/api/src/http/limits";
import { queueConfigs, queueNames } from "../../../packages/jobs/src/queues/index";
import { kustomize, objectKey, readYamlDocs, type K8sObject } from "./kustomize";
import {
  APPS,
  PENDING,
  ROOT,
  RUNTIME_VARS,
  TEST_ONLY,
  byKind,
  checkObjects,
  containerEnv,
  envNames,
  templateOf,
  validateObject,
  type AppName,
  type SecretKeys,
} from "./rules";

// kubectl and the first imports of kubernetes-models take seconds on a busy machine.
vi.setConfig({ testTimeout: 30_000 });

const K8S = join(ROOT, "deploy", "k8s");
const ENVIRONMENTS = ["staging", "us-east", "us-west"] as const;

const renders = Object.fromEntries(
  ENVIRONMENTS.map((e) => [e, kustomize(join(K8S, "overlays", e))]),
) as Record<(typeof ENVIRONMENTS)[number], K8sObject[]>;

const sortByKey = (objects: K8sObject[]) =>
  [...objects].sort((a, b) => objectKey(a).localeCompare(objectKey(b)));

/** The Secret's keys (secret.example.yaml) and which of them the manifests need. */
const exampleSecret = readYamlDocs(join(K8S, "secret.example.yaml"))[0] as {
  metadata: { name: string };
  stringData: Record<string, string>;
};
const allSecrets: SecretKeys = new Map(Object.entries(exampleSecret.stringData));

function requiredSecrets(objects: K8sObject[]): SecretKeys {
  const keys = new Set<string>();
  for (const d of [...byKind(objects, "Deployment"), ...byKind(objects, "Job")])
    for (const c of templateOf(d).spec.containers)
      for (const e of c.env ?? []) {
        const ref = (
          e.valueFrom as { secretKeyRef?: { key: string; optional?: boolean } } | undefined
        )?.secretKeyRef;
        if (ref && !ref.optional) keys.add(ref.key);
      }
  return new Map([...allSecrets].filter(([k]) => keys.has(k)));
}

const appContainer = (objects: K8sObject[], app: AppName) => {
  const d = byKind(objects, "Deployment").find((o) => o.metadata.name === app);
  if (!d) throw new Error(`no Deployment ${app}`);
  return templateOf(d).spec.containers[0]!;
};

/**
 * Imports the app's own env.ts with exactly `env` as its environment (nothing from this
 * process's), so its zod schema judges the pod's settings: throws like the app would at start.
 */
async function loadAppEnv(app: AppName, env: Record<string, string>): Promise<void> {
  const saved = { ...process.env };
  try {
    for (const k of Object.keys(process.env))
      if (k !== "PATH" && k !== "HOME") delete process.env[k];
    Object.assign(process.env, env);
    vi.resetModules();
    await import(/* @vite-ignore */ join(ROOT, APPS[app]));
  } finally {
    for (const k of Object.keys(process.env)) delete process.env[k];
    Object.assign(process.env, saved);
  }
}

let names: Record<AppName, string[]>;
beforeAll(async () => {
  names = Object.fromEntries(
    await Promise.all(Object.entries(APPS).map(async ([app, file]) => [app, await envNames(file)])),
  ) as Record<AppName, string[]>;
});
afterEach(() => {
  vi.restoreAllMocks();
});

describe("rendering", () => {
  test.each(ENVIRONMENTS)(
    "%s: the test's renderer gives the objects `kubectl kustomize` gave (golden file)",
    (e) => {
      const golden = readYamlDocs(join(K8S, "golden", `${e}.yaml`)) as K8sObject[];
      expect(sortByKey(renders[e])).toEqual(sortByKey(golden));
    },
  );

  // kubectl is on some machines (not CI's): there, the golden files must still be what it renders.
  const kubectl = (() => {
    try {
      execFileSync("kubectl", ["version", "--client"], { stdio: "ignore" });
      return true;
    } catch {
      return false;
    }
  })();
  test.runIf(kubectl).each(ENVIRONMENTS)(
    "%s: `kubectl kustomize` still renders the golden file",
    (e) => {
      const out = execFileSync("kubectl", ["kustomize", join(K8S, "overlays", e)], {
        encoding: "utf8",
      });
      const rendered = parseAllDocuments(out).map((d) => d.toJS() as K8sObject);
      const golden = readYamlDocs(join(K8S, "golden", `${e}.yaml`)) as K8sObject[];
      expect(sortByKey(rendered)).toEqual(sortByKey(golden));
    },
  );
});

describe.each(ENVIRONMENTS)("%s", (e) => {
  const objects = renders[e];

  test("every object is valid for its apiVersion and kind", async () => {
    const problems = (await Promise.all(objects.map(validateObject))).flat();
    expect(problems).toEqual([]);
    expect(new Set(objects.map((o) => o.kind))).toEqual(
      new Set([
        "Namespace",
        "ConfigMap",
        "Deployment",
        "Service",
        "PodDisruptionBudget",
        "HorizontalPodAutoscaler",
        "Job",
        "Ingress",
        "NetworkPolicy",
        "ScaledObject",
        "TriggerAuthentication",
      ]),
    );
  });

  test("probes, resources, security, PDBs, autoscalers, services, ingress follow our rules", () => {
    expect(checkObjects(objects)).toEqual([]);
  });

  test("everything is in the environment's namespace, with its labels", () => {
    const ns = `myhibachi-${e}`;
    expect(byKind(objects, "Namespace").map((n) => n.metadata.name)).toEqual([ns]);
    for (const o of objects) {
      if (o.kind !== "Namespace") expect(o.metadata.namespace, objectKey(o)).toBe(ns);
      expect(o.metadata.labels?.["app.kubernetes.io/instance"], objectKey(o)).toBe(e);
    }
  });

  test("the web apps: 3..20 pods on 70 % CPU (staging 1..3), a preStop pause within the grace period", () => {
    for (const app of ["customer", "admin"] as const) {
      const hpa = byKind(objects, "HorizontalPodAutoscaler").find((h) => h.metadata.name === app)!;
      const spec = hpa.spec as { minReplicas: number; maxReplicas: number; metrics: unknown[] };
      expect([spec.minReplicas, spec.maxReplicas]).toEqual(e === "staging" ? [1, 3] : [3, 20]);
      expect(spec.metrics).toEqual([
        {
          type: "Resource",
          resource: { name: "cpu", target: { type: "Utilization", averageUtilization: 70 } },
        },
      ]);
      const d = byKind(objects, "Deployment").find((o) => o.metadata.name === app)!;
      const pod = templateOf(d).spec;
      const c = pod.containers[0]!;
      expect(c.readinessProbe?.httpGet?.path).toBe("/api/health");
      expect(c.livenessProbe?.httpGet?.path).toBe("/api/live");
      const sleep = Number(c.lifecycle?.preStop?.exec?.command.at(-1));
      expect(sleep).toBeGreaterThan(0);
      expect(pod.terminationGracePeriodSeconds).toBeGreaterThanOrEqual(sleep + 30);
      expect(c.volumeMounts?.map((m) => m.mountPath)).toContain(`/app/apps/${app}/.next/cache`);
    }
  });

  test("pods are sized 500m / 512Mi requested, 1000m / 1Gi at most (staging: half)", () => {
    const half = e === "staging";
    for (const app of ["customer", "admin", "worker"] as const)
      expect(appContainer(objects, app).resources, app).toEqual(
        half
          ? { requests: { cpu: "250m", memory: "256Mi" }, limits: { cpu: "500m", memory: "512Mi" } }
          : { requests: { cpu: "500m", memory: "512Mi" }, limits: { cpu: "1000m", memory: "1Gi" } },
      );
  });

  test("the worker: probes on its health server, a grace period longer than its shutdown", () => {
    const c = appContainer(objects, "worker");
    const config = byKind(objects, "ConfigMap")[0]!.data as Record<string, string>;
    expect(c.ports).toEqual([{ name: "health", containerPort: Number(config.WORKER_PORT) }]);
    expect(config.WORKER_HEALTH_HOST).toBe("0.0.0.0");
    expect(c.readinessProbe?.httpGet?.path).toBe("/healthz");
    expect(c.livenessProbe?.httpGet?.path).toBe("/livez");
    // apps/worker/src/main.ts: jobs get WORKER_SHUTDOWN_TIMEOUT_MS, then closing queues (5 s),
    // the health server (2 s) and the database (5 s) are each bounded.
    const d = byKind(objects, "Deployment").find((o) => o.metadata.name === "worker")!;
    expect(templateOf(d).spec.terminationGracePeriodSeconds! * 1000).toBeGreaterThan(
      Number(config.WORKER_SHUTDOWN_TIMEOUT_MS) + 12_000,
    );
  });

  test("KEDA scales the worker on the wait list of every BullMQ queue, under the queues' prefix", () => {
    const config = byKind(objects, "ConfigMap")[0]!.data as Record<string, string>;
    const [so] = byKind(objects, "ScaledObject");
    const spec = so!.spec as {
      minReplicaCount: number;
      maxReplicaCount: number;
      triggers: { metadata: Record<string, string> }[];
    };
    expect(spec.triggers.map((t) => t.metadata.listName).sort()).toEqual(
      queueNames.map((q) => `${config.QUEUE_PREFIX}:${q}:wait`).sort(),
    );
    // listLength: 10 rounds of the queue's concurrency per worker; ai: 2 rounds of AI_CONCURRENCY.
    for (const t of spec.triggers) {
      const queue = t.metadata.listName!.split(":")[1] as keyof typeof queueConfigs;
      const rounds =
        queue === "ai" ? 2 * Number(config.AI_CONCURRENCY) : 10 * queueConfigs[queue].concurrency;
      expect(Number(t.metadata.listLength), queue).toBe(rounds);
    }
    // A Redis Cluster needs every key of a queue in one slot: a hash-tagged prefix.
    expect(config.QUEUE_PREFIX).toMatch(/^\{[^{}]+\}$/);
    expect(spec.minReplicaCount).toBeGreaterThanOrEqual(1);
    // KEDA reads *FromEnv from the worker container's environment.
    const { env } = containerEnv(objects, appContainer(objects, "worker"), allSecrets);
    for (const t of spec.triggers)
      for (const [k, v] of Object.entries(t.metadata))
        if (k.endsWith("FromEnv")) expect(env[v], `${k}: ${v}`).toBeTruthy();
  });

  test("the ingress lets the apps' largest request body through (a voice recording)", () => {
    const [ing] = byKind(objects, "Ingress");
    const size = ing!.metadata.annotations as Record<string, string>;
    const m = /^(\d+)m$/.exec(size["nginx.ingress.kubernetes.io/proxy-body-size"] ?? "");
    expect(m).not.toBeNull();
    expect(Number(m![1]) * 1024 * 1024).toBeGreaterThanOrEqual(
      Math.max(LIMITS.apiBodyBytes, LIMITS.otherBodyBytes, LIMITS.voiceBodyBytes),
    );
  });

  test("network policies: default deny, then DNS, Postgres and Redis for all, the ingress controller to the web apps, 443 out, 587 for the worker", () => {
    type Rule = { ports?: { port: number; protocol?: string }[] };
    type Policy = {
      podSelector: {
        matchLabels?: Record<string, string>;
        matchExpressions?: { key: string; operator: string; values: string[] }[];
      };
      ingress?: Rule[];
      egress?: Rule[];
    };
    const selects = (sel: Policy["podSelector"], labels: Record<string, string>) =>
      Object.entries(sel.matchLabels ?? {}).every(([k, v]) => labels[k] === v) &&
      (sel.matchExpressions ?? []).every(
        (x) => x.operator === "In" && x.values.includes(labels[x.key] ?? ""),
      );
    const allowed = (owner: K8sObject, way: "ingress" | "egress") =>
      byKind(objects, "NetworkPolicy")
        .map((p) => p.spec as Policy)
        .filter((p) => selects(p.podSelector, templateOf(owner).metadata?.labels ?? {}))
        .flatMap((p) => p[way] ?? [])
        .flatMap((r) => (r.ports ?? []).map((x) => x.port))
        .sort((a, b) => a - b);
    const owner = (name: string) =>
      [...byKind(objects, "Deployment"), ...byKind(objects, "Job")].find(
        (o) => o.metadata.name === name,
      )!;
    expect(allowed(owner("customer"), "egress")).toEqual([53, 53, 443, 5432, 6379]);
    expect(allowed(owner("admin"), "egress")).toEqual([53, 53, 443, 5432, 6379]);
    expect(allowed(owner("worker"), "egress")).toEqual([53, 53, 443, 587, 5432, 6379]);
    expect(allowed(owner("migrate"), "egress")).toEqual([53, 53, 5432, 6379]);
    expect(allowed(owner("customer"), "ingress")).toEqual([3000, 3001]);
    expect(allowed(owner("worker"), "ingress")).toEqual([]);
  });

  test("the first apply step's selector (docs/operations/kubernetes.md) picks the namespace, config and migration", () => {
    const first = objects.filter((o) =>
      ["namespace", "config", "migrate"].includes(
        o.metadata.labels?.["app.kubernetes.io/component"] ?? "",
      ),
    );
    expect(first.map((o) => o.kind).sort()).toEqual(["ConfigMap", "Job", "Namespace"]);
  });

  test("the migration Job runs `prisma migrate deploy` as `pnpm db:migrate` does", () => {
    const [job] = byKind(objects, "Job");
    const c = templateOf(job!).spec.containers[0]!;
    expect(c.image).toMatch(/^myhibachi\/migrate:/);
    expect(c.command).toEqual(["node", "packages/db/scripts/prisma.mjs", "migrate", "deploy"]);
    const db = JSON.parse(readFileSync(join(ROOT, "packages/db/package.json"), "utf8")) as {
      scripts: Record<string, string>;
    };
    expect(db.scripts["migrate:deploy"]).toBe("node scripts/prisma.mjs migrate deploy");
    const { env, problems } = containerEnv(objects, c, allSecrets);
    expect(problems).toEqual([]);
    expect(env.DATABASE_URL).toMatch(/^postgresql:\/\//);
  });

  test("the apps' environment: every variable env.ts reads is set or a Secret ref, nothing else, and it validates", async () => {
    const config = byKind(objects, "ConfigMap")[0]!.data as Record<string, string>;
    const used = new Set<string>();
    for (const app of Object.keys(APPS) as AppName[]) {
      const reads = new Set(names[app]);
      const c = appContainer(objects, app);
      const own = new Set((c.env ?? []).map((v) => v.name));
      // Every variable the app reads is in the ConfigMap or the container's env (test hooks never).
      for (const n of reads) {
        if (TEST_ONLY.has(n)) {
          expect(own.has(n) || n in config, `${app} must not set test-only ${n}`).toBe(false);
          continue;
        }
        expect(
          own.has(n) || n in config,
          `${app} reads ${n}: not in the ConfigMap or its env`,
        ).toBe(true);
      }
      // A Secret key goes only to an app that reads it; no misspelled or stale variable.
      for (const v of c.env ?? []) {
        const composed = (c.env ?? []).some((o) => o.value?.includes(`$(${v.name})`));
        if (
          reads.has(v.name) ||
          RUNTIME_VARS.has(v.name) ||
          composed ||
          PENDING[app]?.includes(v.name)
        )
          continue;
        expect.fail(`${app} sets ${v.name}, which its env.ts does not read`);
      }
      for (const n of reads) used.add(n);
      for (const v of c.env ?? [])
        for (const m of v.value?.matchAll(/\$\(([A-Za-z0-9_]+)\)/g) ?? []) used.add(m[1]!);
      // The pod's environment passes the app's own schema: with every example secret, and with
      // only the required ones.
      for (const secrets of [allSecrets, requiredSecrets(objects)]) {
        const { env, problems } = containerEnv(objects, c, secrets);
        expect(problems).toEqual([]);
        vi.spyOn(console, "error").mockImplementation(() => {});
        await expect(
          loadAppEnv(app, env),
          `${app}'s env.ts refused the pod's environment`,
        ).resolves.toBeUndefined();
      }
    }
    // KEDA's *FromEnv read ConfigMap keys too.
    for (const so of byKind(objects, "ScaledObject"))
      for (const t of (so.spec as { triggers: { metadata: Record<string, string> }[] }).triggers)
        for (const [k, v] of Object.entries(t.metadata)) if (k.endsWith("FromEnv")) used.add(v);
    // Every ConfigMap key is read by an app, or used to put a URL together.
    expect(Object.keys(config).filter((k) => !used.has(k))).toEqual([]);
  }, 60_000); // imports each app's env.ts (and what it imports) afresh, twice

  test("secrets: only refs to myhibachi-secrets, keys listed in secret.example.yaml, no secret in the ConfigMap", () => {
    expect(exampleSecret.metadata.name).toBe("myhibachi-secrets");
    for (const d of [...byKind(objects, "Deployment"), ...byKind(objects, "Job")])
      for (const c of templateOf(d).spec.containers)
        for (const v of c.env ?? []) {
          const ref = (v.valueFrom as { secretKeyRef?: { name: string; key: string } } | undefined)
            ?.secretKeyRef;
          if (ref)
            expect(allSecrets.has(ref.key), `${ref.key} is not in secret.example.yaml`).toBe(true);
        }
    const config = byKind(objects, "ConfigMap")[0]!.data as Record<string, string>;
    for (const k of Object.keys(config))
      expect(k).not.toMatch(/PASSWORD|SECRET|TOKEN|API_KEY|SMTP_URL|DATABASE_URL|REDIS_URL/);
    expect(byKind(objects, "Secret")).toEqual([]);
  });
});

describe("a broken manifest is caught", () => {
  const broken = () => structuredClone(renders["us-east"]);

  test("probes removed from a Deployment", () => {
    const objects = broken();
    const c = appContainer(objects, "customer");
    delete c.readinessProbe;
    delete c.livenessProbe;
    expect(checkObjects(objects)).toEqual([
      "Deployment/customer container customer: no readinessProbe",
      "Deployment/customer container customer: no livenessProbe",
    ]);
  });

  test("an HPA pointing at a Deployment that is not there", () => {
    const objects = broken();
    const hpa = byKind(objects, "HorizontalPodAutoscaler").find(
      (h) => h.metadata.name === "admin",
    )!;
    (hpa.spec as { scaleTargetRef: { name: string } }).scaleTargetRef.name = "admin-web";
    expect(checkObjects(objects)).toEqual([
      "HorizontalPodAutoscaler/admin: targets Deployment/admin-web, which is not in this render",
    ]);
  });

  test("a Deployment without a PDB, limits, or a read-only root; a Service selecting nothing", () => {
    const objects = broken().filter(
      (o) => !(o.kind === "PodDisruptionBudget" && o.metadata.name === "worker"),
    );
    const c = appContainer(objects, "worker");
    delete c.resources!.limits;
    c.securityContext!.readOnlyRootFilesystem = false;
    const svc = byKind(objects, "Service").find((s) => s.metadata.name === "admin")!;
    (svc.spec as { selector: Record<string, string> }).selector = {
      "app.kubernetes.io/name": "admin-web",
    };
    expect(checkObjects(objects).sort()).toEqual(
      [
        "Deployment/worker container worker: root filesystem not read-only",
        "Deployment/worker container worker: no limits.cpu",
        "Deployment/worker container worker: no limits.memory",
        "Deployment/worker: no PodDisruptionBudget selects its pods",
        "Service/admin: selects the pods of no Deployment",
      ].sort(),
    );
  });

  test("an object the Kubernetes schema refuses, and a ScaledObject of the wrong shape", async () => {
    const objects = broken();
    const d = byKind(objects, "Deployment")[0]!;
    (d.spec as Record<string, unknown>).replicas = "three";
    expect((await validateObject(d)).join()).toMatch(/replicas/);
    const so = byKind(objects, "ScaledObject")[0]!;
    (
      so.spec as { triggers: { metadata: Record<string, string> }[] }
    ).triggers[0]!.metadata.listLength = "many";
    expect((await validateObject(so)).join()).toMatch(/listLength/);
  });

  test("a required variable missing from the pod: its env.ts refuses to start", async () => {
    const objects = broken();
    const c = appContainer(objects, "worker");
    c.env = c.env!.filter((v) => v.name !== "DATABASE_URL");
    const { env } = containerEnv(objects, c, allSecrets);
    vi.spyOn(console, "error").mockImplementation(() => {});
    await expect(loadAppEnv("worker", env)).rejects.toThrow(/Invalid environment variables/);
  }, 30_000);

  test("a $(VAR) used before it is defined", () => {
    const objects = broken();
    const c = appContainer(objects, "admin");
    c.env = [{ name: "EARLY", value: "$(REDIS_PASSWORD)" }, ...c.env!];
    expect(containerEnv(objects, c, allSecrets).problems).toEqual([
      "admin: EARLY uses $(REDIS_PASSWORD), which is not defined before it",
    ]);
  });
});
