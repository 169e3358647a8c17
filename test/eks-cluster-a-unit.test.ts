/**
 * Unit tests for modules/cluster/eks-cluster.ts (mutation survivors, part a): the construct's own
 * wiring — validated props, the name check, token-valued props, dependencies, subnets, tags, the
 * secrets key, the cluster role's trust policy and the control-plane security group.
 */
import { Testing, TerraformStack, TerraformVariable } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { EksCluster, EksClusterProps } from "../modules/cluster/eks-cluster";
import { VpcRef } from "../modules/core/refs";
import { markValidated } from "../modules/core/validation";
import { errorOf, Json, twoSubnetVpc } from "./helpers";

const vpc = VpcRef.fromAttributes(twoSubnetVpc({ names: ["a", "b"], cidrs: true }));

const base = { name: "lib", vpc, region: "eu-west-1", accountId: "111122223333" };

/** A stack "lib" holding one EksCluster "eks" built from `props`; returns the cluster and the synthesized JSON. */
function build(props: EksClusterProps | ((stack: TerraformStack) => EksClusterProps)): { cluster: EksCluster; json: Json } {
  const stack = new TerraformStack(Testing.app(), "lib");
  new AwsProvider(stack, "aws", { region: "eu-west-1" });
  const cluster = new EksCluster(stack, "eks", typeof props === "function" ? props(stack) : props);
  return { cluster, json: JSON.parse(Testing.synth(stack)) };
}

describe("a cluster with tags, listed subnets and private access CIDRs", () => {
  let cluster: EksCluster;
  let json: Json;
  beforeAll(() => {
    ({ cluster, json } = build({ ...base, tags: { team: "x" }, subnets: ["b", "a"], endpoint: { privateAccessCidrs: ["10.99.0.0/16", "192.168.50.0/24"] } }));
  });

  test("podIdentityAgent is true: a created cluster always installs the EKS Pod Identity agent add-on", () => {
    expect(cluster.podIdentityAgent).toBe(true);
  });

  test("nodeDependencies are exactly the vpc-cni, kube-proxy and pod identity agent add-ons; workloadDependencies add the nodegroup and CoreDNS", () => {
    expect(cluster.nodeDependencies).toHaveLength(3);
    expect(cluster.nodeDependencies[0]).toBe(cluster.addons["vpc-cni"]);
    expect(cluster.nodeDependencies[1]).toBe(cluster.addons["kube-proxy"]);
    expect(cluster.nodeDependencies[2]).toBe(cluster.addons["eks-pod-identity-agent"]);
    expect(cluster.workloadDependencies).toHaveLength(5);
    expect(cluster.workloadDependencies[0]).toBe(cluster.addons["vpc-cni"]);
    expect(cluster.workloadDependencies[1]).toBe(cluster.addons["kube-proxy"]);
    expect(cluster.workloadDependencies[2]).toBe(cluster.addons["eks-pod-identity-agent"]);
    expect(cluster.workloadDependencies[3]).toBe(cluster.nodegroups.default.nodegroup);
    expect(cluster.workloadDependencies[4]).toBe(cluster.addons.coredns);
    // CoreDNS waits for the nodegroup only.
    expect(json.resource.aws_eks_addon["eks_addon-coredns_9F8C0ACB"].depends_on).toEqual(["aws_eks_node_group.eks_nodegroup-default_nodegroup_4A2A2ECE"]);
  });

  test("privateAccessCidrs exposes endpoint.privateAccessCidrs as given, each with a 443 rule on the control-plane security group", () => {
    expect(cluster.privateAccessCidrs).toEqual(["10.99.0.0/16", "192.168.50.0/24"]);
    expect(json.resource.aws_vpc_security_group_ingress_rule).toEqual({
      "eks_private-access-10-99-0-0-16_992F1272": {
        security_group_id: "${aws_security_group.eks_control-plane-sg_EB9B3429.id}",
        ip_protocol: "tcp",
        from_port: 443,
        to_port: 443,
        cidr_ipv4: "10.99.0.0/16",
        description: "Kubernetes API from operator network 10.99.0.0/16",
        tags: { team: "x" },
      },
      "eks_private-access-192-168-50-0-24_AB97ABCD": {
        security_group_id: "${aws_security_group.eks_control-plane-sg_EB9B3429.id}",
        ip_protocol: "tcp",
        from_port: 443,
        to_port: 443,
        cidr_ipv4: "192.168.50.0/24",
        description: "Kubernetes API from operator network 192.168.50.0/24",
        tags: { team: "x" },
      },
    });
  });

  test("cluster.subnets: the listed subnets, in the given order, are subnetNames and the control plane's subnet_ids", () => {
    expect(cluster.subnetNames).toEqual(["b", "a"]);
    expect(json.resource.aws_eks_cluster.eks_cluster_55B0C966.vpc_config).toEqual({
      subnet_ids: ["subnet-0a1b2c3d4e5f60002", "subnet-0a1b2c3d4e5f60001"],
      security_group_ids: ["${aws_security_group.eks_control-plane-sg_EB9B3429.id}"],
      endpoint_private_access: true,
      endpoint_public_access: false,
    });
  });

  test("the cluster role is named <name>-cluster-* and trusted by eks.amazonaws.com for exactly sts:AssumeRole and sts:TagSession", () => {
    const role = json.resource.aws_iam_role["eks_cluster-role_F63B2DEE"];
    expect(role.name_prefix).toBe("lib-cluster-");
    expect(role.tags).toEqual({ team: "x" });
    expect(JSON.parse(role.assume_role_policy)).toEqual({
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Principal: { Service: "eks.amazonaws.com" }, Action: ["sts:AssumeRole", "sts:TagSession"] }],
    });
    expect(json.resource.aws_eks_cluster.eks_cluster_55B0C966.role_arn).toBe("${aws_iam_role.eks_cluster-role_F63B2DEE.arn}");
  });

  test("the additional control-plane security group: name prefix, description, VPC, tags with Name, create_before_destroy, no inline rules", () => {
    expect(json.resource.aws_security_group).toEqual({
      "eks_control-plane-sg_EB9B3429": {
        name_prefix: "lib-control-plane-",
        description: "Additional control-plane security group of EKS cluster lib",
        vpc_id: "vpc-0a1b2c3d4e5f60718",
        tags: { team: "x", Name: "lib-control-plane" },
        lifecycle: { create_before_destroy: true },
      },
    });
    expect(cluster.controlPlaneSecurityGroup.tagsInput).toEqual({ team: "x", Name: "lib-control-plane" });
    expect(cluster.controlPlaneSecurityGroup.lifecycle).toEqual({ createBeforeDestroy: true });
  });

  test("without secretsKmsKeyArn a rotating key with a 30-day deletion window is created, aliased, and encrypts the secrets", () => {
    expect(json.resource.aws_kms_key).toEqual({
      "eks_secrets-key_5FDBA834": {
        description: "EKS secrets encryption for lib",
        enable_key_rotation: true,
        deletion_window_in_days: 30,
        tags: { team: "x" },
        lifecycle: { prevent_destroy: true },
      },
    });
    expect(json.resource.aws_kms_alias).toEqual({
      "eks_secrets-key-alias_F4E677B8": { name: "alias/eks/lib-secrets", target_key_id: "${aws_kms_key.eks_secrets-key_5FDBA834.key_id}" },
    });
    expect(json.resource.aws_eks_cluster.eks_cluster_55B0C966.encryption_config).toEqual({ resources: ["secrets"], provider: { key_arn: "${aws_kms_key.eks_secrets-key_5FDBA834.arn}" } });
  });
});

