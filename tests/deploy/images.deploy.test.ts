// Our Dockerfiles, .dockerignore and docker-compose.yml, read by real parsers (dockerfile-ast and
// dockerfile-utils, the parser and linter behind VS Code's Dockerfile support; yaml for compose)
// and held to our rules. No Docker daemon needed: this checks the files, the standalone test
// (standalone.deploy.test.ts) runs what they copy.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { validate } from "dockerfile-utils";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import {
  IMAGES,
  healthcheck,
  ofKind,
  parseDockerfile,
  root,
  stageCmd,
  stageCopies,
  stageEnv,
  stageWorkdir,
} from "./support";

const SECRET_NAME = /SECRET|PASSWORD|PASSWD|TOKEN|API_?KEY|PRIVATE|CREDENTIAL/i;

describe.each(IMAGES)("$dockerfile ($name)", (image) => {
  const df = parseDockerfile(image.dockerfile);
  const { final } = df;
  const stageNames = df.stages.map((s) => s.name).filter(Boolean);

  it("parses without errors or warnings (dockerfile-utils)", () => {
    expect(validate(df.text).map((d) => `line ${d.range.start.line + 1}: ${d.message}`)).toEqual(
      [],
    );
  });

  it("is multi-stage: the final stage starts from a clean base image, not from the build", () => {
    expect(df.stages.length).toBeGreaterThanOrEqual(2);
    expect(stageNames).toContain("build");
    expect(stageNames).not.toContain(final.image);
    // Only built artifacts enter the final stage, never the build context (sources, .env).
    for (const copy of stageCopies(final)) expect(copy.from, copy.sources.join(" ")).toBe("build");
  });

  it("pins every base image by a version tag (no latest, no bare name)", () => {
    for (const stage of df.stages) {
      if (stageNames.includes(stage.image)) continue; // FROM an earlier stage
      const [, tag] = /^[^@]+?(?::([^/:@]+))?(@sha256:[0-9a-f]{64})?$/.exec(stage.image) ?? [];
      expect(tag ?? "", stage.image).toMatch(/\d/);
      expect(tag, stage.image).not.toMatch(/latest/i);
    }
  });

  it("runs as a non-root user, with an exec-form CMD", () => {
    const user = ofKind(final, "USER").at(-1)?.getArguments()[0]?.getValue();
    expect(user).toBeTruthy();
    expect(user).not.toMatch(/^(root|0)(:|$)/);
    expect(stageCmd(final).length).toBeGreaterThan(0);
    expect(stageCmd(final)[0]).toBe("node");
  });

  it("keeps secrets out of ENV and ARG (they come from the environment at run time)", () => {
    for (const stage of df.stages) {
      for (const [name, value] of Object.entries(stageEnv(stage))) {
        expect(name, `ENV ${name}`).not.toMatch(SECRET_NAME);
        expect(value, `ENV ${name}`).not.toMatch(/:\/\/[^/\s]*:[^/\s]*@/); // user:pass@host
      }
      for (const arg of ofKind(stage, "ARG"))
        expect(arg.getArguments()[0]?.getValue(), "ARG").not.toMatch(SECRET_NAME);
    }
  });

  it("gives the runtime user only what it must write (a cache folder), never its own code", () => {
    const user = ofKind(final, "USER").at(-1)!.getArguments()[0]!.getValue();
    for (const copy of stageCopies(final)) expect(copy.chown, copy.dest).toBeNull();
    if (image.dockerfile.startsWith("apps/customer") || image.dockerfile.startsWith("apps/admin")) {
      const app = image.dockerfile.split("/")[1]!;
      // Next writes its cache under .next/cache: the one folder the user owns (a tmpfs in compose).
      const chown = ofKind(final, "RUN").find((r) =>
        r.getArguments().some((a) => a.getValue() === `apps/${app}/.next/cache`),
      );
      expect(chown, `RUN mkdir/chown apps/${app}/.next/cache`).toBeDefined();
      expect(chown!.getArguments().map((a) => a.getValue())).toContain(`${user}:${user}`);
    }
  });

  it(image.server ? "has a HEALTHCHECK on its liveness path" : "says HEALTHCHECK NONE", () => {
    const check = healthcheck(final);
    expect(check).toBeDefined();
    if (!image.server) {
      expect(check!.getSubcommand()?.getValue()).toBe("NONE");
      return;
    }
    expect(check!.getSubcommand()?.getValue()).toBe("CMD");
    const text = check!
      .getArguments()
      .map((a) => a.getValue())
      .join(" ");
    expect(text).toMatch(image.name === "myhibachi/worker" ? /\/livez/ : /\/api\/live\b/);
    for (const flag of ["interval", "timeout", "start-period", "retries"])
      expect(check!.getFlags().map((f) => f.getName())).toContain(flag);
    // It probes the port the server listens on (ENV), the port EXPOSE names.
    const env = stageEnv(final);
    const port = env.PORT ?? env.WORKER_PORT;
    expect(port).toMatch(/^\d+$/);
    expect(ofKind(final, "EXPOSE").map((e) => e.getArguments()[0]?.getValue())).toEqual([port]);
    expect(text).toContain(port!);
  });

  it("the final stage's WORKDIR is /app", () => {
    expect(stageWorkdir(final)).toBe("/app");
  });
});

