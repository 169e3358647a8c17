/**
 * `map[key]` when `key` is the map's own key, else undefined. Maps keyed by user-chosen names
 * (subnets) are plain objects, so `subnets["constructor"]` would otherwise find Object's
 * constructor and a name that matches nothing would pass as a subnet.
 */
export function own<T>(map: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.prototype.hasOwnProperty.call(map, key) ? map[key] : undefined;
}
