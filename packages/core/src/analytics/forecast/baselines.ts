/** Pure-TypeScript baselines (no WASM). */

/** Seasonal naive: the value one season earlier, the last observed season repeated over the horizon. */
export function seasonalNaive(y: number[], horizon: number, season = 7): number[] {
  if (y.length < season) throw new Error(`need at least ${season} observations`);
  const lastSeason = y.slice(y.length - season);
  return Array.from({ length: horizon }, (_, h) => lastSeason[h % season] as number);
}

export interface HoltWintersOptions {
  season?: number;
  /** Smoothing parameters; each one not given is chosen on a small grid by in-sample one-step SSE. */
  alpha?: number;
  beta?: number;
  gamma?: number;
  /** Trend damping (1 = undamped); default 0.98. */
  phi?: number;
}

interface HwState {
  level: number;
  trend: number;
  seasonal: number[];
  sse: number;
}

function runHoltWinters(
  y: number[],
  m: number,
  alpha: number,
  beta: number,
  gamma: number,
  phi: number,
): HwState {
  // Initial state from the first two seasons: level = mean of season 1, trend = mean change per
  // step between seasons 1 and 2, seasonal = deviations of season 1 from its mean.
  const first = y.slice(0, m);
  const second = y.slice(m, 2 * m);
  const mean1 = first.reduce((s, v) => s + v, 0) / m;
  const mean2 = second.length === m ? second.reduce((s, v) => s + v, 0) / m : mean1;
  let level = mean1;
  let trend = beta > 0 ? (mean2 - mean1) / m : 0;
  const seasonal = first.map((v) => v - mean1);
  let sse = 0;
  for (let t = m; t < y.length; t++) {
    const s = seasonal[t % m] as number;
    const forecast = level + phi * trend + s;
    const obs = y[t] as number;
    const err = obs - forecast;
    sse += err * err;
    const prevLevel = level;
    level = alpha * (obs - s) + (1 - alpha) * (prevLevel + phi * trend);
    trend = beta * (level - prevLevel) + (1 - beta) * phi * trend;
    seasonal[t % m] = gamma * (obs - level) + (1 - gamma) * s;
  }
  return { level, trend, seasonal, sse };
}

/**
 * Additive Holt-Winters with a damped trend. Forecasts are clipped at 0 (counts). The smoothing
 * parameters not given are picked on a fixed grid by in-sample one-step squared error.
 */
export function holtWinters(
  y: number[],
  horizon: number,
  options: HoltWintersOptions = {},
): number[] {
  const m = options.season ?? 7;
  const phi = options.phi ?? 0.98;
  if (y.length < 2 * m) throw new Error(`need at least ${2 * m} observations`);
  const alphas = options.alpha !== undefined ? [options.alpha] : [0.02, 0.05, 0.1, 0.2, 0.3, 0.5];
  const betas = options.beta !== undefined ? [options.beta] : [0, 0.01, 0.05];
  const gammas = options.gamma !== undefined ? [options.gamma] : [0.02, 0.05, 0.1, 0.2, 0.3];
  let best: HwState | undefined;
  for (const a of alphas) {
    for (const b of betas) {
      for (const g of gammas) {
        const state = runHoltWinters(y, m, a, b, g, phi);
        if (!best || state.sse < best.sse) best = state;
      }
    }
  }
  const state = best as HwState;
  const n = y.length;
  const out: number[] = [];
  let damp = 0;
  for (let h = 1; h <= horizon; h++) {
    damp += phi ** h;
    const s = state.seasonal[(n + h - 1) % m] as number;
    out.push(Math.max(0, state.level + damp * state.trend + s));
  }
  return out;
}
