import { parseEnvironment } from "../modules/config/load";
import { renderCiliumValues, renderNodeConfig, hybridNodePolicy, onPremFirewallRequirements } from "../modules/hybrid-nodes/render";
import { operatorRoutes } from "../modules/hybrid-nodes/hybrid-nodes";
import { expiryFromNow } from "../modules/hybrid-nodes/hybrid-nodes";
import { cloudEnvironment, configErrors, hybridEnvironment, Json, onlyResource, outputValue, patch, resources, synthEnvironment } from "./helpers";

const HYBRID_TYPES = [
  "aws_ssm_activation",
  "aws_rolesanywhere_trust_anchor",
  "aws_rolesanywhere_profile",
  "aws_route53_resolver_endpoint",
  "aws_ec2_transit_gateway",
  "aws_vpn_connection",
  "aws_vpc_security_group_ingress_rule",
  "aws_vpc_security_group_egress_rule",
  "aws_route",
  "aws_ssm_parameter",
  "helm_release",
];

describe("hybrid layout", () => {
  const json = synthEnvironment(hybridEnvironment());
  const cluster = onlyResource(json, "aws_eks_cluster");

  test("sets the remote node and pod networks on the cluster, private endpoint only", () => {
    expect(cluster.remote_network_config).toEqual({
      remote_node_networks: { cidrs: ["192.168.100.0/23"] },
      remote_pod_networks: { cidrs: ["192.168.128.0/18"] },
    });
    expect(cluster.vpc_config).toMatchObject({ endpoint_private_access: true, endpoint_public_access: false });
    expect(cluster.access_config.authentication_mode).toBe("API");
  });

  test("control-plane group: 443 in from every remote CIDR, 10250 out to nodes, webhooks out to pods, one rule per CIDR and port", () => {
    const ingress = Object.entries(resources(json, "aws_vpc_security_group_ingress_rule")).filter(([k]) => k.startsWith("hybrid_cp-"));
    // Ports from AND to, protocol and CIDR: a widened range (443-65535) or another protocol fails here.
    expect(ingress.map(([, r]) => `${r.ip_protocol}:${r.from_port}-${r.to_port}:${r.cidr_ipv4}`).sort()).toEqual(["tcp:443-443:192.168.100.0/23", "tcp:443-443:192.168.128.0/18"]);
    for (const [, r] of ingress) expect(r.security_group_id).toMatch(/aws_security_group\.cluster_control-plane-sg_\w+\.id/);
    const egress = Object.values(resources(json, "aws_vpc_security_group_egress_rule"));
    expect(egress.map((r) => `${r.ip_protocol}:${r.from_port}-${r.to_port}:${r.cidr_ipv4}`).sort()).toEqual([
      "tcp:10250-10250:192.168.100.0/23",
      "tcp:10250-10250:192.168.128.0/18",
      "tcp:443-443:192.168.128.0/18",
      "tcp:8443-8443:192.168.128.0/18",
      "tcp:9443-9443:192.168.128.0/18",
    ]);
    for (const sg of Object.values(resources(json, "aws_security_group"))) {
      expect(sg.ingress).toBeUndefined(); // never inline rules beside rule resources (HYB-CL-06)
      expect(sg.egress).toBeUndefined();
    }
  });

  test("adding a remote CIDR adds rules and routes without re-addressing existing ones", () => {
    const bigger = synthEnvironment(patch(hybridEnvironment(), { hybrid: { remoteNodeCidrs: ["192.168.100.0/23", "10.99.0.0/24"] } }));
    for (const type of ["aws_vpc_security_group_ingress_rule", "aws_vpc_security_group_egress_rule", "aws_route"]) {
      const before = Object.keys(resources(json, type));
      const after = Object.keys(resources(bigger, type));
      expect(after).toEqual(expect.arrayContaining(before));
      expect(after.length).toBeGreaterThan(before.length);
    }
  });

  test("routes every remote CIDR through the transit gateway in every private route table", () => {
    const routes = Object.values(resources(json, "aws_route"));
    expect(routes.map((r) => `${r.route_table_id}->${r.destination_cidr_block}`).sort()).toEqual([
      "rtb-0a1b2c3d4e5f60001->192.168.100.0/23",
      "rtb-0a1b2c3d4e5f60001->192.168.128.0/18",
      "rtb-0a1b2c3d4e5f60002->192.168.100.0/23",
      "rtb-0a1b2c3d4e5f60002->192.168.128.0/18",
    ]);
    for (const r of routes) expect(r.transit_gateway_id).toMatch(/aws_ec2_transit_gateway\.hybrid_connectivity_transit-gateway_\w+\.id/);
  });

  test("static VPN on a transit gateway gets transit gateway routes to on-prem", () => {
    expect(onlyResource(json, "aws_vpn_connection")).toMatchObject({ type: "ipsec.1", static_routes_only: true, transit_gateway_id: expect.any(String) });
    expect(Object.values(resources(json, "aws_ec2_transit_gateway_route")).map((r) => r.destination_cidr_block).sort()).toEqual(["192.168.100.0/23", "192.168.128.0/18"]);
    expect(onlyResource(json, "aws_ec2_transit_gateway_vpc_attachment").subnet_ids).toEqual(["subnet-0a1b2c3d4e5f60001", "subnet-0a1b2c3d4e5f60002"]);
  });

  test("inbound resolver: two IPs in different AZs, TCP and UDP 53 from the remote networks, IPs as an output", () => {
    expect(onlyResource(json, "aws_route53_resolver_endpoint")).toMatchObject({
      direction: "INBOUND",
      ip_address: [{ subnet_id: "subnet-0a1b2c3d4e5f60001" }, { subnet_id: "subnet-0a1b2c3d4e5f60002" }],
    });
    const dns = Object.entries(resources(json, "aws_vpc_security_group_ingress_rule")).filter(([k]) => k.startsWith("hybrid_resolver-"));
    expect(dns.map(([, r]) => `${r.ip_protocol}:${r.from_port}-${r.to_port}:${r.cidr_ipv4}`).sort()).toEqual([
      "tcp:53-53:192.168.100.0/23",
      "tcp:53-53:192.168.128.0/18",
      "udp:53-53:192.168.100.0/23",
      "udp:53-53:192.168.128.0/18",
    ]);
    for (const [, r] of dns) expect(r.security_group_id).toMatch(/aws_security_group\.hybrid_resolver-sg_\w+\.id/);
    expect(outputValue(json, "inbound_resolver_ips")).toMatch(/^\$\{\[for a in aws_route53_resolver_endpoint\.[\w-]+\.ip_address : a\.ip\]\}$/);
  });

  test("SSM credentials: role trusted by SSM with confused-deputy conditions, documented policies, HYBRID_LINUX entry", () => {
    const role = Object.entries(resources(json, "aws_iam_role")).find(([k]) => k.startsWith("hybrid_"))![1];
    // HYB-IAM-03, written out: principal, action and both confused-deputy conditions.
    expect(JSON.parse(role.assume_role_policy)).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          Principal: { Service: "ssm.amazonaws.com" },
          Action: "sts:AssumeRole",
          Condition: {
            StringEquals: { "aws:SourceAccount": "111122223333" },
            ArnEquals: { "aws:SourceArn": "arn:aws:ssm:eu-west-1:111122223333:*" },
          },
        },
      ],
    });
    const attached = Object.values(resources(json, "aws_iam_role_policy_attachment")).filter((a) => String(a.role).includes("hybrid_node-role")).map((a) => a.policy_arn).sort();
    expect(attached).toEqual(["arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryPullOnly", "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore"]);
    expect(Object.values(resources(json, "aws_eks_access_entry")).filter((e) => e.type === "HYBRID_LINUX")).toHaveLength(1);
    expect(resources(json, "aws_eks_access_policy_association")).toEqual({}); // HYB-IAM-05
  });

  test("the activation: role name, limit, expiry from the clock (pinned after creation), tagged for deregistration", () => {
    expect(onlyResource(json, "aws_ssm_activation")).toMatchObject({
      iam_role: expect.stringMatching(/aws_iam_role\.hybrid_node-role_\w+\.name/),
      registration_limit: 10,
      expiration_date: "2026-12-05T00:00:00Z",
      // Issue 9.9: tags (and provider default tags, through tags_all) never replace the activation.
      lifecycle: { ignore_changes: ["expiration_date", "tags", "tags_all"] },
      tags: { EKSClusterARN: expect.stringMatching(/aws_eks_cluster\.cluster_\w+\.arn/) },
    });
  });

  test("a pinned expiry still ignores tag changes", () => {
    const pinned = synthEnvironment(patch(hybridEnvironment(), { hybrid: { credentials: { ssm: { expirationDate: "2026-12-10T00:00:00Z" } } } }));
    expect(onlyResource(pinned, "aws_ssm_activation").lifecycle).toEqual({ ignore_changes: ["tags", "tags_all"] });
  });

  test("cluster security group: TCP and UDP 53 from every remote node and pod CIDR to CoreDNS (issue 9.3)", () => {
    const dns = Object.entries(resources(json, "aws_vpc_security_group_ingress_rule")).filter(([k]) => k.startsWith("hybrid_dns-"));
    expect(dns.map(([, r]) => `${r.ip_protocol}:${r.from_port}-${r.to_port}:${r.cidr_ipv4}`).sort()).toEqual([
      "tcp:53-53:192.168.100.0/23",
      "tcp:53-53:192.168.128.0/18",
      "udp:53-53:192.168.100.0/23",
      "udp:53-53:192.168.128.0/18",
    ]);
    // The EKS-created cluster group (CoreDNS pods on managed nodes), not the additional control-plane group.
    for (const [, r] of dns) expect(r.security_group_id).toMatch(/aws_eks_cluster\.cluster_\w+\.vpc_config\[0\]\.cluster_security_group_id/);
  });

  test("the NodeConfig lives in a SecureString; the activation code is in no output", () => {
    const param = onlyResource(json, "aws_ssm_parameter");
    expect(param.type).toBe("SecureString");
    // Issue 10.3: written with the write-only argument, so the code never lands in the parameter's state.
    expect(param.value).toBeUndefined();
    expect(param.value_wo).toContain("activationCode: ${aws_ssm_activation.");
    // The version follows the activation id, never the code.
    expect(param.value_wo_version).toMatch(/^\$\{parseint\(substr\(sha1\(join\("\|", \[aws_eks_cluster\.cluster_\w+\.name, "eu-west-1", "false", aws_ssm_activation\.hybrid_activation_\w+\.id\]\)\), 0, 7\), 16\)\}$/);
    expect(param.value_wo_version).not.toContain("activation_code");
    const outputs = JSON.stringify(json.output);
    for (const secret of ["activation_code", "value_wo", "tunnel1_preshared_key", "tunnel2_preshared_key", "svm_admin_password"]) expect(outputs).not.toContain(secret);
  });

  test("Cilium: pinned chart, hybrid nodes only, cluster-pool IPAM from the pod networks", () => {
    const cilium = onlyResource(json, "helm_release");
    expect(cilium).toMatchObject({ chart: "cilium", repository: "https://helm.cilium.io", version: "1.17.6", namespace: "kube-system" });
    const hybridOnly = {
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: {
          nodeSelectorTerms: [{ matchExpressions: [{ key: "eks.amazonaws.com/compute-type", operator: "In", values: ["hybrid"] }] }],
        },
      },
    };
    expect(JSON.parse(cilium.values[0])).toEqual({
      affinity: hybridOnly,
      ipam: { mode: "cluster-pool", operator: { clusterPoolIPv4PodCIDRList: ["192.168.128.0/18"], clusterPoolIPv4MaskSize: 25 } },
      operator: { replicas: 1, affinity: hybridOnly, unmanagedPodWatcher: { restart: false } },
      loadBalancer: { serviceTopology: true },
      envoy: { enabled: false },
    });
  });

  test("the on-prem firewall requirements are a structured output", () => {
    const out = outputValue(json, "onprem_firewall_requirements") as Json[];
    expect(out).toContainEqual(expect.objectContaining({ direction: "inbound", protocol: "tcp", ports: "10250", to: "192.168.100.0/23" }));
  });
});

