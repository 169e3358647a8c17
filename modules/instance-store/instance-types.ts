/**
 * NVMe instance-store disks per instance type (IS-LT-04), from the EC2 instance type
 * specifications. Families map sizes to the number of instance-store NVMe volumes. Keep it
 * maintained: a type missing here is refused at synth rather than booting without disks.
 */
const sizes = (entries: [string, number][]): Record<string, number> => Object.fromEntries(entries);

const GRAVITON_D: Record<string, number> = sizes([["medium", 1], ["large", 1], ["xlarge", 1], ["2xlarge", 1], ["4xlarge", 1], ["8xlarge", 1], ["12xlarge", 2], ["16xlarge", 2], ["metal", 2]]);
const INTEL_6ID: Record<string, number> = sizes([["large", 1], ["xlarge", 1], ["2xlarge", 1], ["4xlarge", 1], ["8xlarge", 1], ["12xlarge", 2], ["16xlarge", 2], ["24xlarge", 4], ["32xlarge", 4], ["metal", 4]]);
const M5D: Record<string, number> = sizes([["large", 1], ["xlarge", 1], ["2xlarge", 1], ["4xlarge", 2], ["8xlarge", 2], ["12xlarge", 2], ["16xlarge", 4], ["24xlarge", 4], ["metal", 4]]);

export const INSTANCE_STORE_DISKS: Record<string, Record<string, number>> = {
  i3: sizes([["large", 1], ["xlarge", 1], ["2xlarge", 1], ["4xlarge", 2], ["8xlarge", 4], ["16xlarge", 8], ["metal", 8]]),
  i3en: sizes([["large", 1], ["xlarge", 1], ["2xlarge", 2], ["3xlarge", 1], ["6xlarge", 2], ["12xlarge", 4], ["24xlarge", 8], ["metal", 8]]),
  i4i: sizes([["large", 1], ["xlarge", 1], ["2xlarge", 1], ["4xlarge", 1], ["8xlarge", 2], ["12xlarge", 3], ["16xlarge", 4], ["24xlarge", 6], ["32xlarge", 8], ["metal", 8]]),
  i4g: sizes([["large", 1], ["xlarge", 1], ["2xlarge", 1], ["4xlarge", 1], ["8xlarge", 2], ["16xlarge", 4]]),
  im4gn: sizes([["large", 1], ["xlarge", 1], ["2xlarge", 1], ["4xlarge", 1], ["8xlarge", 2], ["16xlarge", 4]]),
  is4gen: sizes([["medium", 1], ["large", 1], ["xlarge", 1], ["2xlarge", 1], ["4xlarge", 2], ["8xlarge", 4]]),
  i7ie: sizes([["large", 1], ["xlarge", 1], ["2xlarge", 2], ["3xlarge", 1], ["6xlarge", 2], ["12xlarge", 4], ["18xlarge", 6], ["24xlarge", 8], ["48xlarge", 16]]),
  c5d: sizes([["large", 1], ["xlarge", 1], ["2xlarge", 1], ["4xlarge", 1], ["9xlarge", 1], ["12xlarge", 2], ["18xlarge", 2], ["24xlarge", 4], ["metal", 4]]),
  m5d: M5D,
  r5d: M5D,
  m5dn: M5D,
  r5dn: M5D,
  c6id: INTEL_6ID,
  m6id: INTEL_6ID,
  r6id: INTEL_6ID,
  c6gd: GRAVITON_D,
  m6gd: GRAVITON_D,
  r6gd: GRAVITON_D,
  c7gd: GRAVITON_D,
  m7gd: GRAVITON_D,
  r7gd: GRAVITON_D,
  x2gd: GRAVITON_D,
  z1d: sizes([["large", 1], ["xlarge", 1], ["2xlarge", 1], ["3xlarge", 1], ["6xlarge", 1], ["12xlarge", 2], ["metal", 2]]),
};

export type DiskLookup = { ok: true; family: string; disks: number } | { ok: false; reason: string; allowed: string };

export function instanceStoreDisks(instanceType: string): DiskLookup {
  const [family, size] = instanceType.split(".");
  const table = INSTANCE_STORE_DISKS[family];
  if (!table) {
    return { ok: false, reason: "has no NVMe instance store (or is not in our table)", allowed: `a type of the families ${Object.keys(INSTANCE_STORE_DISKS).sort().join(", ")}` };
  }
  const disks = table[size];
  if (disks === undefined) return { ok: false, reason: `is not a ${family} size with instance store`, allowed: Object.keys(table).map((s) => `${family}.${s}`).join(", ") };
  return { ok: true, family, disks };
}
