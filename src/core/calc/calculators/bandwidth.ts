import type { Calculator } from '../calculator';
import * as z from 'zod/mini';
import { between, checkInput } from '../input';
import { CalcInputError, type Figure } from '../types';
import { parseFraction, parseNumber, parseRate, parseSize, parseTime } from '../units';
import { duration } from '../format';
import { bytes, num } from '../format';

export const bandwidth: Calculator = {
  name: 'bandwidth',
  aliases: ['throughput', 'egress', 'ingress', 'transfer'],
  title: 'Bandwidth from rate and size',
  summary: 'bytes and bits per second, and transfer per day and month, from a rate and a payload size',
  usage: 'bandwidth rate=<items per time> size=<bytes per item> [copies=<times each item is sent, default 1>] [peak=<peak ÷ average, default 1>]  or  bandwidth transfer=<size> link=<bits per second, e.g. 10Gbps> [efficiency=<share of line rate, default 100%>] [window=<time, for the links needed>]',
  examples: ['bandwidth rate=2000/s size=50KB', 'bandwidth rate=300M/d size=10KB peak=3', 'bandwidth rate=5000/s size=4KB copies=2'],
  keys: ['rate', 'size', 'copies', 'peak', 'transfer', 'link', 'efficiency', 'window'],
  doc: { id: 'quantitative/capacity-planning', anchor: 'the-formula', title: 'Capacity Planning' },
  run(args) {
    if (args.keys.has('transfer')) return transferTime(args);
    for (const k of ['rate', 'size']) if (!args.keys.has(k)) throw new CalcInputError('missing_key', `missing ${k}=; give rate= (requests, messages or uploads per time, e.g. rate=2000/s) and size= (bytes each, e.g. size=50KB)`, k);
    const r = parseRate(args.keys.get('rate')!, 'rate');
    const size = parseSize(args.keys.get('size')!, 'size');
    const copies = args.keys.has('copies') ? parseNumber(args.keys.get('copies')!, 'copies') : 1;
    const peak = args.keys.has('peak') ? parseNumber(args.keys.get('peak')!.replace(/x$/i, ''), 'peak') : 1;
    checkInput(z.object({ size: between(0, 1e15, 'size= must be a positive size', { minExclusive: true }), copies: between(1, 1000, 'copies= must be from 1 to 1,000'), peak: between(1, 1000, 'peak= is peak ÷ average, at least 1') }), { size, copies, peak });
    const avg = r * size * copies;
    const figures: Figure[] = [
      { key: 'bytes_per_second', label: 'Average bandwidth', value: avg, unit: 'B/s', text: `${bytes(avg)}/s (${num((avg * 8) / 1e6)} Mbit/s)` },
    ];
    if (peak !== 1) figures.push({ key: 'peak_bytes_per_second', label: `Peak bandwidth (${num(peak)}× average)`, value: avg * peak, unit: 'B/s', text: `${bytes(avg * peak)}/s (${num((avg * peak * 8) / 1e6)} Mbit/s)` });
    figures.push(
      { key: 'bits_per_second', label: 'Average in bits', value: avg * 8, unit: 'bit/s', text: `${num((avg * 8) / 1e6)} Mbit/s` },
      { key: 'per_day', label: 'Transfer per day', value: avg * 86400, unit: 'B', text: bytes(avg * 86400) },
      { key: 'per_month', label: 'Transfer per 30-day month', value: avg * 30 * 86400, unit: 'B', text: bytes(avg * 30 * 86400) },
    );
    return {
      status: 'ok',
      figures,
      formula: 'bandwidth = rate × size × copies; peak = average × peak ratio',
      worked: `${num(r)}/s × ${bytes(size)}${copies !== 1 ? ` × ${num(copies)}` : ''} = ${bytes(avg)}/s`,
      assumptions: ['decimal units (1 KB = 1,000 bytes; write KiB for 1,024); no protocol overhead, compression or retransmission'],
      reading: `${num(r)} items a second of ${bytes(size)}${copies !== 1 ? `, sent ${num(copies)} times,` : ''} need ${bytes(avg)}/s (${num((avg * 8) / 1e6)} Mbit/s) on average${peak !== 1 ? ` and ${bytes(avg * peak)}/s at a ${num(peak)}× peak` : ''}: ${bytes(avg * 30 * 86400)} in a 30-day month.`,
    };
  },
};

/** Bits per second: "10Gbps", "1 Gbit/s", "800Mbps". */
function parseLink(raw: string): number {
  const m = /^([\d.]+)\s*([kmgt])?(?:bps|bit\/s|b\/s)$/i.exec(raw.trim());
  if (!m) throw new CalcInputError('wrong_unit', `link=${raw} should be a line rate such as link=10Gbps or link=800Mbps`, 'link');
  const v = Number(m[1]) * ({ k: 1e3, m: 1e6, g: 1e9, t: 1e12 }[(m[2] ?? '').toLowerCase() as 'k'] ?? 1);
  checkInput(z.object({ link: between(0, 1e15, 'link= must be a positive line rate', { minExclusive: true }) }), { link: v });
  return v;
}

/** Moving a volume of data over a link: how long it takes, or how many links a window needs. */
function transferTime(args: { keys: Map<string, string> }) {
  if (!args.keys.has('link')) throw new CalcInputError('missing_key', 'transfer= needs link= (the line rate, e.g. link=10Gbps)', 'link');
  const size = parseSize(args.keys.get('transfer')!, 'transfer');
  const link = parseLink(args.keys.get('link')!);
  const eff = args.keys.has('efficiency') ? parseFraction(args.keys.get('efficiency')!, 'efficiency').value : 1;
  checkInput(z.object({ transfer: between(0, 1e21, 'transfer= must be a positive size', { minExclusive: true }), efficiency: between(0, 1, 'efficiency= must be a share of line rate above 0% and at most 100%', { minExclusive: true }) }), { transfer: size, efficiency: eff });
  const seconds = (size * 8) / (link * eff);
  const figures: Figure[] = [{ key: 'transfer_time', label: 'Time to transfer', value: seconds, unit: 's', text: duration(seconds) }];
  let reading = `Moving ${bytes(size)} over ${num(link / 1e9)} Gbit/s${eff < 1 ? ` at ${num(eff * 100)}% of line rate` : ''} takes ${duration(seconds)}.`;
  if (args.keys.has('window')) {
    const window = parseTime(args.keys.get('window')!, 'window');
    const links = Math.ceil(seconds / window - 1e-9);
    figures.push({ key: 'links_needed', label: `Links needed to finish within ${duration(window)}`, value: links, unit: 'links', text: String(links) }, { key: 'rate_needed', label: 'Throughput the window needs', value: (size * 8) / window / 1e9, unit: 'Gbit/s', text: `${num((size * 8) / window / 1e9)} Gbit/s` });
    reading += ` Finishing within ${duration(window)} takes ${links} such link${links === 1 ? '' : 's'}.`;
  }
  return { status: 'ok' as const, figures, formula: 'time = size × 8 ÷ (line rate × efficiency)', assumptions: ['decimal units (1 TB = 10^12 bytes, 1 Gbps = 10^9 bit/s); protocol overhead is in efficiency='], reading };
}
