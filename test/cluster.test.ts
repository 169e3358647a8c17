import { Testing } from "cdktf";
import { parseEnvironment } from "../modules/config/load";
import { cloudEnvironment, configErrors, existingVpcEnvironment, Json, onlyResource, patch, resources, synthEnvironment } from "./helpers";

describe("created cluster", () => {
  const json = synthEnvironment(patch(cloudEnvironment(), { cluster: { admins: { ops: "arn:aws:iam::111122223333:role/ops" } } }));
  const cluster = onlyResource(json, "aws_eks_cluster");

  test("uses API authentication, KMS secrets encryption, all control-plane logs and an explicit service CIDR", () => {
    expect(cluster).toMatchObject({
      access_config: { authentication_mode: "API", bootstrap_cluster_creator_admin_permissions: true },
      encryption_config: { resources: ["secrets"], provider: { key_arn: expect.stringMatching(/^\$\{aws_kms_key\.cluster_secrets-key_\w+\.arn\}$/) } },
      enabled_cluster_log_types: ["api", "audit", "authenticator", "controllerManager", "scheduler"],
      kubernetes_network_config: { service_ipv4_cidr: "172.20.0.0/16", ip_family: "ipv4" },
      bootstrap_self_managed_addons: false,
      lifecycle: { prevent_destroy: true },
    });
    expect(cluster.remote_network_config).toBeUndefined();
    expect(onlyResource(json, "aws_kms_key")).toMatchObject({ enable_key_rotation: true });
    expect(onlyResource(json, "aws_cloudwatch_log_group")).toMatchObject({ name: "/aws/eks/test-env/cluster", retention_in_days: 90 });
  });

  test("cloud-only endpoint defaults to private only when no public CIDRs are given", () => {
    expect(cluster.vpc_config).toMatchObject({ endpoint_private_access: true, endpoint_public_access: false });
    expect(cluster.vpc_config.public_access_cidrs).toBeUndefined();
  });

  test("public access is limited to the given CIDRs", () => {
    const pub = onlyResource(synthEnvironment(patch(cloudEnvironment(), { cluster: { endpoint: { publicAccessCidrs: ["203.0.113.0/24"] } } })), "aws_eks_cluster");
    expect(pub.vpc_config).toMatchObject({ endpoint_private_access: true, endpoint_public_access: true, public_access_cidrs: ["203.0.113.0/24"] });
  });

  test("installs the core add-ons; CoreDNS waits for the nodes, nodes wait for the CNI", () => {
    const addons = Object.values(resources(json, "aws_eks_addon"));
    expect(addons.map((a) => a.addon_name).sort()).toEqual(["coredns", "eks-pod-identity-agent", "kube-proxy", "vpc-cni"]);
    const coredns = addons.find((a) => a.addon_name === "coredns")!;
    expect(coredns.depends_on).toEqual([expect.stringMatching(/^aws_eks_node_group\.cluster_nodegroup-default_nodegroup_/)]);
    const ng = onlyResource(json, "aws_eks_node_group");
    expect(ng.depends_on).toEqual(expect.arrayContaining([expect.stringMatching(/aws_eks_addon\.cluster_addon-vpc-cni_/)]));
  });

  test("the default nodegroup uses a launch template with IMDSv2 and an encrypted root volume", () => {
    const lt = onlyResource(json, "aws_launch_template");
    // Issue 10 item 8: hop limit 1, so pods cannot take the node role (EKS best practices guide).
    expect(lt.metadata_options).toEqual({ http_endpoint: "enabled", http_tokens: "required", http_put_response_hop_limit: 1 });
    expect(lt.block_device_mappings[0].ebs).toMatchObject({ encrypted: "true", volume_type: "gp3" });
    expect(lt.iam_instance_profile).toBeUndefined();
    const ng = onlyResource(json, "aws_eks_node_group");
    expect(ng).toMatchObject({
      ami_type: "AL2023_x86_64_STANDARD",
      version: "1.33", // the cluster's version: a version bump changes both in one plan, the nodegroup after the cluster (it references the cluster)
      lifecycle: { ignore_changes: ["scaling_config[0].desired_size"] },
    });
    expect(ng.disk_size).toBeUndefined();
    expect(ng.remote_access).toBeUndefined();
  });

  test("admins get an access entry and the cluster admin policy", () => {
    expect(onlyResource(json, "aws_eks_access_entry")).toMatchObject({ principal_arn: "arn:aws:iam::111122223333:role/ops", type: "STANDARD" });
    expect(onlyResource(json, "aws_eks_access_policy_association")).toMatchObject({
      policy_arn: "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy",
      access_scope: { type: "cluster" },
    });
  });

  test("configures the kubernetes and helm providers with exec auth against the cluster", () => {
    const args = ["eks", "get-token", "--cluster-name", expect.stringMatching(/aws_eks_cluster\.cluster_\w+\.name/), "--region", "eu-west-1", "--output", "json"];
    expect(json.provider.kubernetes[0]).toMatchObject({
      host: expect.stringMatching(/aws_eks_cluster\.cluster_\w+\.endpoint/),
      cluster_ca_certificate: expect.stringMatching(/^\$\{base64decode\(aws_eks_cluster\.cluster_\w+\.certificate_authority\[0\]\.data\)\}$/),
      exec: [{ api_version: "client.authentication.k8s.io/v1beta1", command: "aws", args }],
    });
    expect(json.provider.helm[0].kubernetes).toMatchObject({ exec: { api_version: "client.authentication.k8s.io/v1beta1", command: "aws", args } });
  });

  test("adding a nodegroup does not re-address the cluster or other nodegroups", () => {
    const bigger = synthEnvironment(patch(cloudEnvironment(), { cluster: { nodegroups: { default: {}, another: { minSize: 0 } } } }));
    const before = Object.keys(resources(synthEnvironment(cloudEnvironment()), "aws_eks_node_group"));
    expect(Object.keys(resources(bigger, "aws_eks_node_group"))).toEqual(expect.arrayContaining(before));
    expect(Object.keys(resources(bigger, "aws_eks_cluster"))).toEqual(Object.keys(resources(json, "aws_eks_cluster")));
  });
});

