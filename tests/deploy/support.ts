// Helpers of the deploy suite (tests/deploy): read our Dockerfiles with a real parser, lay out a
// final image's files in an empty folder the way its COPY lines do, and run what its CMD runs
// with its ENV, as a child process we always stop.
import { spawn, type ChildProcess } from "node:child_process";
import {
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  statSync,
} from "node:fs";
import { createServer, type AddressInfo } from "node:net";
import { dirname, isAbsolute, join, posix, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import {
  DockerfileParser,
  type Copy,
  type Env,
  type Healthcheck,
  type Instruction,
  type JSONInstruction,
} from "dockerfile-ast";

export const root = fileURLToPath(new URL("../..", import.meta.url));

/** Every image we ship: its Dockerfile (relative to the repo root) and name. */
export const IMAGES = [
  { name: "myhibachi/customer", dockerfile: "apps/customer/Dockerfile", server: true },
  { name: "myhibachi/admin", dockerfile: "apps/admin/Dockerfile", server: true },
  { name: "myhibachi/worker", dockerfile: "apps/worker/Dockerfile", server: true },
  { name: "myhibachi/migrate", dockerfile: "packages/db/Dockerfile", server: false },
] as const;

export interface Stage {
  name: string | null;
  image: string;
  instructions: Instruction[];
}

export interface ParsedDockerfile {
  text: string;
  stages: Stage[];
  final: Stage;
}

export function parseDockerfile(path: string): ParsedDockerfile {
  const text = readFileSync(join(root, path), "utf8");
  const df = DockerfileParser.parse(text);
  const stages: Stage[] = [];
  for (const ins of df.getInstructions()) {
    if (ins.getKeyword() === "FROM") {
      const from = df
        .getFROMs()
        .find((f) => f.getRange().start.line === ins.getRange().start.line)!;
      stages.push({ name: from.getBuildStage(), image: from.getImage() ?? "", instructions: [] });
    } else stages.at(-1)?.instructions.push(ins);
  }
  return { text, stages, final: stages.at(-1)! };
}

export const ofKind = <T extends Instruction>(stage: Stage, keyword: string): T[] =>
  stage.instructions.filter((i) => i.getKeyword() === keyword) as T[];

/** The ENV of a stage, in order (later wins). */
export function stageEnv(stage: Stage): Record<string, string> {
  const env: Record<string, string> = {};
  for (const e of ofKind<Env>(stage, "ENV"))
    for (const p of e.getProperties()) env[p.getName()] = p.getValue() ?? "";
  return env;
}

/**
 * The ENV of the final stage as the container sees it, with its /tmp (a tmpfs in compose) at
 * `tmp`: values under /tmp point there, and TMPDIR too (Node's os.tmpdir()).
 */
export function containerEnv(stage: Stage, tmp: string): Record<string, string> {
  const env: Record<string, string> = { TMPDIR: tmp };
  for (const [k, v] of Object.entries(stageEnv(stage)))
    env[k] = v === "/tmp" || v.startsWith("/tmp/") ? tmp + v.slice(4) : v;
  return env;
}

/** The exec form of CMD (["node", "..."]); a shell-form CMD is refused by the lint test. */
export function stageCmd(stage: Stage): string[] {
  const cmd = ofKind<JSONInstruction>(stage, "CMD").at(-1);
  return cmd ? cmd.getJSONStrings().map((s) => s.getJSONValue()) : [];
}

export function stageWorkdir(stage: Stage): string {
  return ofKind(stage, "WORKDIR").at(-1)?.getArguments()[0]?.getValue() ?? "/";
}

export interface CopyLine {
  from: string | null;
  chown: string | null;
  sources: string[];
  dest: string;
}

export function stageCopies(stage: Stage): CopyLine[] {
  return ofKind<Copy>(stage, "COPY").map((c) => {
    const flag = (name: string) =>
      c
        .getFlags()
        .find((f) => f.getName() === name)
        ?.getValue() ?? null;
    const args = c.getArguments().map((a) => a.getValue());
    return {
      from: flag("from"),
      chown: flag("chown"),
      sources: args.slice(0, -1),
      dest: args.at(-1)!,
    };
  });
}

export function healthcheck(stage: Stage): Healthcheck | undefined {
  return ofKind<Healthcheck>(stage, "HEALTHCHECK").at(-1);
}

/**
 * Lays out the final stage of `dockerfile` in `dir` (standing for its WORKDIR): each
 * `COPY --from=<stage> <src> <dest>` copies `<src>` from where that stage has it, found through
 * `sources` (the build stage's /repo is this checkout; a more specific path, like the worker's
 * dist folder, can stand elsewhere). Symlinks are copied as they are, as
 * Docker does (pnpm's node_modules are full of them).
 */
export function layOut(dockerfile: ParsedDockerfile, dir: string, sources: Record<string, string>) {
  const workdir = stageWorkdir(dockerfile.final);
  for (const copy of stageCopies(dockerfile.final)) {
    if (!copy.from) throw new Error(`COPY without --from in the final stage: ${copy.sources}`);
    for (const src of copy.sources) {
      const base = Object.keys(sources)
        .sort((a, b) => b.length - a.length) // the most specific folder first
        .find((p) => src === p || src.startsWith(`${p}/`));
      if (!base) throw new Error(`no local folder stands for ${src} (COPY --from=${copy.from})`);
      const from = join(sources[base]!, posix.relative(base, src));
      if (!existsSync(from)) throw new Error(`COPY source missing (the build would fail): ${from}`);
      const destPath = posix.isAbsolute(copy.dest) ? copy.dest : posix.join(workdir, copy.dest);
      let to = join(dir, posix.relative(workdir, destPath));
      // `COPY file dir/` puts the file into the folder; a folder's contents go into `dest`.
      if (!statSync(from).isDirectory() && copy.dest.endsWith("/"))
        to = join(to, posix.basename(src));
      mkdirSync(dirname(to), { recursive: true });
      cpSync(from, to, { recursive: true, verbatimSymlinks: true });
    }
  }
}

/** Symlinks under `dir` whose target is outside it (they would dangle in the image). */
export function escapingSymlinks(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isSymbolicLink()) {
        const target = readlinkSync(p);
        const abs = isAbsolute(target) ? target : resolve(dirname(p), target);
        const rel = relative(dir, abs);
        if (rel.startsWith("..") || isAbsolute(rel) || !existsSync(abs))
          out.push(`${p} -> ${target}`);
      } else if (e.isDirectory()) walk(p);
    }
  };
  walk(dir);
  return out;
}

