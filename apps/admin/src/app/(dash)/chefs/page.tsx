import type { Metadata } from "next";
import { ChefsList } from "./chefs-list";

export const metadata: Metadata = { title: "Chefs" };

export default function Page() {
  return <ChefsList />;
}
