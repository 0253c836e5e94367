import * as z from 'zod/mini';

/** A city or cloud region the latency calculator knows (content/data/cities.yaml). */
export const PlaceSchema = z.object({
  name: z.string().check(z.minLength(1)),
  country: z.string().check(z.regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code such as GB')),
  lat: z.number().check(z.gte(-90), z.lte(90)),
  lon: z.number().check(z.gte(-180), z.lte(180)),
  aliases: z.optional(z.array(z.string().check(z.minLength(1)))),
  note: z.optional(z.string()),
});
export type Place = z.infer<typeof PlaceSchema>;
export const PlacesFileSchema = z.object({ places: z.array(PlaceSchema).check(z.minLength(1)) });

/** Problems with a place table: duplicate names or aliases (case-insensitive). */
export function checkPlaces(places: Place[]): string[] {
  const seen = new Map<string, string>();
  const problems: string[] = [];
  for (const p of places) {
    for (const n of [p.name, ...(p.aliases ?? [])]) {
      const key = n.trim().toLowerCase();
      const owner = seen.get(key);
      if (owner) problems.push(`"${n}" names both ${owner} and ${p.name}`);
      else seen.set(key, p.name);
    }
  }
  return problems;
}

const EARTH_RADIUS_KM = 6371.0088;

/** Great-circle distance by the haversine formula, on a sphere of the Earth's mean radius. */
export function greatCircleKm(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}
