import type { Calculator } from '../calculator';
import * as z from 'zod/mini';
import { between, checkInput, positive } from '../input';
import { CalcInputError } from '../types';
import { parseDistance, parseNumber } from '../units';
import { closest, requireKey } from '../args';
import { duration, km, num } from '../format';
import { greatCircleKm, type Place } from '../places';

/** Light in optical fibre covers about 200,000 km/s (refractive index about 1.5). */
export const FIBER_KM_PER_S = 200_000;
export const VACUUM_KM_PER_S = 299_792.458;
/** Real fibre routes run longer than the great circle; 1.5x is a common rule of thumb. */
export const DEFAULT_ROUTE_FACTOR = 1.5;

type Located = { label: string; lat: number; lon: number };

function locate(raw: string, key: string, places: readonly Place[]): Located {
  const text = raw.trim();
  const coords = /^(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)$/.exec(text);
  if (coords) {
    const lat = Number(coords[1]);
    const lon = Number(coords[2]);
    const message = `${key}=${text}: latitude must be within ±90 and longitude within ±180`;
    checkInput(z.object({ [key]: z.tuple([between(-90, 90, message), between(-180, 180, message)]) }), { [key]: [lat, lon] });
    return { label: `${lat},${lon}`, lat, lon };
  }
  const want = text.toLowerCase().replace(/\s+/g, ' ');
  const found = places.find((p) => p.name.toLowerCase() === want || (p.aliases ?? []).some((a) => a.toLowerCase() === want));
  if (found) return { label: found.note ? `${found.name} (${found.note})` : found.name, lat: found.lat, lon: found.lon };
  const names = places.flatMap((p) => [p.name, ...(p.aliases ?? [])]);
  const near = closest(want, names, 3);
  throw new CalcInputError(
    'unknown_place',
    `${key}=${text} is not a place I know.${near.length ? ` Did you mean ${near.map((n) => `"${n}"`).join(', ')}?` : ''} Use a major city, a cloud region such as us-east-1, or coordinates like ${key}=51.5,-0.12.`,
    key,
    near,
  );
}

export function makeLatency(places: readonly Place[]): Calculator {
  return {
    name: 'latency',
    aliases: ['rtt', 'distance', 'speed-of-light', 'ping'],
    title: 'Network latency from distance',
    summary: 'great-circle distance and the speed-of-light round trip between two places, with connection set-up',
    usage: 'latency from=<city, region or lat,lon> to=<city, region or lat,lon> [route=<factor, default 1.5>]  or  latency distance=<km|mi>',
    examples: ['latency from=London to=New York', 'latency from=us-east-1 to=eu-west-1', 'latency distance=5570km'],
    keys: ['from', 'to', 'distance', 'route'],
    textKeys: ['from', 'to'],
    doc: { id: 'axioms/latency', anchor: 'why-it-holds', title: 'Axiom 1: Latency' },
    run(args) {
      let d: number;
      let span: string;
      if (args.keys.has('distance')) {
        if (args.keys.has('from') || args.keys.has('to')) throw new CalcInputError('too_many_values', 'give distance= or from= and to=, not both', 'distance');
        d = parseDistance(args.keys.get('distance')!, 'distance');
        checkInput(z.object({ distance: between(0, 40_075, 'distance= must be positive and at most 40,075 km (the Earth\u2019s circumference)', { minExclusive: true }) }), { distance: d });
        span = `over ${km(d)}`;
      } else {
        if (!args.keys.has('from')) throw new CalcInputError('missing_key', 'missing from= (e.g. latency from=London to=New York), or give distance=', 'from');
        const toRaw = requireKey(args, 'to', 'e.g. latency from=London to=New York');
        const a = locate(args.keys.get('from')!, 'from', places);
        const b = locate(toRaw, 'to', places);
        d = greatCircleKm(a, b);
        span = `between ${a.label} and ${b.label}`;
      }
      const route = args.keys.has('route') ? parseNumber(args.keys.get('route')!, 'route') : DEFAULT_ROUTE_FACTOR;
      checkInput(z.object({ route: between(1, 5, 'route= must be a factor from 1 (a straight fibre) to 5') }), { route });
      const oneWayFiber = d / FIBER_KM_PER_S;
      const rttFiber = 2 * oneWayFiber;
      const rttVacuum = (2 * d) / VACUUM_KM_PER_S;
      const rttEstimate = rttFiber * route;
      const firstRequestTls13 = 3 * rttEstimate;
      const firstRequestTls12 = 4 * rttEstimate;
      return {
        status: 'ok',
        figures: [
          { key: 'distance_km', label: 'Great-circle distance', value: d, unit: 'km', text: km(d) },
          { key: 'one_way_fiber', label: 'One way in fibre (straight line)', value: oneWayFiber, unit: 's', text: duration(oneWayFiber) },
          { key: 'rtt_fiber', label: 'Round trip in fibre (the floor)', value: rttFiber, unit: 's', text: duration(rttFiber) },
          { key: 'rtt_vacuum', label: 'Round trip at the speed of light in vacuum', value: rttVacuum, unit: 's', text: duration(rttVacuum) },
          { key: 'rtt_estimate', label: `Round trip estimate (route × ${num(route)})`, value: rttEstimate, unit: 's', text: duration(rttEstimate) },
          { key: 'first_request_tls13', label: 'First HTTPS request, new connection (TCP + TLS 1.3 + request: 3 round trips)', value: firstRequestTls13, unit: 's', text: duration(firstRequestTls13) },
          { key: 'first_request_tls12', label: 'Same with TLS 1.2 (4 round trips)', value: firstRequestTls12, unit: 's', text: duration(firstRequestTls12) },
        ],
        formula: 'distance by the haversine formula; time = distance ÷ speed (fibre ≈ 200,000 km/s, vacuum 299,792 km/s); round trip = 2 × one way',
        assumptions: [
          `route factor ${num(route)}${args.keys.has('route') ? '' : ' (default)'}: real cable paths are longer than the great circle`,
          'propagation only: no queueing, serialization or processing time, which add to every hop',
          'a new HTTPS connection needs a TCP handshake (1 round trip) and a TLS handshake (1 for TLS 1.3, 2 for TLS 1.2) before the request',
        ],
        reading: `${span[0]!.toUpperCase()}${span.slice(1)}, light in fibre needs at least ${duration(rttFiber)} for a round trip, and real routes take about ${duration(rttEstimate)}. A first HTTPS request on a new connection costs about ${duration(firstRequestTls13)} before any server work, so reuse connections and keep chatty call chains within one region.`,
      };
    },
  };
}