describe("the layout switch", () => {
  const hybrid = synthEnvironment(hybridEnvironment());
  const cloud = synthEnvironment(hybridEnvironment({ layout: "cloud-only" }));

  test("cloud-only contains none of the hybrid artefacts", () => {
    for (const type of HYBRID_TYPES) expect(Object.keys(resources(cloud, type))).toEqual([]);
    expect(onlyResource(cloud, "aws_eks_cluster").remote_network_config).toBeUndefined();
    expect(Object.values(resources(cloud, "aws_eks_access_entry")).filter((e) => e.type === "HYBRID_LINUX")).toEqual([]);
  });

  test("keeps every stateful resource at the same address with the same immutable attributes", () => {
    const stateful = ["aws_eks_cluster", "aws_kms_key", "aws_efs_file_system", "aws_fsx_ontap_file_system", "aws_fsx_ontap_storage_virtual_machine", "aws_fsx_ontap_volume"];
    for (const type of stateful) {
      expect(Object.keys(resources(cloud, type))).toEqual(Object.keys(resources(hybrid, type)));
      for (const [id, res] of Object.entries(resources(hybrid, type))) {
        const { remote_network_config: _h, ...rest } = res;
        const { remote_network_config: _c, ...cloudRest } = resources(cloud, type)[id];
        expect(cloudRest).toEqual(rest);
      }
    }
  });

  test("a cloud-only environment may keep its hybrid section, with a warning", () => {
    const { warnings } = parseEnvironment(hybridEnvironment({ layout: "cloud-only" }), "e");
    expect(warnings.map((w) => w.path)).toEqual(["hybrid"]);
  });
});

