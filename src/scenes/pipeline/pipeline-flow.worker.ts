/** The pipeline flowchart's glows and tokens, drawn off the page's main thread (see pipeline-flow-painter.ts). */
import { servePainter } from '../../charts/canvas-painter';
import { PipelineFlowPainter, type PipelineFlowMessage } from './pipeline-flow-painter';

servePainter<PipelineFlowMessage>((canvas, tools) => new PipelineFlowPainter(canvas, tools));
