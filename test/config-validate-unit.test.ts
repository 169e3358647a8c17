/** Unit tests for modules/config/validate.ts: validateEnvironment called directly on schema-parsed environments. */
import { EnvironmentInput, EnvironmentSchema } from "../modules/config/environment";
import { validateEnvironment } from "../modules/config/validate";
import { formatIssue, Issues } from "../modules/core/errors";
import { cloudEnvironment, existingVpcEnvironment, hybridEnvironment, patch } from "./helpers";

/** Runs validateEnvironment on an input (defaults applied by the schema) and returns formatted issues. */
const run = (input: EnvironmentInput) => {
  const issues = new Issues();
  validateEnvironment(EnvironmentSchema.parse(input), issues);
  return { errors: issues.errors.map(formatIssue), warnings: issues.warnings.map(formatIssue) };
};

type FsxInput = NonNullable<EnvironmentInput["fsxOntap"]>;

const adoptedCluster: EnvironmentInput["cluster"] = {
  mode: "existing",
  name: "c",
  endpoint: "https://x.eks.amazonaws.com",
  certificateAuthorityData: "LS0tLS1CRUdJTiBDRVJU",
  clusterSecurityGroupId: "sg-0a1b2c3d4e5f60718",
  serviceIpv4Cidr: "172.20.0.0/16",
  version: "1.33",
};

const NODE_ROLE = "arn:aws:iam::111122223333:role/eks-nodes";
const POD_IDENTITY_WARNING = "uses EKS Pod Identity on an adopted cluster: the eks-pod-identity-agent add-on must already be installed there";
const singleAz: FsxInput = { deploymentType: "SINGLE_AZ_1", subnets: ["app-a"], storageCapacityGiB: 1024, throughputMibps: 128, svms: { svm1: {} } };
const multiAzNoRange: FsxInput = { deploymentType: "MULTI_AZ_2", subnets: ["app-a", "app-b"], storageCapacityGiB: 1024, throughputMibps: 384, svms: { svm1: {} } };

/** The hybrid section of hybridEnvironment(), to put into cloud-only environments (where it is ignored). */
const hybridSection = () => hybridEnvironment().hybrid!;

/** An existing VPC with subnets in four AZs; the cluster uses a and b (so EFS mounts there by default). */
const fourAzNetwork: EnvironmentInput["network"] = {
  mode: "existing",
  vpcId: "vpc-0a1b2c3d4e5f60718",
  vpcCidrs: ["10.40.0.0/16"],
  subnets: {
    "app-a": { id: "subnet-0a1b2c3d4e5f60001", availabilityZone: "eu-west-1a", routeTableId: "rtb-0a1b2c3d4e5f60001", cidr: "10.40.0.0/20" },
    "app-b": { id: "subnet-0a1b2c3d4e5f60002", availabilityZone: "eu-west-1b", routeTableId: "rtb-0a1b2c3d4e5f60002", cidr: "10.40.16.0/20" },
    "app-c": { id: "subnet-0a1b2c3d4e5f60003", availabilityZone: "eu-west-1c", routeTableId: "rtb-0a1b2c3d4e5f60003", cidr: "10.40.32.0/20" },
    "app-d": { id: "subnet-0a1b2c3d4e5f60004", availabilityZone: "eu-west-1d", routeTableId: "rtb-0a1b2c3d4e5f60004", cidr: "10.40.48.0/20" },
  },
};

describe("CoreDNS needs a schedulable nodegroup", () => {
  test("a created cluster whose only nodegroup has minSize 0 is refused with what would be accepted", () => {
    const env = patch(cloudEnvironment(), { cluster: { nodegroups: { spare: { minSize: 0 } } } });
    expect(run(env).errors).toEqual([
      'cluster.nodegroups: has no nodegroup with minSize >= 1 and no NoSchedule/NoExecute taint; CoreDNS and the storage controllers would have no node to run on when they are created; got ["spare"]; allowed: at least one untainted nodegroup with minSize >= 1',
    ]);
  });
});

