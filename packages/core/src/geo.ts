/** Great-circle distance in miles. */
export function distanceMiles(
  a: { lat: number; lng: number },
  b: { lat: number; lng: number },
): number {
  const R = 3958.8;
  const rad = (d: number) => (d * Math.PI) / 180;
  const dLat = rad(b.lat - a.lat);
  const dLng = rad(b.lng - a.lng);
  const h =
    Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLng / 2) ** 2;
  return 2 * R * Math.asin(Math.min(1, Math.sqrt(h)));
}

export interface ZoneLike {
  id: string;
  name: string;
  maxMiles: number;
  feeCents: number;
}

/** The nearest travel zone that covers the distance, or null when outside the service area. */
export function zoneForDistance<Z extends ZoneLike>(zones: readonly Z[], miles: number): Z | null {
  const sorted = [...zones].sort((x, y) => x.maxMiles - y.maxMiles);
  return sorted.find((z) => miles <= z.maxMiles) ?? null;
}
