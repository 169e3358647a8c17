import { parseEnvironment } from "../modules/config/load";
import { instanceStoreDisks } from "../modules/instance-store/instance-types";
import { isArmInstanceType } from "../modules/core/instance-arch";
import { renderDiskScript, renderLocalStorageNodeConfig, renderProvisionerValues, renderUserData } from "../modules/instance-store/render";
import { vendorFile } from "./reference";
import { cloudEnvironment, configErrors, hybridEnvironment, Json, patch, resources, synthEnvironment } from "./helpers";

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
    const mount = decode(byName(json, "aws_launch_template", "mount"));
    expect(mount).toContain("Content-Type: application/node.eks.aws");
    expect(mount).toContain("strategy: Mount");
    expect(mount).toContain("mountPath: /mnt/fast-disks");
    const script = decode(byName(json, "aws_launch_template", "disks"));
    expect(script).toContain('Content-Type: text/x-shellscript; charset="us-ascii"');
    expect(script).toContain('for disk in "${DISKS[@]}"; do');
    expect(byName(json, "aws_launch_template", "disks").user_data).not.toContain("${");
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
