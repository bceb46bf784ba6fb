import { SignOutButton } from "../sign-out";

export default function Forbidden() {
  return (
    <main className="mx-auto max-w-md p-8">
      <h1 className="text-2xl font-bold">This area is for MyHibachi staff</h1>
      <p className="mt-2">
        Your account doesn't have access to the admin dashboard. Sign out and sign in with a staff
        account.
      </p>
      <div className="mt-4">
        <SignOutButton />
      </div>
    </main>
  );
}
