/**
 * Baselines from @bsull/augurs (WASM). NOT exported from ./index: the web apps import core and
 * must not bundle WASM. Node only (reads the .wasm file next to the package's JS).
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { initSync as initMstl, MSTL } from "@bsull/augurs/mstl";

let initialised = false;

function ensureMstl(): void {
  if (initialised) return;
  const require = createRequire(import.meta.url);
  const js = require.resolve("@bsull/augurs/mstl");
  const bytes = readFileSync(js.replace(/\.js$/, "_bg.wasm"));
  initMstl({ module: new Uint8Array(bytes) });
  initialised = true;
}

export interface AugursForecast {
  point: number[];
  lo80: number[];
  hi80: number[];
}

/**
 * MSTL decomposition (weekly season by default) with an AutoETS model of the seasonally adjusted
 * series. Forecasts and interval bounds are clipped at 0 (counts).
 */
export function mstlEtsForecast(
  y: number[],
  horizon: number,
  periods: number[] = [7],
): AugursForecast {
  ensureMstl();
  const model = MSTL.ets(periods);
  try {
    model.fit(Float64Array.from(y));
    const f = model.predict(horizon, 0.8);
    const clip = (v: number): number => (Number.isFinite(v) ? Math.max(0, v) : 0);
    const point = f.point.map(clip);
    return {
      point,
      lo80: f.intervals ? f.intervals.lower.map(clip) : point.slice(),
      hi80: f.intervals ? f.intervals.upper.map(clip) : point.slice(),
    };
  } finally {
    model.free();
  }
}
