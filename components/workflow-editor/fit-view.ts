"use client";

import { useReactFlow, type FitViewOptions } from "@xyflow/react";
import { useCallback } from "react";
import type { FlowNode } from "./flow-types";

type Box = { left: number; right: number; width: number; height: number };

/** The share of the free width and height left around the steps on each side (React Flow's padding 0.2). */
const MARGIN = 0.2 / 2.4;
/** A panel that would leave less of the canvas than this is ignored: on a phone it covers it all. */
const MIN_UNCOVERED = 160;

/**
 * Padding, in pixels, that frames the steps in the part of the canvas the step panel does not
 * cover. Beside the canvas (wide screens) the panel covers none of it; over the canvas (narrow
 * screens) it covers its right side, and the steps must not end up under it.
 */
export function fitPadding(canvas: Box, panel: Box | null): NonNullable<FitViewOptions["padding"]> {
  const covered = panel ? Math.max(0, Math.min(canvas.right, panel.right) - Math.max(canvas.left, panel.left)) : 0;
  const hidden = canvas.width - covered >= MIN_UNCOVERED ? covered : 0;
  const x = Math.round((canvas.width - hidden) * MARGIN);
  const y = Math.round(canvas.height * MARGIN);
  return { top: `${y}px`, bottom: `${y}px`, left: `${x}px`, right: `${x + hidden}px` };
}

function box(element: Element | null): Box | null {
  return element ? element.getBoundingClientRect() : null;
}

/** Fits every step into the visible canvas: what the header's and the canvas's Fit view buttons do. */
export function useFitView(): (options?: { duration?: number }) => void {
  const flow = useReactFlow<FlowNode>();
  return useCallback(
    (options) => {
      const canvas = box(document.querySelector("[data-workflow-canvas]"));
      const padding = canvas ? fitPadding(canvas, box(document.querySelector("[data-workflow-panel]"))) : 0.2;
      void flow.fitView({ padding, maxZoom: 1, duration: options?.duration ?? 250 });
    },
    [flow],
  );
}
