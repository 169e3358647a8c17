/**
 * Pure renderers for instance-store nodegroups: the nodeadm NodeConfig part, the boot script,
 * the MIME multi-part user data that carries them (IS-LT-01), and the provisioner's Helm values.
 */
import { mergeHelmValues } from "../core/helm-values";
import { stringify } from "yaml";
import { DEFAULT_FAST_DISK_PATH, DiskSetup, FAST_DISKS_CLASS } from "./config";

export const FAST_DISK_LABEL = "fast-disk-node";
const NODEADM_RAID_DEFAULT_PATH = "/mnt/k8s-disks";

/** What a nodegroup's disks become: published local PVs (per disk or one array), or node ephemeral storage. */
export type DiskUse = "pv-nvme" | "pv-raid" | "ephemeral-raid";

export function diskUse(setup: DiskSetup): DiskUse {
  if (setup.method === "nodeadm") return setup.strategy === "Mount" ? "pv-nvme" : "ephemeral-raid";
  return setup.layout === "per-disk" ? "pv-nvme" : "pv-raid";
}

/** The directory whose first-level mounts become PVs; undefined when nothing is published (IS-LSP-03). */
export function publishedPath(setup: DiskSetup): string | undefined {
  if (diskUse(setup) === "ephemeral-raid") return undefined; // IS-NA-02: a RAID array backs kubelet and containerd, never PVs
  return normalizePath(setup.mountPath ?? DEFAULT_FAST_DISK_PATH);
}

export function mountPathOf(setup: DiskSetup): string {
  if (setup.mountPath) return normalizePath(setup.mountPath);
  return setup.method === "nodeadm" && setup.strategy !== "Mount" ? NODEADM_RAID_DEFAULT_PATH : DEFAULT_FAST_DISK_PATH;
}

export function normalizePath(p: string): string {
  return p.length > 1 ? p.replace(/\/+$/, "") : p;
}

/** IS-NA-01: a NodeConfig part with only localStorage; EKS merges its own cluster part (IS-NA-03). */
export function renderLocalStorageNodeConfig(strategy: "RAID0" | "RAID10" | "Mount", mountPath: string): string {
  return stringify({ apiVersion: "node.eks.aws/v1alpha1", kind: "NodeConfig", spec: { instance: { localStorage: { strategy, mountPath } } } });
}

/**
 * The seed's method as a script: find the NVMe instance-store disks, format them once, mount them
 * under mountPath (one directory per filesystem UUID, so the provisioner publishes each mount),
 * and record them in /etc/fstab (and the array in mdadm.conf) so they come back after a reboot.
 */
export function renderDiskScript(props: { layout: "per-disk" | "raid0"; mountPath: string; filesystem: "xfs" | "ext4" }): string {
  const mkfs = props.filesystem === "xfs" ? "mkfs.xfs -f" : "mkfs.ext4 -F";
  const lines = [
    "#!/bin/bash",
    "# Prepares NVMe instance-store disks for the local static provisioner. Runs once per instance;",
    "# /etc/fstab (nofail) and /etc/mdadm.conf bring the mounts back after a reboot.",
    "set -euo pipefail",
    `MOUNT_ROOT="${props.mountPath}"`,
    `FS_TYPE="${props.filesystem}"`,
    "mapfile -t DISKS < <(find /dev/disk/by-id -name 'nvme-Amazon_EC2_NVMe_Instance_Storage_*' ! -name '*-part*' -exec readlink -f {} \\; | sort -u)",
    'if [ "${#DISKS[@]}" -eq 0 ]; then',
    '  echo "no NVMe instance-store disks found; nothing to prepare" >&2',
    "  exit 0",
    "fi",
    'mkdir -p "$MOUNT_ROOT"',
    "",
    "mount_once() {",
    '  local dev="$1" uuid dir',
    '  blkid "$dev" >/dev/null 2>&1 || ' + mkfs + ' "$dev"',
    '  uuid="$(blkid -s UUID -o value "$dev")"',
    '  dir="$MOUNT_ROOT/$uuid"',
    '  mkdir -p "$dir"',
    '  grep -q "^UUID=$uuid " /etc/fstab || echo "UUID=$uuid $dir $FS_TYPE defaults,noatime,nofail 0 2" >> /etc/fstab',
    '  mountpoint -q "$dir" || mount "$dir"',
    "}",
    "",
  ];
  if (props.layout === "per-disk") {
    lines.push('for disk in "${DISKS[@]}"; do', '  mount_once "$disk"', "done");
  } else {
    lines.push(
      'if [ "${#DISKS[@]}" -eq 1 ]; then',
      '  mount_once "${DISKS[0]}"',
      "else",
      "  ARRAY=/dev/md/fast-disks",
      '  if [ ! -e "$ARRAY" ]; then',
      '    mdadm --create "$ARRAY" --level=0 --raid-devices="${#DISKS[@]}" --name=fast-disks --run "${DISKS[@]}"',
      "    mdadm --detail --scan >> /etc/mdadm.conf",
      "  fi",
      '  mount_once "$ARRAY"',
      "fi",
    );
  }
  return `${lines.join("\n")}\n`;
}

const BOUNDARY = "==EKS-INSTANCE-STORE==";

/** IS-LT-01: MIME multi-part user data; EKS appends its own bootstrap for AL2023 managed nodegroups. */
export function renderMimeUserData(parts: { contentType: string; body: string }[]): string {
  const out = ["MIME-Version: 1.0", `Content-Type: multipart/mixed; boundary="${BOUNDARY}"`, ""];
  for (const part of parts) out.push(`--${BOUNDARY}`, `Content-Type: ${part.contentType}`, "", part.body.trimEnd(), "");
  out.push(`--${BOUNDARY}--`, "");
  return out.join("\n");
}

export function renderUserData(setup: DiskSetup): string {
  if (setup.method === "nodeadm") {
    return renderMimeUserData([{ contentType: "application/node.eks.aws", body: renderLocalStorageNodeConfig(setup.strategy, mountPathOf(setup)) }]);
  }
  return renderMimeUserData([{ contentType: 'text/x-shellscript; charset="us-ascii"', body: renderDiskScript({ layout: setup.layout, mountPath: mountPathOf(setup), filesystem: setup.filesystem }) }]);
}

/** IS-LSP-01/02: local-static-provisioner values; keys checked against the chart's values.yaml in tests. */
export function renderProvisionerValues(props: { hostDir: string; image: string; tolerations: Record<string, unknown>[] }): Record<string, unknown> {
  return {
    classes: [{ name: FAST_DISKS_CLASS, hostDir: props.hostDir, mountDir: props.hostDir, volumeMode: "Filesystem", accessMode: "ReadWriteOnce", namePattern: "*" }], // IS-LSP-02
    image: props.image,
    affinity: {
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: {
          nodeSelectorTerms: [{ matchExpressions: [{ key: FAST_DISK_LABEL, operator: "In", values: ["pv-nvme", "pv-raid"] }] }],
        },
      },
    },
    tolerations: props.tolerations,
    useNodeNameOnly: true,
  };
}

/** Deep merge for Helm values (core/helm-values); a key left undefined keeps ours. */
export function mergeValues(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  return mergeHelmValues(base, over, { skipUndefined: true });
}
