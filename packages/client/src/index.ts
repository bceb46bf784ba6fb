// The typed client of the MyHibachi REST APIs, generated from their OpenAPI documents by
// @hey-api/openapi-ts (src/generated: do not edit; `pnpm --filter @myhibachi/client generate`).
// No runtime dependency: the fetch client is bundled into the generated code.
//
//   import { createClient, getMenu } from "@myhibachi/client";
//   const client = createClient({ baseUrl: "https://hibachi.example/api/v1" });
//   const { data, error } = await getMenu({ client });
//
// The customer API's operations are at the top level; the admin API's under `admin`
// (`admin.createClient({ baseUrl, headers: { authorization: "Bearer mhk_..." } })`).
export * from "./generated/customer";
export { client } from "./generated/customer/client.gen";
export { createClient, createConfig, type Client, type Config } from "./generated/customer/client";
export * as admin from "./admin";
