/**
 * A canvas chart's drawing surface: its width, the ink and font of the page around it, and a
 * backing store at the screen's pixel ratio. Width, ink and font are read when the canvas is
 * resized or the theme changes, never per frame: reading layout or computed style in a frame
 * forces the browser to recompute them whenever anything else changed, which costs most when
 * every core is busy with workers. Canvas pixels do not follow CSS, so a theme change is a
 * reason to redraw.
 */
import { useEffect, useRef, useState, type RefObject } from 'react';
import { beginPainterFrame } from './canvas-painter';

export interface CanvasSurface {
  /** CSS px. */
  cssWidth: number;
  /** The canvas's computed text colour: the ink class ChartCanvas gives it, for the current theme. */
  ink: string;
  fontFamily: string;
}

export function readCanvasSurface(canvas: HTMLCanvasElement, cssWidth = canvas.clientWidth): CanvasSurface {
  const style = getComputedStyle(canvas);
  return { cssWidth, ink: style.color, fontFamily: style.fontFamily };
}

/**
 * Calls `onChange` with the surface read afresh whenever the canvas is resized (also once, soon
 * after this call) or the theme class on <html> changes. Returns the function that stops it.
 */
export function observeCanvasSurface(
  canvas: HTMLCanvasElement,
  onChange: (surface: CanvasSurface) => void,
): () => void {
  let cssWidth = canvas.clientWidth;
  const resize = new ResizeObserver(([entry]) => {
    cssWidth = Math.floor(entry!.contentRect.width);
    onChange(readCanvasSurface(canvas, cssWidth));
  });
  const theme = new MutationObserver(() => onChange(readCanvasSurface(canvas, cssWidth)));
  resize.observe(canvas);
  theme.observe(document.documentElement, { attributes: true, attributeFilter: ['class'] });
  return () => {
    resize.disconnect();
    theme.disconnect();
  };
}

/** The surface as React state: null until the canvas has been measured. */
function useCanvasSurface(canvasRef: RefObject<HTMLCanvasElement | null>): CanvasSurface | null {
  const [surface, setSurface] = useState<CanvasSurface | null>(null);
  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    // Setting the canvas's height resizes it too: an unchanged surface must not cause a redraw.
    return observeCanvasSurface(canvas, (next) =>
      setSurface((prev) =>
        prev &&
        prev.cssWidth === next.cssWidth &&
        prev.ink === next.ink &&
        prev.fontFamily === next.fontFamily
          ? prev
          : next,
      ),
    );
  }, [canvasRef]);
  return surface;
}

/**
 * For charts drawn from their props (rather than from a frame loop): returns the canvas's ref,
 * and paints it with `paint` once the canvas has been measured, then whenever `paint` changes
 * (memoise it on the chart's data) or the surface does.
 */
export function usePaintedCanvas(
  paint: (canvas: HTMLCanvasElement, surface: CanvasSurface) => void,
): RefObject<HTMLCanvasElement | null> {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const surface = useCanvasSurface(canvasRef);
  useEffect(() => {
    if (canvasRef.current && surface && surface.cssWidth > 0) paint(canvasRef.current, surface);
  }, [paint, surface]);
  return canvasRef;
}

/**
 * Starts a frame on a canvas of the page: sizes its backing store and CSS height, clears it, and
 * returns the context drawing in CSS px (see beginPainterFrame).
 */
export function beginCanvasFrame(
  canvas: HTMLCanvasElement,
  cssWidth: number,
  cssHeight: number,
): CanvasRenderingContext2D | null {
  if (canvas.style.height !== `${cssHeight}px`) canvas.style.height = `${cssHeight}px`;
  return beginPainterFrame(canvas, cssWidth, cssHeight, window.devicePixelRatio || 1) as CanvasRenderingContext2D | null;
}
