import { parseEnvironment } from "../modules/config/load";
import { instanceStoreDisks } from "../modules/instance-store/instance-types";
import { isArmInstanceType } from "../modules/core/instance-arch";
import { mountPathProblem } from "../modules/instance-store/validate";
import { renderDiskScript, renderLocalStorageNodeConfig, renderProvisionerValues, renderUserData } from "../modules/instance-store/render";
import { vendorFile } from "./reference";
import { cloudEnvironment, configErrors, hybridEnvironment, Json, onlyResource, patch, resources, synthEnvironment } from "./helpers";

const ng = (diskSetup: unknown, extra: Record<string, unknown> = {}) => ({ instanceTypes: ["i4i.8xlarge"], minSize: 0, maxSize: 2, diskSetup, ...extra });
const withStore = (nodegroups: unknown) => patch(cloudEnvironment(), { instanceStore: { nodegroups } });
const decode = (lt: Json) => Buffer.from(lt.user_data, "base64").toString("utf8");
const byName = (json: Json, type: string, name: string) => Object.entries(resources(json, type)).find(([k]) => k.includes(`nodegroup-${name}_`))![1];

describe("instance-store nodegroups", () => {
  const json = synthEnvironment(
    withStore({
      mount: ng({ method: "nodeadm", strategy: "Mount" }, { taints: [{ key: "storage", value: "nvme", effect: "NO_SCHEDULE" }], labels: { team: "db" } }),
      raid: ng({ method: "nodeadm", strategy: "RAID10" }, { instanceTypes: ["i4i.16xlarge"] }),
      disks: ng({ method: "script", layout: "per-disk" }),
      array: ng({ method: "script", layout: "raid0", filesystem: "ext4" }),
    }),
  );

  test("launch templates: IMDSv2 (hop limit 1 by default, issue 10 item 8), encrypted root volume, nothing EKS forbids", () => {
    const lt = byName(json, "aws_launch_template", "mount");
    expect(lt.metadata_options).toEqual({ http_endpoint: "enabled", http_tokens: "required", http_put_response_hop_limit: 1 });
    expect(lt.block_device_mappings[0].ebs).toMatchObject({ encrypted: "true" });
    for (const forbidden of ["iam_instance_profile", "network_interfaces", "instance_type", "instance_initiated_shutdown_behavior"]) expect(lt[forbidden]).toBeUndefined();
    const group = byName(json, "aws_eks_node_group", "mount");
    expect(group.disk_size).toBeUndefined();
    expect(group.remote_access).toBeUndefined();
    expect(group.lifecycle.ignore_changes).toEqual(["scaling_config[0].desired_size"]);
  });

  test("labels say what the disks serve; taints carried over", () => {
    const label = (n: string) => byName(json, "aws_eks_node_group", n).labels["fast-disk-node"];
    expect([label("mount"), label("raid"), label("disks"), label("array")]).toEqual(["pv-nvme", "ephemeral-raid", "pv-nvme", "pv-raid"]);
    expect(byName(json, "aws_eks_node_group", "mount")).toMatchObject({
      labels: { team: "db", "platform.eks-hybrid-storage/location": "cloud" },
      taint: [{ key: "storage", value: "nvme", effect: "NO_SCHEDULE" }],
    });
  });

  test("user data is MIME multi-part, base64-encoded at synth so Terraform never reads its shell variables", () => {
    for (const name of ["mount", "disks"]) {
      const raw: string = byName(json, "aws_launch_template", name).user_data;
      // Plain base64 (IS-LT-01): not a Terraform expression such as ${base64encode(...)}, which would
      // make Terraform parse the script's ${...}; the decoded text must re-encode to the same bytes.
      expect(raw).toMatch(/^[A-Za-z0-9+/]+={0,2}$/);
      expect(Buffer.from(decode(byName(json, "aws_launch_template", name)), "utf8").toString("base64")).toBe(raw);
    }
    const mount = decode(byName(json, "aws_launch_template", "mount"));
    expect(mount.startsWith('MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="==EKS-INSTANCE-STORE=="\n\n--==EKS-INSTANCE-STORE==\nContent-Type: application/node.eks.aws\n')).toBe(true);
    expect(mount.endsWith("\n--==EKS-INSTANCE-STORE==--\n")).toBe(true);
    expect(mount).toContain("kind: NodeConfig\nspec:\n  instance:\n    localStorage:\n      strategy: Mount\n      mountPath: /mnt/fast-disks\n");
    const script = decode(byName(json, "aws_launch_template", "disks"));
    expect(script).toContain('--==EKS-INSTANCE-STORE==\nContent-Type: text/x-shellscript; charset="us-ascii"\n\n#!/bin/bash\n');
    // Shell variables reach the node as written: not escaped for Terraform ($${...}) before encoding.
    expect(script).toContain('for disk in "${DISKS[@]}"; do\n  mount_once "$disk"\ndone');
    expect(script).toContain('if [ "${#DISKS[@]}" -eq 0 ]; then');
    expect(script).toContain('MOUNT_ROOT="/mnt/fast-disks"\nFS_TYPE="xfs"');
    expect(script).not.toContain("$${");
    expect(decode(byName(json, "aws_launch_template", "array"))).toContain('FS_TYPE="ext4"');
  });

  test("nodeadm RAID defaults to /mnt/k8s-disks, away from what the provisioner publishes", () => {
    expect(decode(byName(json, "aws_launch_template", "raid"))).toContain("mountPath: /mnt/k8s-disks");
  });

  test("the provisioner: pinned chart, only on published nodes, tolerating their taints; fast-disks class", () => {
    const release = Object.values(resources(json, "helm_release")).find((r) => r.chart === "local-static-provisioner")!;
    expect(release).toMatchObject({ repository: "https://kubernetes-sigs.github.io/sig-storage-local-static-provisioner", version: "2.9.0" });
    const values = JSON.parse(release.values[0]);
    expect(values.classes).toEqual([{ name: "fast-disks", hostDir: "/mnt/fast-disks", mountDir: "/mnt/fast-disks", volumeMode: "Filesystem", accessMode: "ReadWriteOnce", namePattern: "*" }]);
    expect(values.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions).toEqual([
      { key: "fast-disk-node", operator: "In", values: ["pv-nvme", "pv-raid"] },
    ]);
    expect(values.tolerations).toEqual([{ key: "storage", operator: "Equal", value: "nvme", effect: "NoSchedule" }]);
    expect(values.image).toBe("registry.k8s.io/sig-storage/local-volume-provisioner:v2.9.0");
    expect(Object.values(resources(json, "kubernetes_storage_class_v1"))).toEqual([
      expect.objectContaining({ metadata: { name: "fast-disks" }, storage_provisioner: "kubernetes.io/no-provisioner", volume_binding_mode: "WaitForFirstConsumer", reclaim_policy: "Retain" }),
    ]);
  });

  test("only nodeadm RAID nodegroups: no provisioner and no class", () => {
    const j = synthEnvironment(withStore({ raid: ng({ method: "nodeadm", strategy: "RAID0" }) }));
    expect(resources(j, "helm_release")).toEqual({});
    expect(resources(j, "kubernetes_storage_class_v1")).toEqual({});
  });

  test("every provisioner value key exists in the chart's values.yaml", () => {
    const reference = vendorFile("charts", "local-static-provisioner", "2.9.0", "values.yaml");
    const values = renderProvisionerValues({ hostDir: "/x", image: "i", tolerations: [] });
    for (const key of Object.keys(values)) expect(reference).toMatch(new RegExp(`^#?${key}:`, "m"));
    for (const key of Object.keys((values.classes as Json[])[0])) expect(reference).toMatch(new RegExp(`^\\s+(- )?#?\\s*${key}:`, "m"));
  });

  test("both layouts carry the same nodegroups", () => {
    const store = { nodegroups: { cache: ng({ method: "nodeadm", strategy: "Mount" }, { instanceTypes: ["c6id.2xlarge"] }) } };
    const cloud = synthEnvironment(patch(hybridEnvironment({ layout: "cloud-only" }), { instanceStore: store }));
    const hybrid = synthEnvironment(patch(hybridEnvironment(), { instanceStore: store }));
    for (const type of ["aws_eks_node_group", "aws_launch_template"]) {
      const pick = (j: Json) => Object.entries(resources(j, type)).filter(([k]) => k.startsWith("instance-store_"));
      expect(pick(hybrid)).toEqual(pick(cloud));
    }
  });
});

