/**
 * Logistic regression for the small models the scripts fit (scope, confidence): batch gradient
 * descent on standardised features with a little L2 regularisation, no dependencies. Returns the
 * weights on the features' own scale, rounded, as the tuning constants hold them.
 */
export type LogisticOptions = {
  /** Weigh the two classes equally however unbalanced the data (for a rare class). */
  balanced?: boolean;
  steps?: number;
  rate?: number;
  l2?: number;
};

export function fitLogistic<F extends string>(features: readonly F[], xs: Array<Record<F, number>>, ys: boolean[], options: LogisticOptions = {}): Record<F, number> & { bias: number } {
  const { balanced = false, steps = 4000, rate = 0.1, l2 = 0.01 } = options;
  const n = features.length;
  const mean = features.map((f) => xs.reduce((a, x) => a + x[f], 0) / xs.length);
  const sd = features.map((f, i) => Math.sqrt(xs.reduce((a, x) => a + (x[f] - mean[i]!) ** 2, 0) / xs.length) || 1);
  const zs = xs.map((x) => features.map((f, i) => (x[f] - mean[i]!) / sd[i]!));
  const positive = ys.filter(Boolean).length / ys.length;
  const weightOf = (y: boolean) => (!balanced ? 1 : y ? 0.5 / positive : 0.5 / (1 - positive));
  const w = new Array<number>(n).fill(0);
  let b = 0;
  for (let step = 0; step < steps; step++) {
    const grad = new Array<number>(n).fill(0);
    let gb = 0;
    zs.forEach((z, k) => {
      const p = 1 / (1 + Math.exp(-(b + z.reduce((a, v, i) => a + v * w[i]!, 0))));
      const g = (p - (ys[k] ? 1 : 0)) * weightOf(ys[k]!);
      z.forEach((v, i) => (grad[i]! += g * v));
      gb += g;
    });
    for (let i = 0; i < n; i++) w[i]! -= rate * (grad[i]! / zs.length + l2 * w[i]!);
    b -= rate * (gb / zs.length);
  }
  const round = (v: number) => Math.round(v * 1000) / 1000;
  const model = { bias: round(b - features.reduce((a, _, i) => a + (w[i]! * mean[i]!) / sd[i]!, 0)) } as Record<F, number> & { bias: number };
  features.forEach((f, i) => ((model as Record<F, number>)[f] = round(w[i]! / sd[i]!)));
  return model;
}
