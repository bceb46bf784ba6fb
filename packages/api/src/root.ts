import { router } from "./trpc";
import { catalogRouter } from "./routers/customer/catalog";
import { bookingRouter } from "./routers/customer/booking";
import { accountRouter } from "./routers/customer/account";
import { chatRouter } from "./routers/customer/chat";
import { holdRouter } from "./routers/customer/hold";
import { recommendationsRouter } from "./routers/customer/recommendations";
import { adminRouter } from "./routers/admin";

export const customerRouter = router({
  catalog: catalogRouter,
  booking: bookingRouter,
  account: accountRouter,
  chat: chatRouter,
  hold: holdRouter,
  recommendations: recommendationsRouter,
});

export type CustomerRouter = typeof customerRouter;
export { adminRouter };
export type AdminRouter = typeof adminRouter;
