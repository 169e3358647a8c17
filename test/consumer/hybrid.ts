// Compose in TypeScript (b): the hybrid layout. A created VPC and cluster whose remote networks are
// the on-prem node and pod networks, EKS Hybrid Nodes reached over a transit gateway and a VPN,
// and EFS mounted by cloud pods and by on-prem hosts (with the Hybrid Nodes role).
import { App, TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { EfsStorage, EksCluster, HybridNodes, Network } from "@platform/eks-hybrid-storage";

export class EdgeStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new AwsProvider(this, "aws", { region: "us-east-2", allowedAccountIds: ["444455556666"] });
    const tags = { "cost-center": "edge" };

    const network = new Network(this, "network", {
      mode: "create",
      name: "edge",
      region: "us-east-2",
      tags,
      vpcCidr: "10.60.0.0/16",
      privateSubnets: { "edge-a": { availabilityZone: "us-east-2a", cidr: "10.60.0.0/20" }, "edge-b": { availabilityZone: "us-east-2b", cidr: "10.60.16.0/20" } },
      publicSubnets: { "public-a": { availabilityZone: "us-east-2a", cidr: "10.60.128.0/24" } },
    });
    const remoteNetworks = { nodeCidrs: ["192.168.100.0/23"], podCidrs: ["192.168.128.0/18"] };
    const cluster = new EksCluster(this, "cluster", {
      name: "edge",
      vpc: network,
      region: "us-east-2",
      accountId: "444455556666",
      remoteNetworks,
      tags,
      // The operators' VPN range and the CI runners reach the private endpoint (443).
      endpoint: { privateAccessCidrs: ["10.200.0.0/24"] },
    });
    const hybrid = new HybridNodes(this, "hybrid", {
      vpc: network,
      cluster,
      tags,
      remoteNodeCidrs: remoteNetworks.nodeCidrs,
      remotePodCidrs: remoteNetworks.podCidrs,
      connectivity: { gateway: { type: "transit-gateway" }, vpn: { customerGatewayIp: "198.51.100.10", routing: "bgp" } },
    });
    new EfsStorage(this, "efs", { vpc: network, cluster, tags, onPremPrincipalArns: [hybrid.role.arn] });
  }
}

if (require.main === module) {
  const app = new App({ outdir: "out" });
  new EdgeStack(app, "edge");
  app.synth();
}
