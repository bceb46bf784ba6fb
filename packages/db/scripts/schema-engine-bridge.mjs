#!/usr/bin/env node
// schema-engine-bridge.mjs: an offline stand-in for Prisma's native `schema-engine` binary.
//
// Why it exists: the Prisma 7 CLI (pinned: prisma@7.10.0) downloads a native schema-engine
// before `migrate *` / `db *`. That download needs the internet. The same engine is on npm,
// compiled to WebAssembly (@prisma/schema-engine-wasm@7.10.0-4.0edf323efd1d98336f3f0a68684b56f689b900d3,
// the exact engines hash prisma@7.10.0 was built with). It runs on top of @prisma/adapter-pg.
// When upgrading Prisma, pin the wasm build whose version equals @prisma/engines-version.
// This program speaks the native binary's protocol so the CLI can use it through
// PRISMA_SCHEMA_ENGINE_BINARY (see prisma.mjs):
//   schema-engine-bridge --datamodels <file>... --datasource '{"url":...,"shadowDatabaseUrl":...}'
//     JSON-RPC 2.0, one message per line on stdin/stdout. stderr carries JSON log lines.
//   schema-engine-bridge --datasource '{"url":...}' cli can-connect-to-database|create-database|drop-database
//   schema-engine-bridge --version
// PostgreSQL only.
import fs from "node:fs";
import readline from "node:readline";
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { bindMigrationAwareSqlAdapterFactory, ColumnTypeEnum } from "@prisma/driver-adapter-utils";
import * as engineGlue from "@prisma/schema-engine-wasm/schema_engine_bg";

// Log lines look like the native engine's tracing JSON, so the CLI can show
// `fields.message` when the engine fails.
function log(level, message, extra = {}) {
  process.stderr.write(
    JSON.stringify({ level, target: "schema_engine::logger", fields: { message, ...extra } }) +
      "\n",
  );
}

// ---- command line ----------------------------------------------------------------------
const argv = process.argv.slice(2);
const datamodelPaths = [];
let datasource = {};
let cliCommand = null;
for (let i = 0; i < argv.length; i++) {
  const a = argv[i];
  if (a === "--datamodels") datamodelPaths.push(argv[++i]);
  else if (a === "--datasource") datasource = JSON.parse(argv[++i]);
  else if (a === "--enabled-preview-features" || a === "--extension-types")
    i++; // not used by the wasm engine
  else if (a === "cli") cliCommand = argv[++i];
  else if (a === "--version" || a === "-V") cliCommand = "--version";
}

// ---- WebAssembly engine (Node 20 can't `import` a .wasm, so instantiate it by hand) -----
// The engine reports Rust panic messages here before trapping.
const panicRegistry = (globalThis.PRISMA_WASM_PANIC_REGISTRY = {
  message: null,
  set_message(m) {
    this.message = m;
  },
});
async function loadEngineModule() {
  const wasmPath = new URL(
    "./schema_engine_bg.wasm",
    import.meta.resolve("@prisma/schema-engine-wasm/schema_engine_bg"),
  );
  const { instance } = await WebAssembly.instantiate(fs.readFileSync(wasmPath), {
    "./schema_engine_bg.js": engineGlue,
  });
  engineGlue.__wbg_set_wasm(instance.exports);
  instance.exports.__wbindgen_start();
  return engineGlue;
}

// ---- @prisma/adapter-pg fixes ------------------------------------------------------------
// 1. The adapter rejects Postgres' `"char"` type (oid 18, used in pg_catalog, e.g.
//    pg_constraint.contype, read when a table has CHECK/EXCLUDE constraints) with
//    UnsupportedNativeDataType (prisma/orm#27403). The engine wants such columns typed as
//    Character; pg already returns their values as strings. performIO marks the columns
//    (and pretends they are text), queryRaw then reports them as Character.
// 2. The adapter's executeScript splits the script on ';', which breaks migrations with
//    semicolons inside strings, $$ bodies or comments. Postgres' simple-query protocol runs
//    a multi-statement script as-is (and as one implicit transaction), like the native engine.
const PG_CHAR_OID = 18;
const PG_TEXT_OID = 25;
const charColumns = Symbol("charColumns");
let adapterPatched = false;
function patchAdapter(adapter) {
  if (adapterPatched) return adapter;
  adapterPatched = true;
  const adapterProto = Object.getPrototypeOf(adapter); // PrismaPgAdapter
  const queryableProto = Object.getPrototypeOf(adapterProto); // PgQueryable (transactions too)
  const { performIO, queryRaw } = queryableProto;
  queryableProto.performIO = async function (query) {
    const result = await performIO.call(this, query);
    const cols = [];
    result?.fields?.forEach((field, i) => {
      if (field.dataTypeID === PG_CHAR_OID) {
        cols.push(i);
        field.dataTypeID = PG_TEXT_OID;
      }
    });
    if (cols.length) result.rows[charColumns] = cols;
    return result;
  };
  queryableProto.queryRaw = async function (query) {
    const result = await queryRaw.call(this, query);
    for (const i of result.rows[charColumns] ?? [])
      result.columnTypes[i] = ColumnTypeEnum.Character;
    return result;
  };
  adapterProto.executeScript = async function (script) {
    try {
      await this.client.query(script);
    } catch (error) {
      this.onError(error);
    }
  };
  return adapter;
}