describe("connectivity options", () => {
  test("a virtual private gateway with a static VPN uses VPN routes and the gateway in route tables", () => {
    const json = synthEnvironment(patch(hybridEnvironment(), { hybrid: { connectivity: { gateway: { type: "virtual-private-gateway" } } } }));
    expect(onlyResource(json, "aws_vpn_gateway")).toMatchObject({ vpc_id: "vpc-0a1b2c3d4e5f60718", amazon_side_asn: "64512" });
    expect(Object.values(resources(json, "aws_vpn_connection_route")).map((r) => r.destination_cidr_block).sort()).toEqual(["192.168.100.0/23", "192.168.128.0/18"]);
    for (const r of Object.values(resources(json, "aws_route"))) expect(r.gateway_id).toMatch(/aws_vpn_gateway\./);
  });

  test("Direct Connect to a transit gateway advertises the VPC CIDRs by default", () => {
    const json = synthEnvironment(patch(hybridEnvironment(), { hybrid: { connectivity: { vpn: undefined, directConnect: {} } } }));
    expect(onlyResource(json, "aws_dx_gateway")).toMatchObject({ amazon_side_asn: "64513" });
    expect(onlyResource(json, "aws_dx_gateway_association")).toMatchObject({ allowed_prefixes: ["10.40.0.0/16"] });
  });

  test("an existing transit gateway with its existing VPC attachment: nothing is attached again (issue 11.2)", () => {
    const json = synthEnvironment(
      patch(hybridEnvironment(), {
        hybrid: { connectivity: { vpn: undefined, gateway: { transitGatewayId: "tgw-0a1b2c3d4e5f60718", vpcAttachmentId: "tgw-attach-0a1b2c3d4e5f60718" } } },
      }),
    );
    expect(resources(json, "aws_ec2_transit_gateway")).toEqual({});
    expect(resources(json, "aws_ec2_transit_gateway_vpc_attachment")).toEqual({});
    for (const r of Object.values(resources(json, "aws_route"))) {
      expect(r.transit_gateway_id).toBe("tgw-0a1b2c3d4e5f60718");
      expect(r.depends_on).toBeUndefined();
    }
  });

  test("podCidrsRoutable: false keeps pod CIDRs out of every route and rule (issue 10.7)", () => {
    const json = synthEnvironment(patch(hybridEnvironment(), { hybrid: { podCidrsRoutable: false } }));
    const pod = "192.168.128.0/18";
    for (const type of ["aws_vpc_security_group_ingress_rule", "aws_vpc_security_group_egress_rule"]) {
      for (const r of Object.values(resources(json, type))) expect(r.cidr_ipv4).not.toBe(pod);
    }
    for (const type of ["aws_route", "aws_ec2_transit_gateway_route"]) {
      const dests = Object.values(resources(json, type)).map((r) => r.destination_cidr_block);
      expect(dests.length).toBeGreaterThan(0);
      expect(dests).not.toContain(pod);
    }
    expect(Object.values(resources(json, "aws_vpc_security_group_ingress_rule")).filter((r) => r.cidr_ipv4 === "192.168.100.0/23").map((r) => `${r.ip_protocol}:${r.from_port}-${r.to_port}`).sort()).toEqual([
      "tcp:443-443",
      "tcp:53-53",
      "tcp:53-53",
      "udp:53-53",
      "udp:53-53",
    ]);
    // Cilium still allocates from the pod networks: they are the IPAM pool, routed or not.
    expect(JSON.parse(onlyResource(json, "helm_release").values[0]).ipam.operator.clusterPoolIPv4PodCIDRList).toEqual([pod]);
  });

  test("an existing transit gateway is attached, not created", () => {
    const json = synthEnvironment(patch(hybridEnvironment(), { hybrid: { connectivity: { vpn: undefined, gateway: { transitGatewayId: "tgw-0a1b2c3d4e5f60718" } } } }));
    expect(resources(json, "aws_ec2_transit_gateway")).toEqual({});
    expect(onlyResource(json, "aws_ec2_transit_gateway_vpc_attachment").transit_gateway_id).toBe("tgw-0a1b2c3d4e5f60718");
  });

  test("VPC routes can be left to the network team", () => {
    const json = synthEnvironment(patch(hybridEnvironment(), { hybrid: { connectivity: { vpcRoutes: false } } }));
    expect(resources(json, "aws_route")).toEqual({});
    expect(Object.keys(resources(json, "aws_ec2_transit_gateway_route"))).toHaveLength(2);
  });

  test("BGP routing creates no static routes", () => {
    const json = synthEnvironment(patch(hybridEnvironment(), { hybrid: { connectivity: { vpn: { routing: "bgp" } } } }));
    expect(onlyResource(json, "aws_vpn_connection").static_routes_only).toBe(false);
    expect(resources(json, "aws_ec2_transit_gateway_route")).toEqual({});
  });
});

