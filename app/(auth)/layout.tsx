import type { ReactNode } from "react";
import { ParleyLogo } from "@/components/brand/parley-logo";

export default function AuthLayout({ children }: { children: ReactNode }) {
  return (
    <div className="flex min-h-dvh flex-col items-center justify-center bg-subtle px-4 py-12">
      <main className="w-full max-w-sm">
        <div className="mb-8 flex justify-center">
          <ParleyLogo />
        </div>
        {children}
      </main>
    </div>
  );
}