/** Every file and folder under `dir` (but `skip`) with its size and change time. */
export function snapshot(dir: string, skip: string[] = []): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      const rel = relative(dir, p);
      if (skip.some((s) => rel === s || rel.startsWith(`${s}/`))) continue;
      const st = lstatSync(p);
      out.set(rel, `${st.size}:${st.mtimeMs}`);
      if (st.isDirectory()) walk(p);
    }
  };
  walk(dir);
  return out;
}

/** What changed between two snapshots: added, removed or modified paths. */
export function changes(before: Map<string, string>, after: Map<string, string>): string[] {
  const out: string[] = [];
  for (const [p, v] of after) if (before.get(p) !== v) out.push(before.has(p) ? `~${p}` : `+${p}`);
  for (const p of before.keys()) if (!after.has(p)) out.push(`-${p}`);
  return out;
}

/** The size of a folder, in MB, like `du -s` (files only; symlinks not followed). */
export function sizeMb(dir: string): number {
  let bytes = 0;
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) bytes += statSync(p).size;
    }
  };
  walk(dir);
  return Math.round(bytes / 1e5) / 10;
}

export async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, "127.0.0.1", () => r()));
  const { port } = srv.address() as AddressInfo;
  await new Promise((r) => srv.close(r));
  return port;
}

export interface Running {
  child: ChildProcess;
  output(): string;
  stop(): Promise<void>;
}

/**
 * Runs `cmd` (an image's CMD; "node" is this Node) in `cwd` with only `env` (plus PATH): no
 * variable of this test process leaks into it, as in a container.
 */
export function runCommand(cmd: string[], cwd: string, env: Record<string, string>): Running {
  const [bin, ...args] = cmd;
  const exe = bin === "node" ? process.execPath : bin!;
  const child = spawn(exe, args, {
    cwd,
    env: { PATH: `${dirname(process.execPath)}:/usr/bin:/bin`, HOME: cwd, ...env },
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  const keep = (d: Buffer) => (out = (out + d.toString()).slice(-8000));
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  const exited = new Promise<void>((r) => child.once("exit", () => r()));
  return {
    child,
    output: () => out,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const kill = (sig: NodeJS.Signals) => {
        try {
          process.kill(-child.pid!, sig);
        } catch {
          /* already gone */
        }
      };
      kill("SIGTERM");
      const t = setTimeout(() => kill("SIGKILL"), 10_000);
      await exited;
      clearTimeout(t);
    },
  };
}

/** Runs `cmd` to its end; resolves with its exit code and output. */
export async function runToEnd(
  cmd: string[],
  cwd: string,
  env: Record<string, string>,
): Promise<{ code: number | null; output: string }> {
  const r = runCommand(cmd, cwd, env);
  const code = await new Promise<number | null>((res) => r.child.once("exit", (c) => res(c)));
  return { code, output: r.output() };
}

/** Polls `url` until it answers 200; throws (with the server's output) on exit or timeout. */
export async function waitFor200(url: string, proc: Running, ms = 120_000): Promise<void> {
  const until = Date.now() + ms;
  let last = "";
  while (Date.now() < until) {
    if (proc.child.exitCode !== null)
      throw new Error(`${url}: exited (${proc.child.exitCode})\n${proc.output()}`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(5_000) });
      await res.body?.cancel();
      if (res.status === 200) return;
      last = `HTTP ${res.status}`;
    } catch (err) {
      last = (err as Error).message;
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`${url} not 200 within ${ms} ms (${last})\n${proc.output()}`);
}