describe("rendered user data", () => {
  test("nodeadm NodeConfig part", () => {
    expect(renderLocalStorageNodeConfig("RAID0", "/mnt/k8s-disks")).toMatchSnapshot();
  });
  test("script, one mount per disk", () => {
    expect(renderUserData({ method: "script", layout: "per-disk", mountPath: "/mnt/fast-disks", filesystem: "xfs" })).toMatchSnapshot();
  });
  test("script, one RAID-0 array", () => {
    expect(renderDiskScript({ layout: "raid0", mountPath: "/mnt/fast-disks", filesystem: "ext4" })).toMatchSnapshot();
  });
  test("MIME document for nodeadm", () => {
    expect(renderUserData({ method: "nodeadm", strategy: "Mount" })).toMatchSnapshot();
  });
});

test.each([
  ["per-disk", "xfs"],
  ["raid0", "ext4"],
] as const)("the %s script is valid bash", (layout, filesystem) => {
  const r = require("child_process").spawnSync("bash", ["-n"], { input: renderDiskScript({ layout, mountPath: "/mnt/fast-disks", filesystem }), encoding: "utf8" });
  expect(r.stderr).toBe("");
  expect(r.status).toBe(0);
});

describe("instance type table", () => {
  test.each([
    ["i3.8xlarge", 4, false],
    ["i4g.16xlarge", 4, true],
    ["m6id.large", 1, false],
    ["c7gd.metal", 2, true],
    ["is4gen.8xlarge", 4, true],
  ])("%s has %i disks (arm64: %s)", (type, disks, arm) => {
    expect(instanceStoreDisks(type)).toEqual({ ok: true, family: type.split(".")[0], disks });
    expect(isArmInstanceType(type)).toBe(arm);
  });
});

