import { ChevronLeft } from "lucide-react";
import Link from "next/link";

export function SettingsBackLink({ href, label }: { href: string; label: string }) {
  return (
    <Link href={href} className="inline-flex items-center gap-1 text-sm font-medium text-muted-foreground hover:text-foreground">
      <ChevronLeft className="size-4" aria-hidden />
      {label}
    </Link>
  );
}