describe("IAM Roles Anywhere credentials", () => {
  const pem = "-----BEGIN CERTIFICATE-----\nMIIBfake\n-----END CERTIFICATE-----";
  const json = synthEnvironment(patch(hybridEnvironment(), { hybrid: { credentials: { iamRolesAnywhere: { caCertificatePem: pem } } } }));

  test("trust policy escapes the IAM policy variable for Terraform ($${...})", () => {
    const role = Object.entries(resources(json, "aws_iam_role")).find(([k]) => k.startsWith("hybrid_"))![1];
    expect(role.assume_role_policy).toContain('"sts:RoleSessionName":"$${aws:PrincipalTag/x509Subject/CN}"');
    expect(role.assume_role_policy).toMatch(/"aws:SourceArn":"\$\{aws_rolesanywhere_trust_anchor\.[\w-]+\.arn\}"/);
    expect(role.max_session_duration).toBeGreaterThan(3600);
  });

  test("a profile session as long as the role's maximum is refused", () => {
    const env = patch(hybridEnvironment(), { hybrid: { credentials: { iamRolesAnywhere: { caCertificatePem: pem, durationSeconds: 43200 } } } });
    expect(configErrors(() => parseEnvironment(env, "e"))).toEqual([
      "hybrid.credentials.iamRolesAnywhere.durationSeconds: must be below 43200: the role's maximum session (at most 43200 s) must exceed it; got 43200",
    ]);
  });

  test("a short profile session keeps the role's maximum inside the provider's 3600-43200 (issue 9.12)", () => {
    const short = synthEnvironment(patch(hybridEnvironment(), { hybrid: { credentials: { iamRolesAnywhere: { caCertificatePem: pem, durationSeconds: 900 } } } }));
    const role = Object.entries(resources(short, "aws_iam_role")).find(([k]) => k.startsWith("hybrid_"))![1];
    expect(role.max_session_duration).toBe(3600);
    expect(onlyResource(short, "aws_rolesanywhere_profile").duration_seconds).toBe(900);
  });

  test("creates trust anchor and profile (custom session names), and no SSM activation", () => {
    expect(onlyResource(json, "aws_rolesanywhere_trust_anchor").source).toEqual({ source_type: "CERTIFICATE_BUNDLE", source_data: { x509_certificate_data: pem } });
    expect(onlyResource(json, "aws_rolesanywhere_profile")).toMatchObject({ accept_role_session_name: true, duration_seconds: 3600 });
    expect(resources(json, "aws_ssm_activation")).toEqual({});
    const attached = Object.values(resources(json, "aws_iam_role_policy_attachment")).map((a) => a.policy_arn);
    expect(attached).not.toContain("arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore");
  });
});