describe("instance-store validation", () => {
  const errorsOf = (nodegroups: unknown) => configErrors(() => parseEnvironment(withStore(nodegroups), "e"));

  test("an instance type without instance store", () => {
    expect(errorsOf({ a: ng({ method: "script", layout: "per-disk" }, { instanceTypes: ["m6i.large"] }) })[0]).toMatch(
      /^instanceStore\.nodegroups\.a\.instanceTypes\[0\]: has no NVMe instance store \(or is not in our table\); got "m6i\.large"; allowed: a type of the families /,
    );
    expect(errorsOf({ a: ng({ method: "script", layout: "per-disk" }, { instanceTypes: ["i4i.3xlarge"] }) })[0]).toMatch(/^instanceStore\.nodegroups\.a\.instanceTypes\[0\]: is not a i4i size with instance store; got "i4i\.3xlarge"; allowed: i4i\.large, /);
  });

  test("RAID10 on fewer than 4 disks", () => {
    expect(errorsOf({ a: ng({ method: "nodeadm", strategy: "RAID10" }, { instanceTypes: ["i4i.8xlarge"] }) })).toEqual([
      'instanceStore.nodegroups.a.instanceTypes[0]: has 2 NVMe disks; RAID10 needs at least 4 (IS-NA-01); got "i4i.8xlarge"; allowed: a type with 4 or more instance-store disks, or strategy RAID0/Mount',
    ]);
  });

  test("a non-absolute mount path", () => {
    expect(errorsOf({ a: ng({ method: "script", layout: "per-disk", mountPath: "mnt/disks" }) })[0]).toMatch(/^instanceStore\.nodegroups\.a\.diskSetup\.mountPath: must be an absolute path such as \/mnt\/fast-disks.*; got "mnt\/disks"$/);
  });

  test("a mount path on a system directory, or with '..', is refused: the disks would be mounted over it and published (IS-LSP-02)", () => {
    const system = "is a system directory: the disks would be mounted over what it holds, and the provisioner would publish it as volumes";
    const allowed = "allowed: a directory of its own, such as /mnt/fast-disks";
    const errorOfSetup = (diskSetup: Record<string, unknown>) => errorsOf({ a: ng(diskSetup) });
    expect(errorOfSetup({ method: "script", layout: "per-disk", mountPath: "/" })).toEqual([`instanceStore.nodegroups.a.diskSetup.mountPath: ${system}; got "/"; ${allowed}`]);
    expect(errorOfSetup({ method: "script", layout: "raid0", mountPath: "//" })).toEqual([`instanceStore.nodegroups.a.diskSetup.mountPath: ${system}; got "//"; ${allowed}`]);
    expect(errorOfSetup({ method: "nodeadm", strategy: "RAID0", mountPath: "/var/lib/kubelet/disks" })).toEqual([`instanceStore.nodegroups.a.diskSetup.mountPath: ${system}; got "/var/lib/kubelet/disks"; ${allowed}`]);
    expect(errorOfSetup({ method: "nodeadm", strategy: "Mount", mountPath: "/etc/" })).toEqual([`instanceStore.nodegroups.a.diskSetup.mountPath: ${system}; got "/etc/"; ${allowed}`]);
    expect(errorOfSetup({ method: "script", layout: "per-disk", mountPath: "/var" })).toEqual([`instanceStore.nodegroups.a.diskSetup.mountPath: ${system}; got "/var"; ${allowed}`]);
    expect(errorOfSetup({ method: "script", layout: "per-disk", mountPath: "/mnt/../usr/local" })).toEqual([
      `instanceStore.nodegroups.a.diskSetup.mountPath: has a '.' or '..' segment; name the directory itself; got "/mnt/../usr/local"; ${allowed}`,
    ]);
  });

  test("mount paths of their own pass, including ones that only start like a system directory", () => {
    for (const mountPath of ["/mnt/fast-disks", "/data/nvme", "/var/lib/fast-disks", "/usrdata", "/etcd-disks", "/mnt/fast.disks"]) {
      expect([mountPath, mountPathProblem(mountPath)]).toEqual([mountPath, undefined]);
    }
  });

  test("label and taint values Kubernetes would reject", () => {
    expect(errorsOf({ a: ng({ method: "script", layout: "per-disk" }, { labels: { "bad key!": "x" } }) })[0]).toMatch(/^instanceStore\.nodegroups\.a\.labels\.bad key!: is not a valid name: must be a Kubernetes label key/);
    expect(errorsOf({ a: ng({ method: "script", layout: "per-disk" }, { taints: [{ key: "k", value: "-bad-", effect: "NO_SCHEDULE" }] }) })[0]).toMatch(/^instanceStore\.nodegroups\.a\.taints\[0\]\.value: must be a Kubernetes label value/);
    expect(errorsOf({ a: ng({ method: "script", layout: "per-disk" }, { labels: { "fast-disk-node": "x" } }) })[0]).toMatch(/^instanceStore\.nodegroups\.a\.labels\.fast-disk-node: is set by the module from diskSetup/);
  });

  test("min > max size", () => {
    expect(errorsOf({ a: ng({ method: "script", layout: "per-disk" }, { minSize: 3, maxSize: 1 }) })).toEqual(["instanceStore.nodegroups.a.minSize: is greater than maxSize (1); got 3; allowed: 0..1"]);
  });

  test("arm64 types need an ARM AMI", () => {
    expect(errorsOf({ a: ng({ method: "script", layout: "per-disk" }, { instanceTypes: ["i4g.large"] }) })).toEqual([
      'instanceStore.nodegroups.a.instanceTypes[0]: is an arm64 (Graviton) type but amiType AL2023_x86_64_STANDARD is x86_64; got "i4g.large"; allowed: x86_64 types, or amiType AL2023_ARM_64_STANDARD',
    ]);
  });

  test("published nodegroups must share one host directory, and a RAID array may not sit there", () => {
    expect(errorsOf({ a: ng({ method: "script", layout: "per-disk" }), b: ng({ method: "nodeadm", strategy: "Mount", mountPath: "/mnt/other" }) })).toEqual([
      'instanceStore.nodegroups.b.diskSetup.mountPath: differs from nodegroup a (/mnt/fast-disks); the fast-disks class has one host directory; got "/mnt/other"; allowed: /mnt/fast-disks',
    ]);
    expect(errorsOf({ a: ng({ method: "script", layout: "per-disk" }), b: ng({ method: "nodeadm", strategy: "RAID0", mountPath: "/mnt/fast-disks/" }) })[0]).toMatch(
      /^instanceStore\.nodegroups\.b\.diskSetup\.mountPath: is the directory the provisioner publishes/,
    );
  });

  test("an adopted cluster needs a node role", () => {
    const env = patch(cloudEnvironment({ cluster: { mode: "existing", name: "c", endpoint: "https://x.eks.amazonaws.com", certificateAuthorityData: "LS0tLS1CRUdJTiBDRVJU", clusterSecurityGroupId: "sg-0a1b2c3d4e5f60718", serviceIpv4Cidr: "172.20.0.0/16" } }), {
      instanceStore: { nodegroups: { a: ng({ method: "script", layout: "per-disk" }) } },
    });
    expect(configErrors(() => parseEnvironment(env, "e"))[0]).toMatch(/^instanceStore\.nodeRoleArn: is required when the cluster is adopted/);
  });
});

