/** Numbers as a reader wants them: 3 significant figures, thousands separated, sensible units. */
export function num(x: number, digits = 3): string {
  if (!Number.isFinite(x)) return String(x);
  if (x === 0) return '0';
  const abs = Math.abs(x);
  if (abs >= 1e4 || Number.isInteger(x)) return Math.round(x).toLocaleString('en-US');
  const p = Number(x.toPrecision(digits));
  return p.toLocaleString('en-US', { maximumFractionDigits: 10 });
}

export function duration(seconds: number): string {
  const s = Math.abs(seconds);
  if (s === 0) return '0 s';
  if (s < 1e-6) return `${num(seconds * 1e9)} ns`;
  if (s < 1e-3) return `${num(seconds * 1e6)} µs`;
  if (s < 1) return `${num(seconds * 1e3)} ms`;
  if (s < 120) return `${num(seconds)} s`;
  if (s < 7200) return `${num(seconds / 60)} min`;
  if (s < 172800) return `${num(seconds / 3600)} h`;
  return `${num(seconds / 86400)} days`;
}

export function percent(fraction: number, digits = 4): string {
  const p = fraction * 100;
  if (p > 99 && p < 100) {
    // Keep every significant nine: 99.999% rather than 100%.
    const nines = Math.min(12, Math.ceil(-Math.log10(1 - fraction)) + 1);
    const shown = Number(p.toFixed(Math.max(1, nines - 1)));
    // Past twelve nines the rounding reaches 100%, which no availability is: say how close it is.
    return shown >= 100 ? `>99.${'9'.repeat(Math.max(1, nines - 1))}%` : `${shown}%`;
  }
  return `${num(p, digits)}%`;
}

export function rate(perSecond: number): string {
  return `${num(perSecond)}/s`;
}

export function bytes(n: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB', 'PB', 'EB'];
  let i = 0;
  let v = n;
  while (Math.abs(v) >= 1000 && i < units.length - 1) {
    v /= 1000;
    i++;
  }
  return `${num(v)} ${units[i]}`;
}

export function km(n: number): string {
  return `${num(n)} km (${num(n / 1.609344)} mi)`;
}

/** English plural of a count noun ("query" -> "queries", "box" -> "boxes"); irregular plurals stay. */
export function plural(noun: string): string {
  if (/^(?:people|children|men|women|data|media|staff|personnel|sheep|series|feet|mice)$/.test(noun)) return noun;
  if (/[^aeiou]y$/.test(noun)) return `${noun.slice(0, -1)}ies`;
  if (/(?:s|x|z|sh|ch)$/.test(noun)) return `${noun}es`;
  return `${noun}s`;
}
