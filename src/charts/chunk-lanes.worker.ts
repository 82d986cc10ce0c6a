/** The pool's chunk lanes, drawn off the page's main thread (see chunk-lanes-painter.ts). */
import { servePainter } from './canvas-painter';
import { ChunkLanesPainter, type ChunkLanesMessage } from './chunk-lanes-painter';

servePainter<ChunkLanesMessage>((canvas, tools) => new ChunkLanesPainter(canvas, tools));