describe("adopted cluster", () => {
  const env = existingVpcEnvironment({
    cluster: {
      mode: "existing",
      name: "legacy",
      endpoint: "https://ABCDEF.gr7.eu-west-1.eks.amazonaws.com",
      certificateAuthorityData: "LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0t",
      clusterSecurityGroupId: "sg-0a1b2c3d4e5f60718",
      serviceIpv4Cidr: "172.20.0.0/16",
    },
  });
  const json: Json = synthEnvironment(env);

  test("creates no cluster and needs no AWS read to plan (the adopted VPC's DNS check is a check block, which only warns)", () => {
    expect(resources(json, "aws_eks_cluster")).toEqual({});
    expect(json.data).toBeUndefined();
    expect(Object.keys(json.check)).toEqual(["network_vpc_dns"]);
  });

  test("points the providers at the given endpoint and CA", () => {
    expect(json.provider.kubernetes[0]).toMatchObject({
      host: "https://ABCDEF.gr7.eu-west-1.eks.amazonaws.com",
      cluster_ca_certificate: '${base64decode("LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0t")}',
    });
  });
});

describe("cluster validation", () => {
  const errorsOf = (p: unknown) => configErrors(() => parseEnvironment(patch(cloudEnvironment(), p), "e"));

  test("0.0.0.0/0 on the public endpoint, whole or split into pieces (issue 10 item 4)", () => {
    expect(errorsOf({ cluster: { endpoint: { publicAccessCidrs: ["0.0.0.0/0"] } } })).toEqual([
      'cluster.endpoint.publicAccessCidrs[0]: opens the public API endpoint to a /0; ranges shorter than /8 are refused (0.0.0.0/0 split into pieces is still the internet); got "0.0.0.0/0"; allowed: /8 or longer: the CIDRs of your offices, VPNs or CI runners',
    ]);
    expect(errorsOf({ cluster: { endpoint: { publicAccessCidrs: ["0.0.0.0/1", "128.0.0.0/1", "203.0.113.0/24"] } } })).toEqual([
      expect.stringMatching(/^cluster\.endpoint\.publicAccessCidrs\[0\]: opens the public API endpoint to a \/1;.*got "0\.0\.0\.0\/1"/),
      expect.stringMatching(/^cluster\.endpoint\.publicAccessCidrs\[1\]: opens the public API endpoint to a \/1;.*got "128\.0\.0\.0\/1"/),
    ]);
    expect(errorsOf({ cluster: { endpoint: { publicAccessCidrs: ["16.0.0.0/7"] } } })).toHaveLength(1);
    expect(() => parseEnvironment(patch(cloudEnvironment(), { cluster: { endpoint: { publicAccessCidrs: ["16.0.0.0/8"] } } }), "e")).not.toThrow();
  });

  test("public access without CIDRs, and both accesses off", () => {
    expect(errorsOf({ cluster: { endpoint: { publicAccess: true } } })).toEqual([
      "cluster.endpoint.publicAccessCidrs: must list the CIDRs allowed to reach the public endpoint when publicAccess is true; got []; allowed: one or more CIDRs (0.0.0.0/0 is refused)",
    ]);
    expect(errorsOf({ cluster: { endpoint: { privateAccess: false } } })[0]).toMatch(/^cluster\.endpoint: turns off both private and public access/);
  });

  test("service CIDR overlapping the VPC or outside RFC 1918", () => {
    expect(errorsOf({ cluster: { serviceIpv4Cidr: "10.0.0.0/16" } })).toEqual([
      'cluster.serviceIpv4Cidr: overlaps the VPC CIDR 10.0.0.0/16; got "10.0.0.0/16"; allowed: a range outside every VPC CIDR',
    ]);
    expect(errorsOf({ cluster: { serviceIpv4Cidr: "8.8.0.0/16" } })[0]).toMatch(/must be a private \(RFC 1918\) range between \/12 and \/24/);
    expect(errorsOf({ cluster: { serviceIpv4Cidr: "10.128.0.0/9" } })[0]).toMatch(/between \/12 and \/24.*got "10\.128\.0\.0\/9"/);
  });

  test("cluster subnets that do not exist or sit in one AZ", () => {
    expect(errorsOf({ cluster: { subnets: ["private-a", "private-z"] } })).toEqual([
      'cluster.subnets[1]: names no private subnet of network; got "private-z"; allowed: private-a, private-b',
    ]);
    expect(errorsOf({ cluster: { subnets: ["private-a"] } })).toEqual([
      'cluster.subnets: must span at least two availability zones (EKS requirement); got ["private-a"]; allowed: subnets in two or more availability zones',
    ]);
  });

  test("nodegroup sizes", () => {
    expect(errorsOf({ cluster: { nodegroups: { default: { minSize: 5, maxSize: 2 } } } })).toEqual([
      "cluster.nodegroups.default.minSize: is greater than maxSize (2); got 5; allowed: 0..2",
    ]);
    expect(errorsOf({ cluster: { nodegroups: { default: { minSize: 1, maxSize: 2, desiredSize: 3 } } } })).toEqual([
      "cluster.nodegroups.default.desiredSize: lies outside minSize..maxSize; got 3; allowed: 1..2",
    ]);
  });

  test("instance types of the other architecture than the AMI type", () => {
    expect(errorsOf({ cluster: { nodegroups: { default: { instanceTypes: ["m7g.large", "m6i.large"], amiType: "AL2023_ARM_64_STANDARD" } } } })).toEqual([
      'cluster.nodegroups.default.instanceTypes[1]: is an x86_64 type but amiType AL2023_ARM_64_STANDARD is arm64; got "m6i.large"; allowed: arm64 types (e.g. m7g.large), or an x86_64 amiType',
    ]);
    expect(errorsOf({ cluster: { nodegroups: { default: { instanceTypes: ["c7gn.large"] } } } })[0]).toMatch(/is an arm64 \(Graviton\) type but amiType AL2023_x86_64_STANDARD is x86_64/);
  });

  test("a created cluster needs a schedulable cloud node for CoreDNS", () => {
    const expected = "cluster.nodegroups: has no nodegroup with minSize >= 1 and no NoSchedule/NoExecute taint; CoreDNS and the storage controllers would have no node to run on when they are created";
    expect(errorsOf({ cluster: { nodegroups: { default: { minSize: 0 } } } })[0]).toMatch(new RegExp(`^${expected.replace(/[.*+?()[\]\\/]/g, "\\$&")}`));
    expect(errorsOf({ cluster: { nodegroups: { default: { taints: [{ key: "dedicated", effect: "NO_SCHEDULE" }] } } } })[0]).toContain("has no nodegroup with minSize >= 1");
  });

  test("nodegroup labels Kubernetes would reject", () => {
    expect(errorsOf({ cluster: { nodegroups: { default: { labels: { role: "not valid!" } } } } })[0]).toMatch(
      /^cluster\.nodegroups\.default\.labels\.role: must be a Kubernetes label value.*got "not valid!"$/,
    );
  });

  test("log retention must be a value CloudWatch accepts", () => {
    expect(errorsOf({ cluster: { logRetentionDays: 45 } })).toEqual([expect.stringMatching(/^cluster\.logRetentionDays: must be one of 1, 3, 5, 7, 14, 30, 60, 90, .*; got 45$/)]);
  });

  test("authentication mode CONFIG_MAP is refused", () => {
    expect(errorsOf({ cluster: { authenticationMode: "CONFIG_MAP" } })[0]).toMatch(/^cluster\.authenticationMode: .*"API"\|"API_AND_CONFIG_MAP"; got "CONFIG_MAP"$/);
  });

  test("the construct validates on its own too, for use without a config file", () => {
    expect(() => new (require("../modules/platform/platform-stack").PlatformStack)(Testing.app(), "x", {
      environment: patch(cloudEnvironment(), { cluster: { serviceIpv4Cidr: "10.0.0.0/16" } }),
    })).toThrow(/stack x: 1 error\n {2}- cluster\.serviceIpv4Cidr: overlaps the VPC CIDR/);
  });
});