// --- construct path (issue 11 reshape) -------------------------------------------------------

import * as fs from "fs";
import * as path from "path";
import { Testing, TerraformStack } from "cdktf";
import { ClusterRef, VpcRef } from "../modules/core/refs";
import { InstanceStore, InstanceStoreOptions, PROVISIONER_CHART_KEYS } from "../modules/instance-store/instance-store";
import { InstanceStoreNodegroupSchema, InstanceStoreSchema, ScriptDiskSetupSchema } from "../modules/instance-store/config";


const vpc = () =>
  VpcRef.fromAttributes({
    vpcId: "vpc-0a1b2c3d4e5f60718",
    vpcCidrs: ["10.40.0.0/16"],
    subnets: {
      "app-a": { id: "subnet-0a1b2c3d4e5f60001", availabilityZone: "eu-west-1a" },
      "app-b": { id: "subnet-0a1b2c3d4e5f60002", availabilityZone: "eu-west-1b" },
      "db-c": { id: "subnet-0a1b2c3d4e5f60003", availabilityZone: "eu-west-1c" },
    },
  });
const ROLE = "arn:aws:iam::111122223333:role/nodes";
const clusterAttrs = { name: "prod", endpoint: "https://ABC.gr7.eu-west-1.eks.amazonaws.com", certificateAuthorityData: "LS0tLS1CRUdJTiBDRVJU", securityGroupId: "sg-0a1b2c3d4e5f60718", serviceIpv4Cidr: "172.20.0.0/16", region: "eu-west-1", accountId: "111122223333" };
const cluster = (extra: Record<string, unknown> = {}) => ClusterRef.fromAttributes({ ...clusterAttrs, subnetNames: ["app-a", "app-b"], version: "1.33", nodeRoleArn: ROLE, ...extra }, vpc());
const construct = (props: Record<string, unknown>, c = cluster()) => {
  const stack = new TerraformStack(Testing.app(), "stack");
  const store = new InstanceStore(stack, "fast", { vpc: vpc(), cluster: c, ...props } as never);
  return { stack, store, json: () => JSON.parse(Testing.synth(stack)) as Json };
};
const perDisk = { method: "script", layout: "per-disk" } as const;

