import { mergeValues, mountPathOf, normalizePath } from "../modules/instance-store/render";

test("mountPathOf: a script setup without a mountPath falls back to /mnt/fast-disks, never the nodeadm RAID path", () => {
  expect(mountPathOf({ method: "script", layout: "raid0", filesystem: "xfs", mountPath: "" })).toBe("/mnt/fast-disks");
  expect(mountPathOf({ method: "script", layout: "per-disk", filesystem: "ext4", mountPath: "" })).toBe("/mnt/fast-disks");
  expect(mountPathOf({ method: "nodeadm", strategy: "RAID0" })).toBe("/mnt/k8s-disks");
  expect(mountPathOf({ method: "nodeadm", strategy: "Mount" })).toBe("/mnt/fast-disks");
});

test("normalizePath: the root path / is kept as it is", () => {
  expect(normalizePath("/")).toBe("/");
  expect(mountPathOf({ method: "nodeadm", strategy: "Mount", mountPath: "/" })).toBe("/");
});

test("normalizePath: every trailing slash is removed, not just the last one", () => {
  expect(normalizePath("/mnt/fast-disks//")).toBe("/mnt/fast-disks");
  expect(normalizePath("/mnt/data///")).toBe("/mnt/data");
  expect(normalizePath("/mnt/data/")).toBe("/mnt/data");
  expect(normalizePath("/mnt/data")).toBe("/mnt/data");
});

test("mergeValues: a key set to undefined in the user's values keeps our value", () => {
  const merged = mergeValues({ image: "ours:1", nested: { a: 1, b: 2 } }, { image: undefined, nested: { b: undefined, c: 3 } });
  expect(merged).toStrictEqual({ image: "ours:1", nested: { a: 1, b: 2, c: 3 } });
});