describe("rendered artefacts", () => {
  test("NodeConfig: hybrid nodes label themselves with the zone onprem (CoreDNS spread, zone-local traffic)", () => {
    const yaml = renderNodeConfig({ clusterName: "prod", region: "eu-west-1", credentials: { kind: "ssm", activationId: "act-id", activationCode: "act-code" }, enableCredentialsFile: false });
    expect(yaml).toBe(
      [
        "apiVersion: node.eks.aws/v1alpha1",
        "kind: NodeConfig",
        "spec:",
        "  cluster:",
        "    name: prod",
        "    region: eu-west-1",
        "  kubelet:",
        "    flags:",
        "      - --node-labels=topology.kubernetes.io/zone=onprem",
        "  hybrid:",
        "    ssm:",
        "      activationCode: act-code",
        "      activationId: act-id",
        "",
      ].join("\n"),
    );
  });
  test("NodeConfig with SSM", () => {
    expect(renderNodeConfig({ clusterName: "prod", region: "eu-west-1", credentials: { kind: "ssm", activationId: "act-id", activationCode: "act-code" }, enableCredentialsFile: false })).toMatchSnapshot();
  });
  test("NodeConfig with IAM Roles Anywhere and Pod Identity", () => {
    expect(
      renderNodeConfig({
        clusterName: "prod",
        region: "eu-west-1",
        credentials: { kind: "iam-roles-anywhere", trustAnchorArn: "arn:ta", profileArn: "arn:profile", roleArn: "arn:role" },
        enableCredentialsFile: true,
      }),
    ).toMatchSnapshot();
  });
  test("Cilium values", () => {
    expect(renderCiliumValues({ podCidrs: ["10.201.0.0/16"], maskSize: 24 })).toMatchSnapshot();
  });
  test("hybrid node policy (SSM, with Pod Identity)", () => {
    expect(JSON.parse(hybridNodePolicy({ clusterArn: "arn:aws:eks:eu-west-1:111122223333:cluster/prod", kind: "ssm", podIdentity: true, partition: "aws", region: "eu-west-1", accountId: "111122223333" }))).toMatchSnapshot();
  });
  test("firewall requirements", () => {
    expect(onPremFirewallRequirements({ nodeCidrs: ["10.200.0.0/16"], podCidrs: ["10.201.0.0/16"], vpcCidrs: ["10.0.0.0/16"], region: "eu-west-1", credentials: "ssm", webhookPorts: [443] })).toMatchSnapshot();
  });
  test("activation expiry counts whole days", () => {
    expect(expiryFromNow(new Date("2026-11-28T23:59:00Z"), 30)).toBe("2026-12-28T00:00:00Z");
  });
  test("pod identity on hybrid nodes configures the agent's hybrid DaemonSet", () => {
    const json = synthEnvironment(patch(hybridEnvironment(), { hybrid: { podIdentity: true } }));
    const agent = Object.values(resources(json, "aws_eks_addon")).find((a) => a.addon_name === "eks-pod-identity-agent")!;
    expect(JSON.parse(agent.configuration_values)).toEqual({ daemonsets: { hybrid: { create: true } } });
  });
});

