import { svgToPngBlob } from '../../charts/svg-to-png';
import { downloadBlob, toCsv, type CsvRow } from './export';

/**
 * Export the result of a run. JSON is exactly what `window.playground.run` resolves with; CSV is
 * the same data flattened to rows; PNG is the scene's main chart.
 */
export function ExportButtons({
  basename,
  json,
  csvRows,
  chart,
}: {
  basename: string;
  json: unknown;
  csvRows?: () => CsvRow[];
  /** Returns the chart's <svg> (or a <canvas>) to export as PNG. */
  chart?: () => SVGSVGElement | HTMLCanvasElement | null;
}) {
  const button =
    'rounded-md border border-slate-300 px-2.5 py-1 text-sm hover:bg-slate-100 disabled:opacity-50 dark:border-slate-700 dark:hover:bg-slate-800';
  const exportPng = async () => {
    const node = chart?.();
    if (!node) return;
    const blob =
      node instanceof HTMLCanvasElement
        ? await new Promise<Blob | null>((resolve) => node.toBlob(resolve, 'image/png'))
        : await svgToPngBlob(node);
    if (blob) downloadBlob(blob, `${basename}.png`);
  };
  return (
    <div className="flex flex-wrap gap-2" role="group" aria-label="Export results">
      <button
        type="button"
        className={button}
        disabled={json === undefined || json === null}
        onClick={() => downloadBlob(new Blob([JSON.stringify(json, null, 2)], { type: 'application/json' }), `${basename}.json`)}
      >
        Export JSON
      </button>
      {csvRows && (
        <button
          type="button"
          className={button}
          disabled={json === undefined || json === null}
          onClick={() => downloadBlob(new Blob([toCsv(csvRows())], { type: 'text/csv' }), `${basename}.csv`)}
        >
          Export CSV
        </button>
      )}
      {chart && (
        <button type="button" className={button} disabled={json === undefined || json === null} onClick={() => void exportPng()}>
          Export PNG
        </button>
      )}
    </div>
  );
}