describe("the hybrid section only counts in the hybrid layout", () => {
  test("cloud-only: private endpoint CIDRs inside an ignored hybrid section's pod network are accepted", () => {
    const env = patch(existingVpcEnvironment({ hybrid: hybridSection() }), { cluster: { endpoint: { privateAccessCidrs: ["192.168.128.0/24"] } } });
    expect(run(env)).toEqual({ errors: [], warnings: ["hybrid: is ignored in the cloud-only layout (kept so the environment can switch back to hybrid)"] });
  });

  test("cloud-only: a Multi-AZ FSx without endpoint range only warns, even with an ignored hybrid section", () => {
    const env = existingVpcEnvironment({ hybrid: hybridSection(), fsxOntap: multiAzNoRange });
    expect(run(env)).toEqual({
      errors: [],
      warnings: [
        "hybrid: is ignored in the cloud-only layout (kept so the environment can switch back to hybrid)",
        "fsxOntap.endpointIpAddressRange: is not set: FSx picks one, and setting it later (e.g. when switching to hybrid) replaces the file system",
      ],
    });
  });

  test("cloud-only: an ignored hybrid section's inbound resolver does not ask for EFS mount targets in its AZs", () => {
    const hybrid = { ...hybridSection(), inboundResolver: true, resolverSubnets: ["app-c", "app-d"] };
    const env = cloudEnvironment({ network: fourAzNetwork, cluster: { mode: "create", subnets: ["app-a", "app-b"] }, hybrid, efs: {} });
    expect(run(env)).toEqual({ errors: [], warnings: ["hybrid: is ignored in the cloud-only layout (kept so the environment can switch back to hybrid)"] });
  });
});

describe("EFS context from the environment", () => {
  test("anonymous EFS access in cloud-only warns without mentioning on-prem hosts", () => {
    const env = existingVpcEnvironment({ efs: { allowAnonymousAccess: true } });
    expect(run(env).warnings).toEqual(["efs.allowAnonymousAccess: lets any host that reaches a mount target mount without an IAM identity"]);
  });

  test("anonymous EFS access in the hybrid layout warns that every on-prem host can mount", () => {
    const env = hybridEnvironment({ efs: { allowAnonymousAccess: true } });
    expect(run(env).warnings.filter((w) => w.startsWith("efs."))).toEqual([
      "efs.allowAnonymousAccess: lets any host that reaches a mount target mount (including every host in the on-prem networks) without an IAM identity",
    ]);
  });

  test("a created cluster without a name takes the environment's name for the EFS security group (sg- refused)", () => {
    const env = cloudEnvironment({ name: "sg-test", efs: {} });
    expect(run(env).errors).toEqual([
      'efs: cannot name its security group after cluster sg-test: the AWS provider refuses security group names starting with "sg-"; got "sg-test"; allowed: a cluster name not starting with sg-',
    ]);
  });
});

describe("region checks", () => {
  test("an existing VPC's subnet in another region is refused at its availabilityZone", () => {
    const env = patch(existingVpcEnvironment(), { network: { subnets: { "app-b": { availabilityZone: "eu-west-2b" } } } });
    expect(run(env).errors).toContain('network.subnets.app-b.availabilityZone: is not in the environment\'s region eu-west-1; got "eu-west-2b"; allowed: an availability zone of eu-west-1, e.g. eu-west-1a');
  });

  test("a created public subnet in another region is refused at its availabilityZone", () => {
    const env = patch(cloudEnvironment(), { network: { publicSubnets: { "public-a": { availabilityZone: "eu-west-2a", cidr: "10.0.64.0/24" } } } });
    expect(run(env).errors).toEqual(['network.publicSubnets.public-a.availabilityZone: is not in the environment\'s region eu-west-1; got "eu-west-2a"; allowed: an availability zone of eu-west-1, e.g. eu-west-1a']);
  });

  test("an EFS One Zone AZ in another region is refused at efs.oneZone", () => {
    const env = cloudEnvironment({ efs: { oneZone: "eu-west-2a" } });
    expect(run(env).errors).toContain('efs.oneZone: is not in the environment\'s region eu-west-1; got "eu-west-2a"; allowed: an availability zone of eu-west-1, e.g. eu-west-1a');
  });

  test("an EFS KMS key of another region is refused at efs.kmsKeyArn", () => {
    const arn = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    expect(run(cloudEnvironment({ efs: { kmsKeyArn: arn } })).errors).toEqual([
      'efs.kmsKeyArn: is a key in us-east-1, but it is used in eu-west-1; got "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"; allowed: a KMS key in eu-west-1',
    ]);
  });

  test("an FSx KMS key of another region is refused at fsxOntap.kmsKeyArn", () => {
    const arn = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    expect(run(existingVpcEnvironment({ fsxOntap: { ...singleAz, kmsKeyArn: arn } })).errors).toEqual([
      'fsxOntap.kmsKeyArn: is a key in us-east-1, but it is used in eu-west-1; got "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"; allowed: a KMS key in eu-west-1',
    ]);
  });
});