describe("hybrid validation", () => {
  const errorsOf = (p: unknown) => configErrors(() => parseEnvironment(patch(hybridEnvironment(), p), "e"));

  test("hybrid layout without a hybrid section", () => {
    expect(configErrors(() => parseEnvironment(cloudEnvironment({ layout: "hybrid" }), "e"))).toEqual([
      "hybrid: is required in the hybrid layout; got nothing; allowed: a section with remoteNodeCidrs, remotePodCidrs and connectivity",
    ]);
  });

  test("hybrid without remote node CIDRs", () => {
    expect(errorsOf({ hybrid: { remoteNodeCidrs: [] } })).toEqual(["hybrid.remoteNodeCidrs: list at least one on-prem node network; got []"]);
  });

  test("overlapping remote CIDRs", () => {
    expect(errorsOf({ hybrid: { remotePodCidrs: ["192.168.101.0/24"] } })).toEqual([
      'hybrid.remotePodCidrs[0]: overlaps hybrid.remoteNodeCidrs[0] (192.168.100.0/23) (HYB-NET-03); got "192.168.101.0/24"',
    ]);
  });

  test("a public CIDR", () => {
    expect(errorsOf({ hybrid: { remoteNodeCidrs: ["203.0.113.0/24"] } })).toEqual([
      'hybrid.remoteNodeCidrs[0]: is not a private network (HYB-NET-01); got "203.0.113.0/24"; allowed: a range inside 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16',
    ]);
  });

  test("malformed and non-network CIDRs", () => {
    expect(errorsOf({ hybrid: { remoteNodeCidrs: ["192.168.100.7/23", "10.1.2"] } })).toEqual([
      'hybrid.remoteNodeCidrs[0]: has host bits set; the network address is 192.168.100.0/23; expected an IPv4 network such as 10.0.0.0/16; got "192.168.100.7/23"',
      'hybrid.remoteNodeCidrs[1]: is not in CIDR notation (a.b.c.d/n); expected an IPv4 network such as 10.0.0.0/16; got "10.1.2"',
    ]);
  });

  test("a remote CIDR overlapping the VPC or the service CIDR", () => {
    expect(errorsOf({ hybrid: { remoteNodeCidrs: ["10.40.128.0/20"], remotePodCidrs: ["172.20.0.0/18"] } })).toEqual([
      'hybrid.remoteNodeCidrs[0]: overlaps the VPC CIDR 10.40.0.0/16 (HYB-NET-03); got "10.40.128.0/20"; allowed: a range outside every VPC CIDR',
      'hybrid.remotePodCidrs[0]: overlaps the cluster\'s service CIDR 172.20.0.0/16 (HYB-NET-03); got "172.20.0.0/18"; allowed: a range outside the service CIDR',
    ]);
  });

  test("CGNAT is an error naming the field: the pinned provider 6.25 refuses it at plan (issue 9.12, HYB-NET-02)", () => {
    expect(errorsOf({ hybrid: { remotePodCidrs: ["100.64.0.0/16"] } })).toEqual([
      'hybrid.remotePodCidrs[0]: is in 100.64.0.0/10 (CGNAT), which the pinned AWS provider 6.25 refuses at plan for remote_network_config (HYB-NET-02); got "100.64.0.0/16"; allowed: a range inside 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16',
    ]);
  });

  test("dnsClientCidrs: private ranges only, so the internet split into pieces is refused (issue 10.4)", () => {
    expect(errorsOf({ hybrid: { dnsClientCidrs: ["0.0.0.0/1", "128.0.0.0/1", "10.10.0.0/16", "203.0.113.0/24"] } })).toEqual([
      'hybrid.dnsClientCidrs[0]: is not a private network; the inbound resolver\'s DNS client list takes private ranges only; got "0.0.0.0/1"; allowed: a range inside 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16',
      'hybrid.dnsClientCidrs[1]: is not a private network; the inbound resolver\'s DNS client list takes private ranges only; got "128.0.0.0/1"; allowed: a range inside 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16',
      'hybrid.dnsClientCidrs[3]: is not a private network; the inbound resolver\'s DNS client list takes private ranges only; got "203.0.113.0/24"; allowed: a range inside 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16',
    ]);
  });

  test("Direct Connect allowed prefixes: the internet split into pieces is refused (issue 10.4)", () => {
    expect(errorsOf({ hybrid: { connectivity: { directConnect: { allowedPrefixes: ["0.0.0.0/1", "128.0.0.0/1", "10.40.0.0/16"] } } } })).toEqual([
      'hybrid.connectivity.directConnect.allowedPrefixes[0]: opens the prefixes advertised over Direct Connect to a /1; ranges shorter than /8 are refused (0.0.0.0/0 split into pieces is still the internet); got "0.0.0.0/1"; allowed: /8 or longer: the CIDRs of your offices, VPNs or CI runners',
      'hybrid.connectivity.directConnect.allowedPrefixes[1]: opens the prefixes advertised over Direct Connect to a /1; ranges shorter than /8 are refused (0.0.0.0/0 split into pieces is still the internet); got "128.0.0.0/1"; allowed: /8 or longer: the CIDRs of your offices, VPNs or CI runners',
    ]);
  });

  test("Direct Connect prefixes that leave out the VPC are a warning (NET-02)", () => {
    const { warnings } = parseEnvironment(patch(hybridEnvironment(), { hybrid: { connectivity: { vpn: { routing: "bgp" }, directConnect: { allowedPrefixes: ["10.41.0.0/16"] } } } }), "e");
    expect(warnings.map((w) => `${w.path}: ${w.message}`)).toEqual([
      "hybrid.connectivity.directConnect.allowedPrefixes: does not cover the VPC CIDR 10.40.0.0/16: on-prem would have no route to it over Direct Connect (NET-02)",
    ]);
  });

  test("ASN conflicts (issue 9.10)", () => {
    expect(errorsOf({ hybrid: { connectivity: { directConnect: { amazonSideAsn: 64512 } } } })).toEqual([
      "hybrid.connectivity.directConnect.amazonSideAsn: equals hybrid.connectivity.gateway.amazonSideAsn; AWS requires different ASNs on the Direct Connect gateway and the transit-gateway it is associated with; got 64512; allowed: a different private ASN",
    ]);
    expect(errorsOf({ hybrid: { connectivity: { vpn: { routing: "bgp", customerGatewayAsn: 64512 } } } })).toEqual([
      "hybrid.connectivity.vpn.customerGatewayAsn: equals hybrid.connectivity.gateway.amazonSideAsn; the on-prem device and AWS must have different ASNs to peer over BGP; got 64512; allowed: your device's ASN, different from the Amazon side",
    ]);
    const { warnings } = parseEnvironment(patch(hybridEnvironment(), { hybrid: { connectivity: { vpn: { customerGatewayAsn: 64512 } } } }), "e");
    expect(warnings.map((w) => w.path)).toEqual(["hybrid.connectivity.vpn.customerGatewayAsn"]);
  });

  test("a static VPN beside Direct Connect is a warning that says why (issue 9.10)", () => {
    const { warnings } = parseEnvironment(patch(hybridEnvironment(), { hybrid: { connectivity: { directConnect: {} } } }), "e");
    expect(warnings.map((w) => `${w.path}: ${w.message}`)).toEqual([
      "hybrid.connectivity.vpn.routing: is static while directConnect is set: the VPN's static routes to the on-prem CIDRs win over the routes learned over Direct Connect, so all traffic takes the VPN; use routing: bgp for a VPN backup to Direct Connect",
    ]);
  });

  test("a route table id for a created transit gateway is refused", () => {
    expect(errorsOf({ hybrid: { connectivity: { gateway: { transitGatewayRouteTableId: "tgw-rtb-0a1b2c3d4e5f60718" } } } })).toEqual([
      'hybrid.connectivity.gateway.transitGatewayRouteTableId: is only valid with an existing transit gateway (gateway.transitGatewayId); a created one uses its default route table; got "tgw-rtb-0a1b2c3d4e5f60718"; allowed: add transitGatewayId, or remove transitGatewayRouteTableId',
    ]);
  });

  test("an empty attachment subnet list is refused (provider: subnet_ids MinItems 1)", () => {
    expect(errorsOf({ hybrid: { connectivity: { gateway: { attachmentSubnets: [] } } } })).toEqual([
      "hybrid.connectivity.gateway.attachmentSubnets: lists no subnet; a transit gateway VPC attachment needs one subnet per AZ; got []; allowed: subnet names of the VPC",
    ]);
  });

  test("resolver subnets: at most 10 (provider: ip_address MaxItems 10)", () => {
    const subnets = Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`s${i}`, { id: `subnet-0a1b2c3d4e5f6${String(i).padStart(4, "0")}`, availabilityZone: i % 2 ? "eu-west-1a" : "eu-west-1b", routeTableId: "rtb-0a1b2c3d4e5f60001" }]));
    const names = Object.keys(subnets);
    expect(errorsOf({ network: { subnets }, hybrid: { resolverSubnets: names } })).toContain(
      `hybrid.resolverSubnets: lists 11 subnets; a resolver endpoint takes at most 10 IP addresses; got ${JSON.stringify(names)}; allowed: 2-10 subnets`,
    );
  });

  test("an existing attachment needs an existing transit gateway", () => {
    expect(errorsOf({ hybrid: { connectivity: { gateway: { vpcAttachmentId: "tgw-attach-0a1b2c3d4e5f60718" } } } })).toContain(
      'hybrid.connectivity.gateway.vpcAttachmentId: is only valid with an existing transit gateway (gateway.transitGatewayId); got "tgw-attach-0a1b2c3d4e5f60718"; allowed: add transitGatewayId, or remove vpcAttachmentId',
    );
    expect(errorsOf({ hybrid: { connectivity: { gateway: { vpcAttachmentId: "tgw-attach-1" } } } })).toContain(
      'hybrid.connectivity.gateway.vpcAttachmentId: must be an id such as tgw-attach-0123456789abcdef0; got "tgw-attach-1"',
    );
  });

  test("both SSM and Roles Anywhere", () => {
    const pem = "-----BEGIN CERTIFICATE-----\nx\n-----END CERTIFICATE-----";
    expect(errorsOf({ hybrid: { credentials: { ssm: {}, iamRolesAnywhere: { caCertificatePem: pem } } } })).toEqual([
      'hybrid.credentials: sets both ssm and iamRolesAnywhere; on-prem nodes must use exactly one credential provider (HYB-IAM-01); got ["ssm","iamRolesAnywhere"]; allowed: ssm or iamRolesAnywhere',
    ]);
  });

  test("activation expiry more than 30 days ahead, or in the past", () => {
    const far = new Date(Date.now() + 40 * 86_400_000).toISOString();
    expect(errorsOf({ hybrid: { credentials: { ssm: { expirationDate: far } } } })[0]).toMatch(
      /^hybrid\.credentials\.ssm\.expirationDate: is more than 30 days ahead; SSM refuses longer activations \(HYB-IAM-06\); got ".*"; allowed: a time before /,
    );
    expect(errorsOf({ hybrid: { credentials: { ssm: { expirationDate: "2020-01-01T00:00:00Z" } } } })[0]).toMatch(/expirationDate: is in the past/);
    expect(errorsOf({ hybrid: { credentials: { ssm: { expiresInDays: 31 } } } })[0]).toMatch(/^hybrid\.credentials\.ssm\.expiresInDays: .*<=30; got 31$/);
  });

  test("connectivity mistakes", () => {
    expect(errorsOf({ hybrid: { connectivity: { vpn: undefined } } })[0]).toMatch(/^hybrid\.connectivity: gives no way to reach on-prem/);
    expect(errorsOf({ hybrid: { connectivity: { gateway: { type: "virtual-private-gateway", transitGatewayId: "tgw-0a1b2c3d4e5f60718" } } } })).toContainEqual(
      'hybrid.connectivity.gateway.transitGatewayId: is only valid with type transit-gateway; got "tgw-0a1b2c3d4e5f60718"; allowed: remove it, or set type: transit-gateway',
    );
    expect(errorsOf({ hybrid: { connectivity: { gateway: { transitGatewayId: "tgw-0a1b2c3d4e5f60718" } } } })[0]).toMatch(/^hybrid\.connectivity: sets vpn or directConnect for an existing transit gateway/);
  });

  test("transit gateway attachment subnets in one AZ, resolver subnets in one AZ", () => {
    const env = patch(hybridEnvironment(), {
      network: { subnets: { "app-c": { id: "subnet-0a1b2c3d4e5f60003", availabilityZone: "eu-west-1a", routeTableId: "rtb-0a1b2c3d4e5f60003" } } },
      hybrid: { resolverSubnets: ["app-a", "app-c"], connectivity: { gateway: { attachmentSubnets: ["app-a", "app-c"] } } },
    });
    expect(configErrors(() => parseEnvironment(env, "e"))).toEqual([
      'hybrid.connectivity.gateway.attachmentSubnets: puts app-a and app-c in the same availability zone; a transit gateway attachment takes one subnet per AZ; got ["app-a","app-c"]',
      'hybrid.resolverSubnets: must span at least two availability zones (Route 53 Resolver needs two IPs in different AZs); got ["app-a","app-c"]; allowed: subnets in two or more availability zones',
    ]);
  });

  test("a Cilium mask size larger than the pod network", () => {
    expect(errorsOf({ hybrid: { remotePodCidrs: ["192.168.128.0/26"] } })).toEqual([
      "hybrid.cilium.podCidrMaskSize: is larger than the pod network 192.168.128.0/26; Cilium could not carve per-node blocks from it; got 25; allowed: 26..28",
    ]);
  });

  test("an adopted cluster warns that eks-pod-identity-agent must be installed (issue 11.2)", () => {
    const env = hybridEnvironment({ cluster: { mode: "existing", name: "c", endpoint: "https://x.eks.amazonaws.com", certificateAuthorityData: "LS0tLS1CRUdJTiBDRVJU", clusterSecurityGroupId: "sg-0a1b2c3d4e5f60718", serviceIpv4Cidr: "172.20.0.0/16" } });
    const { warnings } = parseEnvironment(env, "e");
    expect(warnings.map((w) => `${w.path}: ${w.message}`)).toContain(
      "hybrid: the cluster is adopted: the eks-pod-identity-agent add-on must be installed on it (with daemonsets.hybrid.create: true for Pod Identity on hybrid nodes); it is not managed here",
    );
    expect(parseEnvironment(hybridEnvironment(), "e").warnings.map((w) => w.path)).toEqual([]);
  });

  test("public and private endpoint together is a warning in hybrid (HYB-CL-03)", () => {
    const { warnings } = parseEnvironment(patch(hybridEnvironment(), { cluster: { endpoint: { publicAccess: true, publicAccessCidrs: ["203.0.113.0/24"] } } }), "e");
    expect(warnings.map((w) => w.path)).toEqual(["cluster.endpoint"]);
  });
});

