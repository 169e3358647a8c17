/** modules/hybrid-nodes/render.ts: the on-prem firewall requirements when pod CIDRs are not routed on premises. */
import { onPremFirewallRequirements } from "../modules/hybrid-nodes/render";

test("non-routable pod CIDRs: no webhook row, node addresses as the only sources to AWS (issue 10.7)", () => {
  const rows = onPremFirewallRequirements({ nodeCidrs: ["10.200.0.0/16"], podCidrs: ["10.201.0.0/16"], vpcCidrs: ["10.0.0.0/16"], region: "eu-west-1", credentials: "ssm", webhookPorts: [443], podCidrsRoutable: false });
  expect(rows.map((r) => `${r.direction} ${r.protocol} ${r.ports} ${r.from} -> ${r.to}`)).toEqual([
    "outbound tcp 443 10.200.0.0/16 -> EKS control plane ENIs (10.0.0.0/16)",
    "inbound tcp 10250 EKS control plane ENIs (10.0.0.0/16) -> 10.200.0.0/16",
    "outbound tcp 443 10.200.0.0/16 -> ssm.eu-west-1.amazonaws.com, ssmmessages.eu-west-1.amazonaws.com, ec2messages.eu-west-1.amazonaws.com",
    "outbound tcp 443 10.200.0.0/16 -> sts.eu-west-1.amazonaws.com",
    "outbound tcp 443 10.200.0.0/16 -> eks-auth.eu-west-1.amazonaws.com",
    "outbound tcp 443 10.200.0.0/16 -> hybrid-assets.eks.amazonaws.com, eks.eu-west-1.amazonaws.com, api.ecr.eu-west-1.amazonaws.com and ECR registries, amazon-ssm-eu-west-1.s3.eu-west-1.amazonaws.com",
    "inbound udp 53 10.201.0.0/16 -> 10.201.0.0/16",
    "inbound tcp 53 10.201.0.0/16 -> 10.201.0.0/16",
    "outbound udp 53 10.200.0.0/16 -> CoreDNS pods on cloud nodes (10.0.0.0/16)",
    "outbound tcp 53 10.200.0.0/16 -> CoreDNS pods on cloud nodes (10.0.0.0/16)",
    "outbound udp 53 10.200.0.0/16 -> Route 53 inbound resolver IPs (10.0.0.0/16)",
    "outbound tcp 53 10.200.0.0/16 -> Route 53 inbound resolver IPs (10.0.0.0/16)",
    "inbound udp 8472 10.200.0.0/16 -> 10.200.0.0/16",
    "inbound tcp 4240 10.200.0.0/16 -> 10.200.0.0/16",
    "outbound tcp 2049 10.200.0.0/16 -> EFS mount targets (10.0.0.0/16)",
    "outbound tcp 111, 635, 2049, 4045-4046 10.200.0.0/16 -> FSx for ONTAP SVM endpoints (VPC, or the Multi-AZ endpoint range)",
    "outbound udp 111, 635, 2049, 4045-4046, 4049 10.200.0.0/16 -> FSx for ONTAP SVM endpoints (VPC, or the Multi-AZ endpoint range)",
  ]);
});

// HYB-CL-07: CoreDNS runs on hybrid nodes too when pods are routable, and cloud pods query it there.
test("routable pod CIDRs add inbound DNS from the VPC's pods to the on-prem pod CIDRs; unroutable ones do not", () => {
  const dnsIn = (podCidrsRoutable: boolean) =>
    onPremFirewallRequirements({ nodeCidrs: ["10.200.0.0/16"], podCidrs: ["10.201.0.0/16"], vpcCidrs: ["10.0.0.0/16"], region: "eu-west-1", credentials: "ssm", webhookPorts: [443], podCidrsRoutable })
      .filter((r) => r.direction === "inbound" && r.ports === "53" && r.from.startsWith("cloud pods"));
  expect(dnsIn(true)).toEqual([
    { direction: "inbound", protocol: "udp", ports: "53", from: "cloud pods (10.0.0.0/16)", to: "10.201.0.0/16", purpose: "cloud pods to CoreDNS on hybrid nodes" },
    { direction: "inbound", protocol: "tcp", ports: "53", from: "cloud pods (10.0.0.0/16)", to: "10.201.0.0/16", purpose: "cloud pods to CoreDNS on hybrid nodes" },
  ]);
  expect(dnsIn(false)).toEqual([]);
});
