import { byId, element } from '../dom.ts';
import { drawChart, formatNumber, type Series } from './chart.ts';
import type { AdminStats } from '../../server/admin/admin-stats-shape.ts';

/** How often the figures are asked for, and how many answers the live charts keep. */
const REFRESH_MS = 2_000;
const LIVE_POINTS = 90;

const ui = {
  form: byId('token-form', HTMLFormElement),
  token: byId('token', HTMLInputElement),
  error: byId('error', HTMLParagraphElement),
  dashboard: byId('dashboard', HTMLDivElement),
  updated: byId('updated', HTMLParagraphElement),
  database: byId('database', HTMLElement),
  workers: byId('workers', HTMLElement),
  intents: byId('intents', HTMLElement),
  chains: byId('chains', HTMLTableElement),
  publishedTotal: byId('published-total', HTMLElement),
  replaysTotal: byId('replays-total', HTMLElement),
};
const chart = (id: string) => {
  const svg = document.getElementById(id);
  if (!(svg instanceof SVGSVGElement)) throw new TypeError(`admin.html has no <svg> #${id}`);
  return svg;
};

/** The live figures, one entry per answer, oldest first. */
const live: { at: number; stats: AdminStats }[] = [];
let token = '';
let timer: ReturnType<typeof setTimeout> | undefined;

class Refused extends Error {}

async function fetchStats(): Promise<AdminStats> {
  const response = await fetch('/admin/stats', { headers: { authorization: `Bearer ${token}` }, cache: 'no-store' });
  const body = (await response.json().catch(() => ({}))) as Partial<AdminStats> & { message?: string };
  if (response.status === 401 || response.status === 403) throw new Refused(body.message ?? `refused (${response.status})`);
  if (!response.ok) throw new Error(body.message ?? `the node answered ${response.status}`);
  return body as AdminStats;
}

function showError(message: string): void {
  ui.error.textContent = message;
  ui.error.hidden = false;
}

function perSecond(read: (s: AdminStats) => number): number[] {
  return live.map((point, i) => {
    const before = live[i - 1];
    if (before === undefined) return 0;
    const seconds = (point.at - before.at) / 1000;
    return seconds > 0 ? Math.max(0, read(point.stats) - read(before.stats)) / seconds : 0;
  });
}

function render(stats: AdminStats): void {
  ui.updated.textContent = `Updated ${new Date(stats.at).toLocaleTimeString('en-GB')}, every ${REFRESH_MS / 1000} s.`;
  ui.database.textContent = stats.database ? 'reachable' : 'unreachable';
  ui.workers.textContent = `${stats.workers.processes}${stats.workers.inline ? ' (this node runs workers)' : ''}`;
  const refused = Object.entries(stats.intents.refusedByReason).map(([reason, n]) => `${reason} ${n}`).join(', ');
  ui.intents.textContent = `accepted ${stats.intents.accepted}, duplicate ${stats.intents.duplicate}, refused ${stats.intents.refused}${refused ? ` (${refused})` : ''}; limit refusals ${stats.limitRefusals}`;

  const rows = stats.chains.map((c) => {
    const row = element('tr');
    row.dataset['chain'] = c.chain;
    const cell = (text: string, name: string) => {
      const td = element('td', text);
      td.dataset['figure'] = name;
      return td;
    };
    row.append(
      cell(c.chain, 'chain'),
      cell(c.reachable ? 'yes' : 'no', 'reachable'),
      cell(`${c.funding.available} ${c.unit}${c.fundingLow ? ' (low)' : ''}`, 'available'),
      cell(`${c.funding.reserved} ${c.unit}`, 'reserved'),
      ...['queued', 'submitted', 'confirmed', 'failed'].map((status) => cell(String(c.publications[status] ?? 0), status)),
    );
    return row;
  });
  ui.chains.tBodies[0]?.replaceChildren(...rows);

  const chains = stats.chains.map((c) => c.chain);
  const ofChain = (chain: string, read: (c: AdminStats['chains'][number]) => number): Series => ({
    name: chain,
    values: live.map((p) => {
      const c = p.stats.chains.find((x) => x.chain === chain);
      return c === undefined ? 0 : read(c);
    }),
  });
  drawChart(chart('chart-queue'), chains.map((chain) => ofChain(chain, (c) => (c.publications['queued'] ?? 0) + (c.publications['submitted'] ?? 0))), 'line');
  drawChart(chart('chart-workers'), [{ name: 'processes', values: live.map((p) => p.stats.workers.processes) }], 'line');
  drawChart(
    chart('chart-refusals'),
    [
      { name: 'intents', values: perSecond((s) => s.intents.refused) },
      { name: 'limits', values: perSecond((s) => s.limitRefusals) },
    ],
    'line',
  );
  drawChart(chart('chart-funding'), chains.map((chain) => ofChain(chain, (c) => Number(c.funding.available))), 'line');

  const { history } = stats;
  drawChart(chart('chart-published'), Object.entries(history.published).map(([name, values]) => ({ name, values })), 'bar');
  drawChart(
    chart('chart-churn'),
    [
      { name: 'added', values: history.utxosCreated },
      { name: 'spent', values: history.utxosSpent },
    ],
    'bar',
  );
  drawChart(chart('chart-replays'), [{ name: 'replays', values: history.replays }], 'bar');
  const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);
  ui.publishedTotal.textContent = Object.entries(history.published).map(([chain, values]) => `${chain} ${formatNumber(sum(values))}`).join(', ') || '0';
  ui.replaysTotal.textContent = formatNumber(sum(history.replays));
}

async function refresh(): Promise<void> {
  try {
    const stats = await fetchStats();
    live.push({ at: Date.now(), stats });
    if (live.length > LIVE_POINTS) live.shift();
    ui.error.hidden = true;
    ui.dashboard.hidden = false;
    render(stats);
  } catch (error) {
    if (error instanceof Refused) {
      // No figures without the token: whatever was shown goes.
      stop();
      live.length = 0;
      ui.dashboard.hidden = true;
      showError(error.message);
      return;
    }
    showError(`Could not refresh: ${error instanceof Error ? error.message : String(error)}; trying again.`);
  }
  timer = setTimeout(() => void refresh(), REFRESH_MS);
}

function stop(): void {
  if (timer !== undefined) clearTimeout(timer);
  timer = undefined;
}

ui.form.addEventListener('submit', (event) => {
  event.preventDefault();
  stop();
  live.length = 0;
  token = ui.token.value.trim();
  void refresh();
});
