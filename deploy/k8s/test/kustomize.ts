// A small kustomize for the manifest tests ONLY: `kubectl kustomize` (kustomize v5) is the real
// renderer, and it is not installable on a fresh machine or in CI. This supports exactly what
// deploy/k8s uses, and refuses anything else so the manifests stay inside it:
//   resources (files and directories), namespace, labels (pairs, includeTemplates, no
//   selectors), images (newName/newTag), replicas, and patches given by `path` without a target
//   (strategic merge: maps merge, `containers` and `env` merge by name, other lists are replaced;
//   patch items come first, in the patch's order, then the items it did not name, like kustomize).
// deploy/k8s/golden/*.yaml are `kubectl kustomize` outputs; the tests check that this renders the
// same objects (and, where kubectl is installed, that kubectl still renders the golden files).
import { existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { parseAllDocuments } from "yaml";

export type K8sObject = {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> } & Record<
    string,
    unknown
  >;
} & Record<string, unknown>;

type Obj = Record<string, unknown>;

const SUPPORTED = new Set([
  "apiVersion",
  "kind",
  "resources",
  "namespace",
  "labels",
  "images",
  "replicas",
  "patches",
]);

/** Kinds without a namespace (the namespace transformer leaves them alone). */
const CLUSTER_SCOPED = new Set(["Namespace"]);

/** Where `labels: includeTemplates` puts the labels, besides metadata.labels. */
const TEMPLATE_KINDS = new Set(["Deployment", "Job"]);

/** Lists that strategic merge patches merge by a key (every other list is replaced). */
const MERGE_KEYS: Record<string, string> = { containers: "name", env: "name" };

const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

/** Every YAML document of a file, as plain objects (empty documents skipped). */
export function readYamlDocs(file: string): Obj[] {
  return parseAllDocuments(readFileSync(file, "utf8")).flatMap((doc) => {
    if (doc.errors.length) throw new Error(`${file}: ${doc.errors[0]!.message}`);
    const v = doc.toJS() as unknown;
    return v == null ? [] : [v as Obj];
  });
}

function merge(base: unknown, patch: unknown, strategic: boolean, key?: string): unknown {
  if (isObj(base) && isObj(patch)) {
    const out: Obj = { ...base };
    for (const [k, v] of Object.entries(patch)) {
      if (v === null) delete out[k];
      else out[k] = k in base ? merge(base[k], v, strategic, k) : v;
    }
    return out;
  }
  const mergeKey = strategic && key ? MERGE_KEYS[key] : undefined;
  if (mergeKey && Array.isArray(base) && Array.isArray(patch)) {
    const named = (list: unknown[]) => new Map(list.map((i) => [(i as Obj)[mergeKey], i as Obj]));
    const original = named(base);
    const inPatch = new Set(patch.map((i) => (i as Obj)[mergeKey]));
    return [
      ...patch.map((p) => {
        const o = original.get((p as Obj)[mergeKey]);
        return o ? merge(o, p, strategic) : p;
      }),
      ...base.filter((i) => !inPatch.has((i as Obj)[mergeKey])),
    ];
  }
  return patch;
}

function containersOf(o: Obj): Obj[] {
  const podSpecs: unknown[] = [];
  const spec = o.spec as Obj | undefined;
  const template = spec?.template as Obj | undefined;
  if (template?.spec) podSpecs.push(template.spec);
  return podSpecs.flatMap((s) => [
    ...(((s as Obj).containers as Obj[] | undefined) ?? []),
    ...(((s as Obj).initContainers as Obj[] | undefined) ?? []),
  ]);
}

/** Renders the kustomization in `dir` (a directory holding kustomization.yaml). */
export function kustomize(dir: string): K8sObject[] {
  const k = readYamlDocs(join(dir, "kustomization.yaml"))[0] ?? {};
  for (const field of Object.keys(k))
    if (!SUPPORTED.has(field))
      throw new Error(
        `${dir}: kustomization field "${field}" is not supported by the test renderer`,
      );

  let objects: Obj[] = [];
  for (const r of (k.resources as string[] | undefined) ?? []) {
    const path = join(dir, r);
    if (!existsSync(path)) throw new Error(`${dir}: resource ${r} does not exist`);
    objects.push(...(statSync(path).isDirectory() ? kustomize(path) : readYamlDocs(path)));
  }
  objects = structuredClone(objects);

  for (const p of (k.patches as Obj[] | undefined) ?? []) {
    if (Object.keys(p).some((f) => f !== "path"))
      throw new Error(`${dir}: only patches with a path (and no target) are supported`);
    for (const patch of readYamlDocs(join(dir, p.path as string))) {
      const meta = patch.metadata as Obj;
      const i = objects.findIndex(
        (o) => o.kind === patch.kind && (o.metadata as Obj).name === meta.name,
      );
      if (i < 0)
        throw new Error(`${dir}: patch ${patch.kind}/${meta.name as string} matches nothing`);
      // Strategic merge for the built-in kinds; a custom resource (KEDA's) gets a JSON merge patch.
      const strategic = !String(patch.apiVersion).includes("keda.sh");
      objects[i] = merge(objects[i], patch, strategic) as Obj;
    }
  }

  for (const r of (k.replicas as Obj[] | undefined) ?? []) {
    const target = objects.find(
      (o) => o.kind === "Deployment" && (o.metadata as Obj).name === r.name,
    );
    if (!target) throw new Error(`${dir}: replicas for a missing Deployment ${r.name as string}`);
    (target.spec as Obj).replicas = r.count;
  }

  for (const img of (k.images as Obj[] | undefined) ?? []) {
    for (const o of objects)
      for (const c of containersOf(o)) {
        const image = c.image as string;
        const name = image.replace(/[:@].*$/, "");
        if (name !== img.name) continue;
        c.image = `${(img.newName as string | undefined) ?? name}:${img.newTag as string}`;
      }
  }

  for (const l of (k.labels as Obj[] | undefined) ?? []) {
    if (l.includeSelectors) throw new Error(`${dir}: labels.includeSelectors is not supported`);
    const pairs = l.pairs as Record<string, string>;
    for (const o of objects) {
      const meta = o.metadata as Obj;
      meta.labels = { ...(meta.labels as Obj | undefined), ...pairs };
      if (l.includeTemplates && TEMPLATE_KINDS.has(o.kind as string)) {
        const tmeta = ((o.spec as Obj).template as Obj).metadata as Obj;
        tmeta.labels = { ...(tmeta.labels as Obj | undefined), ...pairs };
      }
    }
  }

  if (k.namespace)
    for (const o of objects)
      if (!CLUSTER_SCOPED.has(o.kind as string)) (o.metadata as Obj).namespace = k.namespace;

  return objects as K8sObject[];
}

/** A stable key of an object: kind, namespace and name. */
export const objectKey = (o: K8sObject) =>
  `${o.kind}/${o.metadata.namespace ?? ""}/${o.metadata.name}`;