// Run `fn` with a pg client on the maintenance DB `postgres` of the server in `url`.
async function withAdminClient(url, fn) {
  const admin = new URL(url);
  admin.pathname = "/postgres";
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}
const dbName = (url) => decodeURIComponent(new URL(url).pathname.slice(1));
const quoteIdent = (name) => '"' + name.replaceAll('"', '""') + '"';

// The wasm engine cannot create the shadow DB itself on Postgres ("PostgreSQL shadow DB must
// be provided through an external factory"). Use datasource.shadowDatabaseUrl or
// SHADOW_DATABASE_URL if given, else `<db>_shadow` on the same server. Either way it is
// dropped and re-created so it starts empty; the derived one is dropped again afterwards.
function adapterFactory(url) {
  const factory = new PrismaPg({ connectionString: url });
  // The engine expects the Result-returning ({ ok, value | error }) "bound" adapter API.
  return bindMigrationAwareSqlAdapterFactory({
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => patchAdapter(await factory.connect()),
    connectToShadowDb: async () => {
      const explicit = datasource.shadowDatabaseUrl || process.env.SHADOW_DATABASE_URL;
      let shadowUrl = explicit;
      if (!shadowUrl) {
        const u = new URL(url);
        u.pathname = "/" + encodeURIComponent(dbName(url) + "_shadow");
        shadowUrl = u.toString();
      }
      const name = quoteIdent(dbName(shadowUrl));
      await withAdminClient(shadowUrl, async (c) => {
        await c.query(`DROP DATABASE IF EXISTS ${name}`);
        await c.query(`CREATE DATABASE ${name}`);
      });
      const adapter = patchAdapter(await new PrismaPg({ connectionString: shadowUrl }).connect());
      const dispose = adapter.dispose.bind(adapter);
      adapter.dispose = async () => {
        await dispose();
        if (!explicit)
          await withAdminClient(shadowUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${name}`));
      };
      return adapter;
    },
  });
}

// ---- `cli <command>` mode: used by the CLI to check / create the main database --------------
// On failure the CLI parses stderr from the 2nd line on, one JSON object per line, looking for
// level ERROR + fields.error_code (P1003 = database does not exist -> it offers to create it).
async function runCliCommand(command) {
  const url = datasource.url;
  try {
    if (command === "can-connect-to-database") {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      await client.end();
    } else if (command === "create-database") {
      await withAdminClient(url, (c) => c.query(`CREATE DATABASE ${quoteIdent(dbName(url))}`));
    } else if (command === "drop-database") {
      await withAdminClient(url, (c) =>
        c.query(`DROP DATABASE IF EXISTS ${quoteIdent(dbName(url))}`),
      );
    } else {
      throw new Error(`schema-engine-bridge: unsupported cli command ${command}`);
    }
    return 0;
  } catch (e) {
    const u = url ? new URL(url) : null;
    const error_code = e.code === "3D000" ? "P1003" : e.code === "ECONNREFUSED" ? "P1001" : "P1000";
    const message =
      error_code === "P1003"
        ? `Database \`${dbName(url)}\` does not exist on the database server at \`${u.hostname}:${u.port || 5432}\`.`
        : e.message;
    log("INFO", "schema-engine-bridge cli " + command);
    log("ERROR", message, { error_code });
    return 1;
  }
}

// ---- JSON-RPC mode -------------------------------------------------------------------------
// Engine errors are turned into the shape the CLI expects: error.data.{message, error_code,
// is_panic}. The wasm engine rejects with plain Errors (no Prisma error codes, e.g. no P3018).
function toRpcError(e, isPanic = false) {
  const data = { is_panic: isPanic, message: e?.message ?? String(e), meta: e?.meta ?? null };
  const code = e?.error_code ?? e?.code; // Prisma codes only (P1001…), not SQLSTATEs
  if (typeof code === "string" && code.startsWith("P")) data.error_code = code;
  if (e instanceof WebAssembly.RuntimeError) {
    data.is_panic = true;
    if (panicRegistry.message) data.message = panicRegistry.message;
  }
  return { code: 4466, message: "An error happened. Check the data field for details.", data };
}

async function serveJsonRpc() {
  const { SchemaEngine } = await loadEngineModule();
  const datamodels = datamodelPaths.length
    ? datamodelPaths.map((p) => [p, fs.readFileSync(p, "utf8")])
    : undefined;
  const onLog = (line) => process.stderr.write(String(line).trimEnd() + "\n"); // engine's JSON log lines
  // Created on the first request, so a failure (the engine connects to the DB right away)
  // becomes an RPC error the CLI can print.
  let enginePromise = null;
  const getEngine = () =>
    (enginePromise ??= SchemaEngine.new({ datamodels }, onLog, adapterFactory(datasource.url)));

  const send = (msg) => process.stdout.write(JSON.stringify(msg) + "\n");
  let printId = 1_000_000;
  // evaluateDataLoss and createMigration in the wasm engine never open the shadow DB
  // themselves; they reuse the schema that diagnoseMigrationHistory/devDiagnostic computed on
  // it (only done when the DB is not behind). When that is missing (e.g. right after `migrate
  // dev` applied pending migrations) they fail with "shadow DB must be provided through an
  // external factory": run diagnoseMigrationHistory on the same migrations, then retry.
  const withShadowSchema = (method) => async (engine, p) => {
    try {
      return await engine[method](p);
    } catch (e) {
      if (!/shadow DB must be provided through an external factory/.test(e?.message)) throw e;
      log("INFO", `${method}: priming the shadow database schema via diagnoseMigrationHistory`);
      await engine.diagnoseMigrationHistory({
        migrationsList: p.migrationsList,
        optInToShadowDatabase: true,
        filters: p.filters,
      });
      return await engine[method](p);
    }
  };
  // CLI method name -> handler(engine, params). Anything else goes to the engine method of
  // the same name.
  const handlers = {
    evaluateDataLoss: withShadowSchema("evaluateDataLoss"),
    createMigration: withShadowSchema("createMigration"),
    getDatabaseVersion: (engine, p) => engine.version(p ?? null),
    async diff(engine, p) {
      const result = await engine.diff(p);
      // The native engine prints the diff through a `print` request; the wasm engine returns it.
      if (result.stdout != null)
        send({
          jsonrpc: "2.0",
          id: printId++,
          method: "print",
          params: { content: result.stdout },
        });
      return { exitCode: result.exitCode, stdout: null };
    },
    // Plain pg, so the whole script runs as one simple query, like the native engine.
    async dbExecute(_engine, { script, datasourceType }) {
      const client = new pg.Client({
        connectionString: datasourceType.tag === "url" ? datasourceType.url : datasource.url,
      });
      await client.connect();
      try {
        await client.query(script);
      } finally {
        await client.end();
      }
      return null;
    },
  };
  const noEngine = new Set(["dbExecute"]);

  // A crash inside the wasm glue surfaces as an uncaught exception. Answer the pending request
  // with a panic error: if we just died, the CLI could wait forever or silently exit 0.
  let inFlight = null;
  const die = (e) => {
    log("ERROR", `schema-engine-bridge crashed: ${e?.stack ?? e}`);
    if (inFlight != null) send({ jsonrpc: "2.0", id: inFlight, error: toRpcError(e, true) });
    process.stdout.write("", () => process.exit(101));
  };
  process.on("uncaughtException", die);
  process.on("unhandledRejection", die);

  let queue = Promise.resolve(); // the engine gets one request at a time
  const rl = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
  rl.on("line", (line) => {
    if (!line.trim()) return;
    const msg = JSON.parse(line);
    if (!msg.method) return; // the CLI's answer to one of our `print` requests
    queue = queue.then(async () => {
      inFlight = msg.id;
      try {
        const engine = noEngine.has(msg.method) ? null : await getEngine();
        const handler = handlers[msg.method];
        if (!handler && typeof engine?.[msg.method] !== "function")
          throw new Error(
            `schema-engine-bridge: method ${msg.method} is not supported by the wasm engine`,
          );
        const result = handler
          ? await handler(engine, msg.params)
          : await engine[msg.method](msg.params);
        send({ jsonrpc: "2.0", id: msg.id, result: result ?? {} });
      } catch (e) {
        log("ERROR", `${msg.method} failed: ${e?.message ?? JSON.stringify(e)}`);
        send({ jsonrpc: "2.0", id: msg.id, error: toRpcError(e) });
      }
      inFlight = null;
    });
  });
  rl.on("close", () => queue.then(() => process.exit(0)));
}

if (cliCommand === "--version") {
  const { version } = await loadEngineModule();
  process.stdout.write(`schema-engine-cli ${version()}\n`);
} else if (cliCommand) {
  process.exitCode = await runCliCommand(cliCommand);
} else {
  await serveJsonRpc();
}
