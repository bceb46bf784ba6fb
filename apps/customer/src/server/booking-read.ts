import "server-only";

/**
 * A booking page's own read (the procedure its client part shows), made on the server first with
 * the request's session and link, by the procedure's own access rule, and handed to the client
 * part, which then doesn't ask again. Undefined when the read was refused or failed (someone
 * else's booking, one that doesn't exist, a wrong, expired or mangled link): the client part asks
 * itself and says why, with the same words whatever the reason (whether a booking exists is never
 * told), and the page's no-JavaScript part gives the phone number.
 *
 * Not an HTTP 404: Next.js draws a page's notFound() through its client-side error shell
 * (vercel/next.js#62228), so without JavaScript the page would be blank instead of saying whom to
 * call. The page leaks nothing either way: nothing of the booking is in it.
 */
export async function readOnServer<T>(read: () => Promise<T>): Promise<T | undefined> {
  try {
    return await read();
  } catch {
    return undefined;
  }
}
