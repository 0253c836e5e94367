import type { Calculator } from '../calculator';
import * as z from 'zod/mini';
import { between, checkInput } from '../input';
import { CalcInputError, type Figure } from '../types';
import { parseNumber, parseRate, parseSize } from '../units';
import { bytes, num } from '../format';

export const bandwidth: Calculator = {
  name: 'bandwidth',
  aliases: ['throughput', 'egress', 'ingress', 'transfer'],
  title: 'Bandwidth from rate and size',
  summary: 'bytes and bits per second, and transfer per day and month, from a rate and a payload size',
  usage: 'bandwidth rate=<items per time> size=<bytes per item> [copies=<times each item is sent, default 1>] [peak=<peak ÷ average, default 1>]',
  examples: ['bandwidth rate=2000/s size=50KB', 'bandwidth rate=300M/d size=10KB peak=3', 'bandwidth rate=5000/s size=4KB copies=2'],
  keys: ['rate', 'size', 'copies', 'peak'],
  doc: { id: 'quantitative/capacity-planning', anchor: 'the-formula', title: 'Capacity Planning' },
  run(args) {
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
      assumptions: ['decimal units (1 KB = 1,000 bytes; write KiB for 1,024); no protocol overhead, compression or retransmission'],
      reading: `${num(r)} items a second of ${bytes(size)}${copies !== 1 ? `, sent ${num(copies)} times,` : ''} need ${bytes(avg)}/s (${num((avg * 8) / 1e6)} Mbit/s) on average${peak !== 1 ? ` and ${bytes(avg * peak)}/s at a ${num(peak)}× peak` : ''}: ${bytes(avg * 30 * 86400)} in a 30-day month.`,
    };
  },
};
