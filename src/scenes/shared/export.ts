/** Turning results into files a user can keep: JSON, CSV, PNG. */

export type CsvRow = Record<string, string | number | boolean | null | undefined>;

/** RFC 4180 CSV: header from the first row's keys; fields with commas, quotes or newlines quoted. */
export function toCsv(rows: readonly CsvRow[]): string {
  if (rows.length === 0) return '';
  const columns = Object.keys(rows[0]!);
  const field = (value: CsvRow[string]) => {
    const text = value === null || value === undefined ? '' : String(value);
    return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  return [columns.join(','), ...rows.map((row) => columns.map((c) => field(row[c])).join(','))].join('\n') + '\n';
}

export function downloadBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Rasterises an SVG chart (with its computed colours inlined by the caller) to a PNG blob. */
export async function svgToPng(svg: SVGSVGElement, scale = 2): Promise<Blob> {
  const { width, height } = svg.getBoundingClientRect();
  const clone = svg.cloneNode(true) as SVGSVGElement;
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  clone.setAttribute('width', String(width));
  clone.setAttribute('height', String(height));
  const dark = document.documentElement.classList.contains('dark');
  clone.style.background = dark ? '#020617' : '#ffffff';
  clone.style.color = dark ? '#e2e8f0' : '#0f172a';
  const source = new XMLSerializer().serializeToString(clone);
  const image = new Image();
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(source)}`;
  await image.decode();
  const canvas = document.createElement('canvas');
  canvas.width = Math.ceil(width * scale);
  canvas.height = Math.ceil(height * scale);
  const context = canvas.getContext('2d')!;
  context.fillStyle = dark ? '#020617' : '#ffffff';
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.scale(scale, scale);
  context.drawImage(image, 0, 0, width, height);
  return new Promise((resolve, reject) =>
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('PNG encoding failed'))), 'image/png'),
  );
}
