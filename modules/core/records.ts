/**
 * Maps keyed by names users choose (subnets, SVMs, nodegroups, access points) are plain objects.
 * Two rules hold wherever the library reads one: a lookup finds only the map's own keys, and
 * resources are made in key order, so the plan does not depend on the order a file lists them in.
 */

/**
 * `map[key]` when `key` is the map's own key, else undefined: `subnets["constructor"]` would
 * otherwise find Object's constructor, and a name that matches nothing would pass as a subnet.
 */
export function own<T>(map: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.prototype.hasOwnProperty.call(map, key) ? map[key] : undefined;
}

/** The map's entries in key order (UTF-16 code units, as `Array.prototype.sort` orders strings: "B" before "a"). */
export function sortedEntries<T>(map: Readonly<Record<string, T>>): [string, T][] {
  return Object.keys(map)
    .sort()
    .map((key) => [key, map[key]]);
}