describe(".dockerignore", () => {
  const lines = readFileSync(join(root, ".dockerignore"), "utf8")
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith("#"));

  it("keeps installs, builds, git and local secrets out of the build context", () => {
    for (const p of ["**/node_modules", "**/.next", ".git", ".env", ".data"])
      expect(lines).toContain(p);
    // The lockfile and the workspace must go in: the images install from them.
    for (const p of ["pnpm-lock.yaml", "pnpm-workspace.yaml", "package.json", "prisma"])
      expect(lines).not.toContain(p);
  });
});

describe("docker-compose.yml", () => {
  const compose = parse(readFileSync(join(root, "docker-compose.yml"), "utf8"), {
    merge: true,
  }) as {
    services: Record<string, Record<string, unknown> & { environment?: Record<string, string> }>;
  };
  const services = compose.services;
  const APPS = ["customer", "admin", "worker"];

  it("has Postgres, Redis, the one-shot migration and the three apps", () => {
    expect(Object.keys(services).sort()).toEqual(
      ["admin", "customer", "migrate", "postgres", "redis", "worker"].sort(),
    );
  });

  it("builds each of our images from its Dockerfile, under its name", () => {
    for (const image of IMAGES) {
      const name = image.name.split("/")[1]!;
      const svc = services[name]!;
      expect(svc.image, name).toMatch(new RegExp(`^${image.name}:`));
      expect(svc.build, name).toEqual({ context: ".", dockerfile: image.dockerfile });
    }
  });

  it("pins Postgres and Redis by version", () => {
    expect(services.postgres!.image).toMatch(/^postgres:15\.\d+/);
    expect(services.redis!.image).toMatch(/^redis:7\.\d+/);
  });

  it("starts the apps only after the migration completed, and Postgres and Redis are healthy", () => {
    for (const app of APPS)
      expect(services[app]!.depends_on, app).toEqual({
        migrate: { condition: "service_completed_successfully" },
        postgres: { condition: "service_healthy" },
        redis: { condition: "service_healthy" },
      });
    expect(services.migrate!.depends_on).toEqual({ postgres: { condition: "service_healthy" } });
    expect(services.migrate!.restart).toBe("no");
  });

  it("runs the apps and the migration read-only, /tmp (and Next's cache) on tmpfs", () => {
    for (const name of [...APPS, "migrate"]) {
      const svc = services[name]!;
      expect(svc.read_only, name).toBe(true);
      expect(svc.tmpfs, name).toContain("/tmp");
      expect(svc.cap_drop, name).toEqual(["ALL"]);
    }
    for (const app of ["customer", "admin"]) {
      const df = parseDockerfile(`apps/${app}/Dockerfile`);
      expect(services[app]!.tmpfs).toContain(`${stageWorkdir(df.final)}/apps/${app}/.next/cache`);
    }
  });

  it("restarts and health-checks every long-running service, on the ports the images use", () => {
    for (const name of ["postgres", "redis", ...APPS]) {
      expect(services[name]!.restart, name).toBe("unless-stopped");
      expect(services[name]!.healthcheck, name).toBeDefined();
    }
    const probe = (name: string) =>
      (services[name]!.healthcheck as { test: string[] }).test.join(" ");
    expect(probe("customer")).toContain("127.0.0.1:3000/api/live");
    expect(probe("admin")).toContain("127.0.0.1:3001/api/live");
    expect(probe("worker")).toContain("127.0.0.1:3002/livez");
    expect(stageEnv(parseDockerfile("apps/customer/Dockerfile").final).PORT).toBe("3000");
    expect(stageEnv(parseDockerfile("apps/admin/Dockerfile").final).PORT).toBe("3001");
    expect(stageEnv(parseDockerfile("apps/worker/Dockerfile").final).WORKER_PORT).toBe("3002");
    expect(services.worker!.environment!.WORKER_HEALTH_HOST).toBe("0.0.0.0");
    expect(services.worker!.stop_grace_period).toBe("30s");
  });

  it("gives every app its database and Redis, and takes secrets from .env, never inline", () => {
    for (const name of [...APPS, "migrate"]) {
      const env = services[name]!.environment!;
      expect(env.DATABASE_URL, name).toMatch(/^postgresql:\/\/.*@postgres:5432\//);
      if (name !== "migrate") {
        expect(env.REDIS_URL, name).toMatch(/^redis:\/\/redis:6379/);
        expect(services[name]!.env_file, name).toBe(".env");
      }
    }
    for (const [name, svc] of Object.entries(services))
      for (const [key, value] of Object.entries(svc.environment ?? {}))
        if (SECRET_NAME.test(key) || /:\/\/[^/\s]*:[^/\s]*@/.test(String(value)))
          expect(String(value), `${name}.${key}`).toMatch(/\$\{[A-Z_]+:\?/); // from .env, required
  });

  it("the deploy guide documents the variables the stack needs", () => {
    const doc = readFileSync(join(root, "docs/operations/deploy.md"), "utf8");
    for (const v of ["POSTGRES_PASSWORD", "AUTH_SECRET", "CUSTOMER_URL", "ADMIN_URL", "SMTP_URL"])
      expect(doc).toContain(v);
  });
});
