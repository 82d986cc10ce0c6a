/**
 * Draws the queue's tokens off the main thread. With every core busy with producer and consumer
 * workers, the page's main thread gets only its share of a core: drawing hundreds of tokens
 * there (and painting and committing the canvas each frame) cost it frames. Here, the page only
 * posts one small sample per frame, and the canvas goes to the compositor from this thread.
 */
import { servePainter } from '../../charts/canvas-painter';
import { FlowCanvasPainter } from './flow-canvas-painter';
import type { FlowMessage, FlowReport } from './flow-painter-protocol';

servePainter<FlowMessage, FlowReport>((canvas, tools) => new FlowCanvasPainter(canvas, tools, true));