describe("InstanceStore construct", () => {
  // The options interface once lacked this field (the YAML path had it): test/option-types.test.ts keeps them equal.
  test("a TypeScript user sets the IMDS hop limit of an instance-store nodegroup, as the YAML path can", () => {
    const nodegroups: InstanceStoreOptions["nodegroups"] = { cache: { instanceTypes: ["i4i.large"], diskSetup: perDisk, metadataHopLimit: 2 } };
    const lt = onlyResource(construct({ nodegroups }).json(), "aws_launch_template");
    expect(lt.metadata_options).toEqual({ http_endpoint: "enabled", http_tokens: "required", http_put_response_hop_limit: 2 });
  });

  test("every @default in the options' JSDoc is the schema's default", () => {
    const source = fs.readFileSync(path.join(__dirname, "..", "modules", "instance-store", "instance-store.ts"), "utf8");
    const defaultsOf = (iface: string): Record<string, string> => {
      const body = source.slice(source.indexOf(`export interface ${iface} {`));
      const block = body.slice(0, body.indexOf("\n}\n"));
      const out: Record<string, string> = {};
      for (const m of block.matchAll(/@default ([^*\n]+?)\s*\*\/\s*\n\s*readonly (\w+)\?/g)) out[m[2]] = m[1].trim();
      return out;
    };
    const check = (iface: string, parsed: Record<string, unknown>, expected: string[]) => {
      const docs = defaultsOf(iface);
      expect(Object.keys(docs).sort()).toEqual(expected.sort());
      for (const [field, doc] of Object.entries(docs)) {
        if (doc.startsWith("-")) expect(parsed[field]).toBeUndefined(); // derived elsewhere: the schema has no default
        else expect([field, parsed[field]]).toEqual([field, JSON.parse(doc)]);
      }
    };
    check("InstanceStoreOptions", InstanceStoreSchema.parse({ nodegroups: {} }), ["provisionerChartVersion", "nodeRoleArn", "reclaimPolicy"]);
    check("InstanceStoreNodegroupOptions", InstanceStoreNodegroupSchema.parse({ instanceTypes: ["i4i.large"], diskSetup: perDisk }), [
      "amiType", "capacityType", "minSize", "maxSize", "desiredSize", "rootVolumeGiB", "labels", "taints", "subnets", "maxUnavailablePercentage", "metadataHopLimit",
    ]);
    check("ScriptDiskSetupOptions", ScriptDiskSetupSchema.parse({ method: "script", layout: "raid0" }), ["mountPath", "filesystem"]);
  });

  test("vpc and cluster refs: subnets by key (default the cluster's), node role and version from the cluster", () => {
    const { json } = construct({ nodegroups: { cache: ng(perDisk), db: ng(perDisk, { subnets: ["db-c"] }) } });
    const groups = resources(json(), "aws_eks_node_group");
    const cache = Object.entries(groups).find(([k]) => k.includes("nodegroup-cache"))![1];
    const db = Object.entries(groups).find(([k]) => k.includes("nodegroup-db"))![1];
    expect(cache).toMatchObject({ cluster_name: "prod", node_role_arn: ROLE, version: "1.33", subnet_ids: ["subnet-0a1b2c3d4e5f60001", "subnet-0a1b2c3d4e5f60002"] });
    expect(db.subnet_ids).toEqual(["subnet-0a1b2c3d4e5f60003"]);
    // Construct ids (Terraform addresses) unchanged by the reshape.
    expect(Object.keys(groups).sort()).toEqual([expect.stringMatching(/^fast_nodegroup-cache_nodegroup_[0-9A-F]{8}$/), expect.stringMatching(/^fast_nodegroup-db_nodegroup_[0-9A-F]{8}$/)]);
  });

  test("the options' node role wins over the cluster's; an adopted cluster without one needs it", () => {
    const other = "arn:aws:iam::111122223333:role/fast-nodes";
    expect(onlyResource(construct({ nodeRoleArn: other, nodegroups: { a: ng(perDisk) } }).json(), "aws_eks_node_group").node_role_arn).toBe(other);
    expect(configErrors(() => construct({ nodegroups: { a: ng(perDisk) } }, cluster({ nodeRoleArn: undefined })))).toEqual([
      "instanceStore.nodeRoleArn: is required when the cluster is adopted (cluster.mode existing): there is no node role to reuse; got nothing; allowed: an IAM role ARN for EC2 nodes",
    ]);
  });

  test("bad typed values are refused at construction, all at once, prefixed by the construct path", () => {
    let message = "";
    try {
      construct({ nodeRoleArn: "role/nodes", reclaimPolicy: "Recycle", nodegroups: { a: ng(perDisk, { instanceTypes: ["m6i.large"] }) } });
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message.split("\n")).toEqual([
      "stack/fast: 2 errors",
      '  - instanceStore.nodeRoleArn: must be an IAM role ARN; got "role/nodes"',
      '  - instanceStore.reclaimPolicy: must be Retain or Delete; got "Recycle"',
    ]);
    expect(configErrors(() => construct({ nodegroups: { a: ng(perDisk, { instanceTypes: ["m6i.large"], subnets: ["app-z"] }) } }))).toEqual([
      expect.stringMatching(/^instanceStore\.nodegroups\.a\.subnets\[0\]: .*"app-z"/),
      expect.stringMatching(/^instanceStore\.nodegroups\.a\.instanceTypes\[0\]: has no NVMe instance store/),
    ]);
  });

  test("warnings become annotations", () => {
    const { store } = construct({ nodegroups: { a: ng(perDisk, { instanceTypes: ["i4i.large", "i4i.8xlarge"] }) } });
    expect(store.node.metadata.filter((m) => m.type === "@cdktf/warn").map((m) => m.data)).toEqual([
      "instanceStore.nodegroups.a.instanceTypes: mixes types with different disk counts; nodes will differ in local capacity",
    ]);
  });

  test("tags reach every nodegroup's instances and volumes (launch template tag_specifications)", () => {
    const { json } = construct({ tags: { team: "data", "cost-center": "42" }, nodegroups: { a: ng(perDisk), b: ng({ method: "nodeadm", strategy: "RAID0" }) } });
    for (const lt of Object.values(resources(json(), "aws_launch_template"))) {
      expect(lt.tag_specifications.map((t: Json) => [t.resource_type, t.tags.team, t.tags["cost-center"]])).toEqual([
        ["instance", "data", "42"],
        ["volume", "data", "42"],
      ]);
    }
  });

  test("typed properties; the stack gets kubernetes and helm providers for the cluster", () => {
    const { store, json } = construct({ nodegroups: { a: ng(perDisk) } });
    expect(Object.keys(store.nodegroups)).toEqual(["a"]);
    const j = json();
    expect(store.provisioner?.node.path).toBe("stack/fast/local-static-provisioner");
    expect(store.storageClass?.node.path).toBe("stack/fast/storage-class");
    expect(store.config.reclaimPolicy).toBe("Retain");
    expect(Object.keys(j.provider).sort()).toEqual(["helm", "kubernetes"]);
    expect(j.provider.kubernetes[0].exec[0].args).toEqual(["eks", "get-token", "--cluster-name", "prod", "--region", "eu-west-1", "--output", "json"]);
  });

  test("reclaim policy: Retain by default; Delete lets the provisioner empty and republish released volumes (IS-LSP-04)", () => {
    expect(onlyResource(construct({ nodegroups: { a: ng(perDisk) } }).json(), "kubernetes_storage_class_v1").reclaim_policy).toBe("Retain");
    const del = construct({ reclaimPolicy: "Delete", nodegroups: { a: ng(perDisk) } }).json();
    expect(onlyResource(del, "kubernetes_storage_class_v1").reclaim_policy).toBe("Delete");
    // The provisioner's Delete cleanup for Filesystem volumes empties the mount; no blockCleanerCommand (Block mode only).
    expect(JSON.parse(onlyResource(del, "helm_release").values[0]).classes).toEqual([
      { name: "fast-disks", hostDir: "/mnt/fast-disks", mountDir: "/mnt/fast-disks", volumeMode: "Filesystem", accessMode: "ReadWriteOnce", namePattern: "*" },
    ]);
    expect(onlyResource(synthEnvironment(patch(cloudEnvironment(), { instanceStore: { reclaimPolicy: "Delete", nodegroups: { a: ng(perDisk) } } })), "kubernetes_storage_class_v1").reclaim_policy).toBe("Delete");
    expect(configErrors(() => parseEnvironment(patch(cloudEnvironment(), { instanceStore: { reclaimPolicy: "Recycle", nodegroups: { a: ng(perDisk) } } }), "e"))).toEqual([
      'instanceStore.reclaimPolicy: must be Retain or Delete; got "Recycle"',
    ]);
  });

  test("provisionerValues are deep-merged over ours; classes cannot be set", () => {
    const { json } = construct({
      nodegroups: { a: ng(perDisk) },
      provisionerValues: { resources: { requests: { cpu: "50m" } }, priorityClassName: "system-node-critical", affinity: { podAntiAffinity: { x: 1 } } },
    });
    const values = JSON.parse(onlyResource(json(), "helm_release").values[0]);
    expect(values.resources).toEqual({ requests: { cpu: "50m" } });
    expect(values.priorityClassName).toBe("system-node-critical");
    expect(values.affinity.podAntiAffinity).toEqual({ x: 1 });
    expect(values.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].key).toBe("fast-disk-node");
    const { store } = construct({ nodegroups: { a: ng(perDisk) }, provisionerValues: { priorityClasName: "x" } });
    expect(store.node.metadata.filter((m) => m.type === "@cdktf/warn").map((m) => m.data)).toEqual([
      "provisionerValues.priorityClasName: is not a value of the local-static-provisioner chart 2.9.0; the chart ignores it",
    ]);
    const chartKeys = [...vendorFile("charts", "local-static-provisioner", "2.9.0", "values.yaml").matchAll(/^#?([A-Za-z]+):/gm)].map((m) => m[1]);
    expect([...PROVISIONER_CHART_KEYS].sort()).toEqual([...new Set(chartKeys)].sort());
    expect(configErrors(() => construct({ nodegroups: { a: ng(perDisk) }, provisionerValues: { classes: [] } }))).toEqual([
      'provisionerValues.classes: cannot be set: the module renders the one fast-disks class from the nodegroups\' mount path; got "(not shown)"; allowed: other chart values',
    ]);
  });

  test("nodegroups wait for the cluster's node dependencies; the provisioner for its workload dependencies (YAML path)", () => {
    const j = synthEnvironment(withStore({ a: ng(perDisk) }));
    const group = byName(j, "aws_eks_node_group", "a");
    expect([...group.depends_on].sort()).toEqual([
      expect.stringMatching(/^aws_eks_addon\.cluster_addon-eks-pod-identity-agent_[0-9A-F]{8}$/),
      expect.stringMatching(/^aws_eks_addon\.cluster_addon-kube-proxy_[0-9A-F]{8}$/),
      expect.stringMatching(/^aws_eks_addon\.cluster_addon-vpc-cni_[0-9A-F]{8}$/),
    ]);
    const release = Object.values(resources(j, "helm_release")).find((r) => r.chart === "local-static-provisioner")!;
    expect(release.depends_on).toEqual(expect.arrayContaining([expect.stringMatching(/^aws_eks_addon\.cluster_addon-coredns_/)]));
  });
});