describe("EFS mount targets in the inbound resolver's AZs (EFS-DNS-02)", () => {
  const hybridFourAz = (hybrid: Record<string, unknown>, efs: Record<string, unknown> = {}) =>
    hybridEnvironment({ network: fourAzNetwork, cluster: { mode: "create", subnets: ["app-a", "app-b"] }, hybrid: { ...hybridSection(), inboundResolver: true, ...hybrid }, efs });

  test("resolver AZs without a mount target are all named, comma-separated, with the mount target AZs as value", () => {
    const { errors, warnings } = run(hybridFourAz({ resolverSubnets: ["app-c", "app-d"] }));
    expect(errors).toEqual([]);
    expect(warnings.filter((w) => w.startsWith("efs.subnets"))).toEqual([
      'efs.subnets: has no mount target in eu-west-1c, eu-west-1d, where the inbound resolver answers; on-prem names resolved there would point nowhere (EFS-DNS-02); got ["eu-west-1a","eu-west-1b"]',
    ]);
  });

  test("an EFS subnet name the VPC lacks is reported as an error, not a crash", () => {
    const { errors } = run(hybridFourAz({}, { subnets: ["app-a", "nope"] }));
    expect(errors).toContain('efs.subnets[1]: names no private subnet of the VPC; got "nope"; allowed: app-a, app-b, app-c, app-d');
  });

  test("a resolver subnet name the VPC lacks is reported as an error, not a crash", () => {
    const { errors } = run(hybridFourAz({ resolverSubnets: ["app-a", "nope"] }));
    expect(errors).toContain('hybrid.resolverSubnets[1]: names no private subnet of network; got "nope"; allowed: app-a, app-b, app-c, app-d');
  });
});

describe("Pod Identity on an adopted cluster", () => {
  test("the EFS CSI driver on an adopted cluster warns that the Pod Identity agent must be installed", () => {
    const env = existingVpcEnvironment({ cluster: adoptedCluster, efs: { clientPrincipalArns: [NODE_ROLE] } });
    expect(run(env)).toEqual({ errors: [], warnings: [`efs.csiDriver: ${POD_IDENTITY_WARNING}`] });
  });

  test("an adopted cluster without EFS or FSx gets no Pod Identity warning", () => {
    expect(run(existingVpcEnvironment({ cluster: adoptedCluster }))).toEqual({ errors: [], warnings: [] });
  });

  test("Trident with Pod Identity on an adopted cluster warns at fsxOntap.trident.identity", () => {
    const env = existingVpcEnvironment({ cluster: adoptedCluster, fsxOntap: singleAz });
    expect(run(env)).toEqual({ errors: [], warnings: [`fsxOntap.trident.identity: ${POD_IDENTITY_WARNING}`] });
  });

  test("Trident with IRSA on an adopted cluster gets no Pod Identity warning", () => {
    const env = existingVpcEnvironment({
      cluster: adoptedCluster,
      fsxOntap: { ...singleAz, trident: { identity: "irsa", oidcProviderArn: "arn:aws:iam::111122223333:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/ABC" } },
    });
    expect(run(env)).toEqual({ errors: [], warnings: [] });
  });
});