test("a given secretsKmsKeyArn encrypts the secrets with that key; no key and no alias are created", () => {
  const arn = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
  const { cluster, json } = build({ ...base, secretsKmsKeyArn: arn });
  expect(cluster.secretsKey).toBeUndefined();
  expect(json.resource.aws_kms_key).toBeUndefined();
  expect(json.resource.aws_kms_alias).toBeUndefined();
  expect(json.resource.aws_eks_cluster.eks_cluster_55B0C966.encryption_config).toEqual({
    resources: ["secrets"],
    provider: { key_arn: "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab" },
  });
});

test("without tags, resources get no tags argument (not an empty map); the security group still gets its Name tag", () => {
  const { cluster, json } = build(base);
  expect(cluster.resource.tagsInput).toBeUndefined();
  expect(cluster.clusterRole.tagsInput).toBeUndefined();
  expect(cluster.secretsKey!.tagsInput).toBeUndefined();
  expect(cluster.logGroup.tagsInput).toBeUndefined();
  expect(cluster.addons.coredns.tagsInput).toBeUndefined();
  expect("tags" in json.resource.aws_eks_cluster.eks_cluster_55B0C966).toBe(false);
  expect(json.resource.aws_security_group["eks_control-plane-sg_EB9B3429"].tags).toEqual({ Name: "lib-control-plane" });
});

test("construct props may give the account id as a cdktf token (region, account and tags are parsed allowing tokens)", () => {
  let account!: string;
  const { cluster } = build((stack) => {
    account = new TerraformVariable(stack, "account", { type: "string" }).stringValue;
    return { ...base, accountId: account };
  });
  expect(account).toMatch(/^\$\{TfToken\[TOKEN\.\d+\]\}$/);
  expect(cluster.accountId).toBe(account);
});

test("a construct without name is refused: cluster.name is required", () => {
  const stack = new TerraformStack(Testing.app(), "lib");
  const { name: _name, ...noName } = base;
  expect(errorOf(() => new EksCluster(stack, "eks", noName as EksClusterProps))).toBe(
    "lib/eks: 1 error\n  - cluster.name: is required; got nothing; allowed: 1-100 letters, digits, '-' or '_'",
  );
});

test("props marked validated are parsed for their defaults and not validated again", () => {
  // A service CIDR inside the VPC CIDR would be refused by validation; marked props skip it.
  const props = markValidated({ ...base, serviceIpv4Cidr: "10.40.0.0/24", logRetentionDays: 30 as const });
  const { cluster, json } = build(props);
  expect(cluster.serviceIpv4Cidr).toBe("10.40.0.0/24");
  expect(cluster.options).toEqual({
    name: "lib",
    version: "1.33",
    serviceIpv4Cidr: "10.40.0.0/24",
    endpoint: { publicAccessCidrs: [], privateAccessCidrs: [] },
    authenticationMode: "API",
    logTypes: ["api", "audit", "authenticator", "controllerManager", "scheduler"],
    logRetentionDays: 30,
    addonVersions: {},
    admins: {},
    bootstrapCreatorAdmin: true,
    preventDestroy: true,
    nodegroups: {
      default: { instanceTypes: ["m6i.large"], amiType: "AL2023_x86_64_STANDARD", capacityType: "ON_DEMAND", minSize: 1, maxSize: 3, rootVolumeGiB: 50, labels: {}, taints: [], maxUnavailablePercentage: 33, metadataHopLimit: 1 },
    },
  });
  expect(json.resource.aws_eks_cluster.eks_cluster_55B0C966.kubernetes_network_config).toEqual({ service_ipv4_cidr: "10.40.0.0/24", ip_family: "ipv4" });
});
