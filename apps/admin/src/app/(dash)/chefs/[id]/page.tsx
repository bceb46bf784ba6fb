import type { Metadata } from "next";
import { ChefDetail } from "./chef-detail";

export const metadata: Metadata = { title: "Chef" };

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <ChefDetail id={id} />;
}
