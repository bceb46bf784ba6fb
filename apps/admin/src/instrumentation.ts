// Runs once in the server process before it handles requests (Next's instrumentation hook).
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { env } = await import("./env");
  const { onServerStart } = await import("@myhibachi/api/startup");
  onServerStart("admin", env);
}
