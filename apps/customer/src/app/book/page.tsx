import type { Metadata } from "next";
import { BookingWizard } from "./wizard";

export const metadata: Metadata = { title: "Book a chef" };

export default function BookPage() {
  return <BookingWizard />;
}