describe("operator networks reach the private endpoint over the on-prem link (issue 9.4)", () => {
  test("operatorRoutes: outside the VPC and not already routed", () => {
    expect(operatorRoutes(["10.50.0.0/24", "10.40.8.0/24", "192.168.100.0/23", "10.50.0.0/24"], ["192.168.100.0/23"], ["10.40.0.0/16"])).toEqual(["10.50.0.0/24"]);
  });

  test("each private route table gets a route to an operator CIDR through the gateway", () => {
    const json = synthEnvironment(patch(hybridEnvironment(), { cluster: { endpoint: { privateAccessCidrs: ["10.50.0.0/24"] } } }));
    const routes = Object.values(resources(json, "aws_route")).filter((r) => r.destination_cidr_block === "10.50.0.0/24");
    expect(routes.map((r) => r.route_table_id).sort()).toEqual(["rtb-0a1b2c3d4e5f60001", "rtb-0a1b2c3d4e5f60002"]);
    for (const r of routes) expect(r.transit_gateway_id).toMatch(/^\$\{aws_ec2_transit_gateway\./);
    const ingress = Object.values(resources(json, "aws_vpc_security_group_ingress_rule")).filter((r) => r.cidr_ipv4 === "10.50.0.0/24");
    expect(ingress.map((r) => [r.ip_protocol, r.from_port, r.to_port])).toEqual([["tcp", 443, 443]]);
  });
});
