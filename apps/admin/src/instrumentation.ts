// Runs once in the server process before it handles requests (Next's instrumentation hook).
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    // Rate limits need the TCP peer address, which Next doesn't pass to route handlers.
    const { installPeerAddressHeader } = await import("@myhibachi/auth/client-ip");
    installPeerAddressHeader();
  }
}
