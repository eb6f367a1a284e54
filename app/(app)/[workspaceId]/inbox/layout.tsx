import { Suspense, type ReactNode } from "react";
import { LiveRefresh } from "@/components/inbox/live-refresh";

type LayoutProps = { children: ReactNode };

/**
 * The inbox's re-rendering on live changes lives here, not in the page: a page remounts on every
 * change of its params (another view, another conversation), and a change that arrives in
 * between would be missed. A layout stays mounted across those navigations. The stream itself is
 * the workspace layout's (components/live/live-stream.tsx), open on every page.
 */
export default function InboxLayout({ children }: LayoutProps) {
  return (
    <>
      <Suspense fallback={null}>
        <LiveRefresh />
      </Suspense>
      {children}
    </>
  );
}
