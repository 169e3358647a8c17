/**
 * InstanceStore construct (modules/instance-store/instance-store.ts) used directly: the provisioner
 * release and class as Terraform sees them, taint tolerations, token props, already-validated props.
 */
import { Testing, TerraformStack, TerraformVariable } from "cdktf";
import { ClusterRef, VpcRef } from "../modules/core/refs";
import { markValidated } from "../modules/core/validation";
import { InstanceStore } from "../modules/instance-store/instance-store";
import { InstanceStoreSchema } from "../modules/instance-store/config";
import { Json, onlyResource, prodClusterAttributes, twoSubnetVpcAttributes } from "./helpers";

const vpc = () => VpcRef.fromAttributes(twoSubnetVpcAttributes);
const ROLE = "arn:aws:iam::111122223333:role/nodes";
/** The prod cluster with the node role given (or none). */
const cluster = (nodeRoleArn: string | undefined) => ClusterRef.fromAttributes({ ...prodClusterAttributes, nodeRoleArn }, vpc());
const perDisk = { method: "script", layout: "per-disk" } as const;
const ng = (extra: Record<string, unknown> = {}) => ({ instanceTypes: ["i4i.8xlarge"], minSize: 0, maxSize: 2, diskSetup: perDisk, ...extra });

const build = (props: Record<string, unknown>, c = cluster(ROLE)) => {
  const stack = new TerraformStack(Testing.app(), "stack");
  const store = new InstanceStore(stack, "fast", { vpc: vpc(), cluster: c, ...props } as never);
  return { stack, store, json: () => JSON.parse(Testing.synth(stack)) as Json };
};
const warningsOf = (store: InstanceStore) => store.node.metadata.filter((m) => m.type === "@cdktf/warn").map((m) => m.data);
/** Our values for a /mnt/fast-disks host directory with the given tolerations (render.ts output, written out). */
const valuesWith = (tolerations: Json[]) => ({
  classes: [{ name: "fast-disks", hostDir: "/mnt/fast-disks", mountDir: "/mnt/fast-disks", volumeMode: "Filesystem", accessMode: "ReadWriteOnce", namePattern: "*" }],
  image: "registry.k8s.io/sig-storage/local-volume-provisioner:v2.9.0",
  affinity: {
    nodeAffinity: {
      requiredDuringSchedulingIgnoredDuringExecution: {
        nodeSelectorTerms: [{ matchExpressions: [{ key: "fast-disk-node", operator: "In", values: ["pv-nvme", "pv-raid"] }] }],
      },
    },
  },
  tolerations,
  useNodeNameOnly: true,
});
/**
 * Props marked as validated (a fully defaulted instanceStore section plus the refs), the way the
 * YAML path hands a checked section on: the construct takes them as they are.
 */
const buildValidated = (c: ReturnType<typeof cluster>, warnings: { path: string; message: string }[] = []) => {
  const stack = new TerraformStack(Testing.app(), "stack");
  const props = markValidated({ ...InstanceStoreSchema.parse({ nodegroups: { a: ng() } }), vpc: vpc(), cluster: c }, warnings);
  return new InstanceStore(stack, "fast", props as never);
};

describe("InstanceStore construct (unit)", () => {
  test("the provisioner release: named local-static-provisioner in kube-system, not waited for, our values as JSON", () => {
    const json = build({ nodegroups: { a: ng() } }).json();
    const release = onlyResource(json, "helm_release");
    expect(release).toEqual({
      name: "local-static-provisioner",
      repository: "https://kubernetes-sigs.github.io/sig-storage-local-static-provisioner",
      chart: "local-static-provisioner",
      version: "2.9.0",
      namespace: "kube-system",
      values: [JSON.stringify(valuesWith([]))],
      wait: false,
    });
  });

  test("the fast-disks class depends on the provisioner release", () => {
    const json = build({ nodegroups: { a: ng() } }).json();
    expect(onlyResource(json, "kubernetes_storage_class_v1").depends_on).toEqual([expect.stringMatching(/^helm_release\.fast_local-static-provisioner_[0-9A-F]{8}$/)]);
  });

  test("tolerations: a taint without value is tolerated with operator Exists; PREFER_NO_SCHEDULE becomes PreferNoSchedule", () => {
    const json = build({
      nodegroups: {
        a: ng({
          taints: [
            { key: "dedicated", effect: "NO_EXECUTE" },
            { key: "storage", value: "nvme", effect: "PREFER_NO_SCHEDULE" },
            { key: "team", value: "db", effect: "NO_SCHEDULE" },
          ],
        }),
      },
    }).json();
    expect(onlyResource(json, "helm_release").values).toEqual([
      JSON.stringify(
        valuesWith([
          { key: "dedicated", operator: "Exists", effect: "NoExecute" },
          { key: "storage", operator: "Equal", value: "nvme", effect: "PreferNoSchedule" },
          { key: "team", operator: "Equal", value: "db", effect: "NoSchedule" },
        ]),
      ),
    ]);
  });

  test("chart keys in provisionerValues raise no warning", () => {
    const { store } = build({ nodegroups: { a: ng() }, provisionerValues: { priorityClassName: "system-node-critical", useJobForCleaning: true } });
    expect(warningsOf(store)).toEqual([]);
  });

  test("a cdktf token as node role is accepted on the construct path and reaches the nodegroup", () => {
    const stack = new TerraformStack(Testing.app(), "stack");
    const role = new TerraformVariable(stack, "role", { type: "string" });
    new InstanceStore(stack, "fast", { vpc: vpc(), cluster: cluster(ROLE), nodeRoleArn: role.stringValue, nodegroups: { a: ng() } } as never);
    const json = JSON.parse(Testing.synth(stack)) as Json;
    expect(onlyResource(json, "aws_eks_node_group").node_role_arn).toBe("${var.role}");
  });

  test("already-validated options are not validated again: their recorded warnings are reported as they are", () => {
    const store = buildValidated(cluster(ROLE), [{ path: "instanceStore.nodegroups.a", message: "recorded when the file was validated" }]);
    expect(warningsOf(store)).toEqual(["instanceStore.nodegroups.a: recorded when the file was validated"]);
  });

  test("already-validated options on a cluster without node role: the construct stops with an internal error naming its path", () => {
    expect(() => buildValidated(cluster(undefined))).toThrow(new Error("stack/fast: no node role (validation should have caught this)"));
  });
});
