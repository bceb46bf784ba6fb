// Staff area: chefs (profile, weekly hours, time off, service zones) and customers.
import { operations as op } from "@myhibachi/core";
import { mutationOf, queryOf } from "../../procedure";
import { router } from "../../trpc";

const chefsRouter = router({
  list: queryOf(op.listChefs),
  get: queryOf(op.getChef),
  zones: queryOf(op.listServiceZones),
  create: mutationOf(op.createChef),
  update: mutationOf(op.updateChef),
  setActive: mutationOf(op.setChefActive),
  setHours: mutationOf(op.setChefHours),
  addTimeOff: mutationOf(op.addChefTimeOff),
  removeTimeOff: mutationOf(op.removeChefTimeOff),
  setZones: mutationOf(op.setChefZones),
});

const customersRouter = router({
  list: queryOf(op.listCustomers),
  get: queryOf(op.getCustomer),
  setNotes: mutationOf(op.setCustomerNotes),
});

export const staffAdminRouter = router({
  chefs: chefsRouter,
  customers: customersRouter,
});
