/** The state lanes, drawn off the page's main thread (see state-lanes-painter.ts). */
import { servePainter } from './canvas-painter';
import { StateLanesPainter, type StateLanesMessage } from './state-lanes-painter';

servePainter<StateLanesMessage>((canvas, tools) => new StateLanesPainter(canvas, tools));
