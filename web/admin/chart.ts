const SVG = 'http://www.w3.org/2000/svg';
const WIDTH = 300;
const HEIGHT = 120;
const TOP = 14;
const COLORS = ['#0b5cad', '#b3261e', '#1a7f37', '#8a5a00', '#6639ba'];

export interface Series {
  name: string;
  values: readonly number[];
}

function node<K extends keyof SVGElementTagNameMap>(tag: K, attributes: Record<string, string | number>, text = ''): SVGElementTagNameMap[K] {
  const element = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, String(value));
  if (text !== '') element.textContent = text;
  return element;
}

/**
 * Draws series into an SVG of 300×120 user units: lines (the live figures) or bars (the per-minute
 * history, several series side by side), scaled to the largest value, which is written top left
 * with the legend. Presentation attributes only: the page's CSP allows no inline style.
 */
export function drawChart(svg: SVGSVGElement, series: readonly Series[], kind: 'line' | 'bar'): void {
  const max = Math.max(1, ...series.flatMap((s) => s.values));
  const length = Math.max(1, ...series.map((s) => s.values.length));
  const y = (v: number) => HEIGHT - 1 - ((HEIGHT - TOP - 2) * v) / max;
  const parts: SVGElement[] = [node('line', { x1: 0, y1: HEIGHT - 0.5, x2: WIDTH, y2: HEIGHT - 0.5, stroke: '#d0d7de' })];
  series.forEach((s, i) => {
    const color = COLORS[i % COLORS.length]!;
    if (kind === 'line') {
      const step = length > 1 ? WIDTH / (length - 1) : 0;
      const points = s.values.map((v, j) => `${(j * step).toFixed(1)},${y(v).toFixed(1)}`).join(' ');
      parts.push(node('polyline', { points, fill: 'none', stroke: color, 'stroke-width': 2, 'data-series': s.name }));
    } else {
      const slot = WIDTH / length;
      const width = Math.max(0.5, (slot - 1) / series.length);
      s.values.forEach((v, j) => {
        if (v > 0) parts.push(node('rect', { x: (j * slot + i * width).toFixed(2), y: y(v).toFixed(1), width: width.toFixed(2), height: (HEIGHT - 1 - y(v)).toFixed(1), fill: color, 'data-series': s.name }));
      });
    }
  });
  const legend = node('text', { x: 2, y: 10, 'font-size': 9, fill: '#57606a' }, `max ${formatNumber(max)}`);
  series.forEach((s, i) => legend.append(node('tspan', { dx: 8, fill: COLORS[i % COLORS.length]! }, s.name)));
  parts.push(legend);
  svg.replaceChildren(...parts);
  svg.dataset['points'] = String(length);
}

export function formatNumber(value: number): string {
  return Number.isInteger(value) ? value.toLocaleString('en') : value.toFixed(2);
}
