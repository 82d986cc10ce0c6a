/** Numbers over time, drawn off the page's main thread (see series-timeline-painter.ts). */
import { servePainter } from './canvas-painter';
import { SeriesTimelinePainter, type SeriesTimelineMessage } from './series-timeline-painter';

servePainter<SeriesTimelineMessage>((canvas, tools) => new SeriesTimelinePainter(canvas, tools));
