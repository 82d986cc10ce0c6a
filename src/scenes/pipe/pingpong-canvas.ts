/**
 * The ping-pong picture: two processes and the pipe between them, one lane per direction. A ball
 * makes one trip there and back per ~0.9 s whatever the real rate (tens of thousands of round
 * trips a second cannot be drawn one by one); the caption says how many real round trips one
 * trip of the ball stands for.
 */
import { formatBytes } from './pipe-result';

export type PingPongLook = 'idle' | 'sending' | 'receiving' | 'done';

export interface PingPongState {
  pinger: PingPongLook;
  ponger: PingPongLook;
  ratePerSec: number;
  payloadBytes: number | null;
  duplex: boolean;
}

const PERIOD_MS = 900;
const HEIGHT = 170;

export function drawPingPong(canvas: HTMLCanvasElement, now: number, state: PingPongState): void {
  const width = Math.max(300, Math.floor(canvas.clientWidth));
  const dpr = window.devicePixelRatio || 1;
  if (canvas.width !== Math.round(width * dpr) || canvas.height !== Math.round(HEIGHT * dpr)) {
    canvas.width = Math.round(width * dpr);
    canvas.height = Math.round(HEIGHT * dpr);
    canvas.style.height = `${HEIGHT}px`;
  }
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.clearRect(0, 0, width, HEIGHT);
  const ink = getComputedStyle(canvas).color;
  const font = (px: number, weight = '') => `${weight} ${px}px ui-sans-serif, system-ui, sans-serif`;
  const mid = 70;
  const left = width * 0.16;
  const right = width * 0.84;
  const lanes = [mid - 16, mid + 16];

  // The pipe: two lanes, ping → and ← pong.
  ctx.strokeStyle = ink;
  ctx.globalAlpha = 0.25;
  ctx.lineWidth = 2;
  ctx.strokeRect(left + 40, mid - 30, right - left - 80, 60);
  ctx.globalAlpha = 0.5;
  ctx.setLineDash([6, 5]);
  ctx.beginPath();
  ctx.moveTo(left + 40, mid);
  ctx.lineTo(right - 40, mid);
  ctx.stroke();
  ctx.setLineDash([]);
  ctx.globalAlpha = 1;
  ctx.fillStyle = ink;
  ctx.font = font(12);
  ctx.textAlign = 'center';
  ctx.fillText(
    state.duplex ? 'ping →   (one duplex Pipe)' : 'ping →   (Pipe(duplex=False) #1)',
    width / 2,
    lanes[0]! - 2,
  );
  ctx.fillText(
    state.duplex ? '← pong   (same Pipe)' : '← pong   (Pipe(duplex=False) #2)',
    width / 2,
    lanes[1]! + 12,
  );

  // The ball: sampled motion, one trip there and back per period.
  if (state.ratePerSec > 0) {
    const f = (now % PERIOD_MS) / PERIOD_MS;
    const there = f < 0.5;
    const g = there ? f * 2 : (f - 0.5) * 2;
    const x = there ? left + 40 + (right - left - 80) * g : right - 40 - (right - left - 80) * g;
    const y = there ? lanes[0]! + 8 : lanes[1]! - 8;
    ctx.fillStyle = there ? '#0ea5e9' : '#f472b6';
    ctx.beginPath();
    ctx.arc(x, y, 7, 0, Math.PI * 2);
    ctx.fill();
  }

  const node = (x: number, label: string, look: PingPongLook, color: string) => {
    ctx.globalAlpha = look === 'done' ? 0.4 : 1;
    ctx.fillStyle = color;
    ctx.beginPath();
    ctx.arc(x, mid, 26, 0, Math.PI * 2);
    ctx.fill();
    if (look === 'receiving') {
      ctx.strokeStyle = '#f59e0b';
      ctx.lineWidth = 3;
      ctx.setLineDash([4, 3]);
      ctx.beginPath();
      ctx.arc(x, mid, 31, 0, Math.PI * 2);
      ctx.stroke();
      ctx.setLineDash([]);
    }
    ctx.fillStyle = '#0f172a';
    ctx.font = font(13, '700');
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    ctx.fillText(label, x, mid);
    ctx.textBaseline = 'alphabetic';
    ctx.fillStyle = ink;
    ctx.font = font(12);
    const text =
      look === 'sending' ? 'send()' : look === 'receiving' ? 'recv()' : look === 'done' ? 'exited' : 'ready';
    ctx.fillText(text, x, mid + 46);
    ctx.globalAlpha = 1;
  };
  node(left, 'ping', state.pinger, '#38bdf8');
  node(right, 'pong', state.ponger, '#f472b6');

  ctx.fillStyle = ink;
  ctx.font = font(13, '600');
  ctx.textAlign = 'center';
  if (state.ratePerSec > 0) {
    const perTrip = Math.max(1, Math.round((state.ratePerSec * PERIOD_MS) / 1000));
    ctx.fillText(
      `${Math.round(state.ratePerSec).toLocaleString('en-US')} round trips/s${state.payloadBytes !== null ? ` · payload ${formatBytes(state.payloadBytes)}` : ''} · one trip of the ball ≈ ${perTrip.toLocaleString('en-US')} round trips`,
      width / 2,
      HEIGHT - 10,
    );
  } else {
    ctx.fillText(
      'Pinger sends, Ponger sends it straight back; the Pinger times each round trip.',
      width / 2,
      HEIGHT - 10,
    );
  }
  ctx.textAlign = 'start';
}
