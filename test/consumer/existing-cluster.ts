// Compose in TypeScript (a): an existing cluster gets EFS, FSx for ONTAP with Trident, and an
// NVMe instance-store nodegroup. Nothing here calls AWS at synth: the VPC and the cluster are
// plain references.
import { App, TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { ClusterRef, EfsStorage, FsxOntap, InstanceStore, Trident, VpcRef } from "@platform/eks-hybrid-storage";

export class SharedStorageStack extends TerraformStack {
  public readonly efs: EfsStorage;
  public readonly fsx: FsxOntap;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    new AwsProvider(this, "aws", { region: "eu-west-1", allowedAccountIds: ["111122223333"] });
    const tags = { "cost-center": "platform" };

    const vpc = VpcRef.fromAttributes({
      vpcId: "vpc-0a1b2c3d4e5f60718",
      vpcCidrs: ["10.40.0.0/16"],
      subnets: {
        "app-a": { id: "subnet-0a1b2c3d4e5f60001", availabilityZone: "eu-west-1a", routeTableId: "rtb-0a1b2c3d4e5f60001" },
        "app-b": { id: "subnet-0a1b2c3d4e5f60002", availabilityZone: "eu-west-1b", routeTableId: "rtb-0a1b2c3d4e5f60002" },
      },
    });
    const cluster = ClusterRef.fromAttributes(
      {
        name: "prod",
        endpoint: "https://ABCDEF0123456789.gr7.eu-west-1.eks.amazonaws.com",
        certificateAuthorityData: "LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0t",
        securityGroupId: "sg-0a1b2c3d4e5f60718",
        serviceIpv4Cidr: "172.20.0.0/16",
        region: "eu-west-1",
        accountId: "111122223333",
        version: "1.33",
        nodeRoleArn: "arn:aws:iam::111122223333:role/prod-nodes",
      },
      vpc,
    );

    this.efs = new EfsStorage(this, "efs", { vpc, cluster, tags, accessPoints: { shared: { uid: 1000, gid: 1000, path: "/shared" } } });
    const trident = new Trident(this, "trident", { cluster, tags });
    this.fsx = new FsxOntap(this, "fsx", {
      vpc,
      cluster,
      trident,
      tags,
      deploymentType: "SINGLE_AZ_1",
      subnets: ["app-a"],
      storageCapacityGiB: 1024,
      throughputMibps: 128,
      svms: { apps: { volumes: { data: { junctionPath: "/data", sizeGiB: 100 } } } },
    });
    new InstanceStore(this, "fast-disks", {
      vpc,
      cluster,
      tags,
      nodegroups: { nvme: { instanceTypes: ["i4i.xlarge"], diskSetup: { method: "nodeadm", strategy: "Mount" } } },
    });
  }
}

if (require.main === module) {
  const app = new App({ outdir: "out" });
  new SharedStorageStack(app, "shared-storage");
  app.synth();
}
