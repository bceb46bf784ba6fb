// The admin API's client (read-only with an API key): `import { admin } from "@myhibachi/client"`.
export * from "./generated/admin";
export { client } from "./generated/admin/client.gen";
export { createClient, createConfig, type Client, type Config } from "./generated/admin/client";
