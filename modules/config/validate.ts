import { contains, parseIpv4Cidr } from "../core/cidr";
import { Issues } from "../core/errors";
import { checkKeyRegion } from "../core/kms";
import { partitionOf } from "../core/iam";
import { clusterSubnetNames, validateCluster } from "../cluster/validate";
import { efsSubnetNames, validateEfs } from "../efs/validate";
import { fsxContextFromHybrid, validateFsxOntap } from "../fsx-ontap/validate";
import { validateHybrid } from "../hybrid-nodes/validate";
import { validateInstanceStore } from "../instance-store/validate";
import { privateSubnetInfo, SubnetInfo, validateNetwork, vpcCidrsOf } from "../network/validate";
import { validateRetired } from "../platform/retired";
import { EnvironmentConfig } from "./environment";
import { own } from "../core/records";

/**
 * Rules that span fields or sections, run after the schema accepted the file. Each capability
 * contributes its validator; all of them run, so every error is reported at once.
 */
export function validateEnvironment(env: EnvironmentConfig, issues: Issues): void {
  validateNetwork(env.network, issues, "network");
  const subnets = privateSubnetInfo(env.network);
  const vpcCidrs = vpcCidrsOf(env.network);
  validateCluster(env.cluster, { layout: env.layout, subnets, vpcCidrs, remotePodCidrs: env.layout === "hybrid" ? env.hybrid?.remotePodCidrs : undefined, remoteNodeCidrs: env.layout === "hybrid" ? env.hybrid?.remoteNodeCidrs : undefined }, issues, "cluster");
  const clusterSubnets = clusterSubnetNames(env.cluster, subnets);
  validateHybrid(env.hybrid, { layout: env.layout, subnets, vpcCidrs, serviceIpv4Cidr: env.cluster.serviceIpv4Cidr, clusterSubnetNames: clusterSubnets, clusterAdopted: env.cluster.mode === "existing" }, issues);
  if (env.efs) {
    // Adopted clusters in a file have no node role: EFS then needs clientPrincipalArns (validateEfs).
    validateEfs(env.efs, { subnets, clusterSubnetNames: clusterSubnets, nodeRoleKnown: env.cluster.mode === "create", hybrid: env.layout === "hybrid", clusterName: env.cluster.mode === "create" ? env.cluster.name ?? env.name : env.cluster.name }, issues);
  }
  if (env.fsxOntap) {
    const hybrid = env.layout === "hybrid" ? env.hybrid : undefined;
    validateFsxOntap(env.fsxOntap, fsxContextFromHybrid({ subnets, vpcCidrs, clusterSubnetNames: clusterSubnets }, hybrid), issues);
  }
  if (env.instanceStore) validateInstanceStore(env.instanceStore, { subnets, clusterHasNodeRole: env.cluster.mode === "create" }, issues);
  checkRegions(env, issues);
  // Issue 10.12: the bootstrap bucket's policy refuses objects not encrypted with its key, and the S3
  // backend without kms_key_id writes SSE-S3: the first state write (the lock file) would be refused.
  if (!env.state.kmsKeyArn) {
    issues.warn("state.kmsKeyArn", "is not set: the backend would write state with SSE-S3, which the bootstrap bucket's policy refuses; set it to the bootstrap stack's kms_key_arn output once the bucket exists", undefined, "the state key's ARN");
  }
  checkAdoptedClusterArn(env, issues);
  crossCheck(env, subnets, clusterSubnets, issues);
  validateRetired(env, issues);
}

/** Availability zones and KMS keys must be in the region they are used in (else the apply fails). */
function checkRegions(env: EnvironmentConfig, issues: Issues): void {
  const zones: [string, string][] =
    env.network.mode === "existing"
      ? Object.entries(env.network.subnets).map(([n, s]) => [`network.subnets.${n}.availabilityZone`, s.availabilityZone])
      : [...Object.entries(env.network.privateSubnets).map(([n, s]): [string, string] => [`network.privateSubnets.${n}.availabilityZone`, s.availabilityZone]),
         ...Object.entries(env.network.publicSubnets ?? {}).map(([n, s]): [string, string] => [`network.publicSubnets.${n}.availabilityZone`, s.availabilityZone])];
  if (env.efs?.oneZone) zones.push(["efs.oneZone", env.efs.oneZone]);
  for (const [path, az] of zones) {
    if (az.slice(0, -1) !== env.region) issues.error(path, `is not in the environment's region ${env.region}`, az, `an availability zone of ${env.region}, e.g. ${env.region}a`);
  }
  const keys: [string, string | undefined, string][] = [
    ["cluster.secretsKmsKeyArn", env.cluster.mode === "create" ? env.cluster.secretsKmsKeyArn : undefined, env.region],
    ["efs.kmsKeyArn", env.efs?.kmsKeyArn, env.region],
    ["fsxOntap.kmsKeyArn", env.fsxOntap?.kmsKeyArn, env.region],
    ["state.kmsKeyArn", env.state.kmsKeyArn, env.state.region ?? env.region],
  ];
  for (const [path, arn, region] of keys) checkKeyRegion(arn, region, path, issues);
}

/**
 * An adopted cluster's ARN goes into IAM policies (Resource and Condition of the hybrid node role):
 * it must be exactly that cluster's ARN. Its pattern ends in a free-form tail, and `cluster/*` or an
 * IAM policy variable (`${aws:...}`, literal once Terraform unescapes it) would widen the grant.
 */
function checkAdoptedClusterArn(env: EnvironmentConfig, issues: Issues): void {
  if (env.cluster.mode !== "existing" || env.cluster.arn === undefined) return;
  const expected = `arn:${partitionOf(env.region)}:eks:${env.region}:${env.accountId}:cluster/${env.cluster.name}`;
  if (env.cluster.arn !== expected) issues.error("cluster.arn", "must be the ARN of the adopted cluster (it is used in IAM policies)", env.cluster.arn, expected);
}

/** Rules between capabilities. */
function crossCheck(env: EnvironmentConfig, subnets: Record<string, SubnetInfo>, clusterSubnets: string[], issues: Issues): void {
  const hybrid = env.layout === "hybrid" ? env.hybrid : undefined;
  // EFS-DNS-02: the resolver answers with the mount target of its own AZ, so each resolver AZ needs one.
  if (hybrid?.inboundResolver && env.efs) {
    const efsAzs = new Set(efsSubnetNames(env.efs, { subnets, clusterSubnetNames: clusterSubnets }).map((n) => own(subnets, n)?.availabilityZone));
    const missing = (hybrid.resolverSubnets ?? clusterSubnets).map((n) => own(subnets, n)?.availabilityZone).filter((az) => az && !efsAzs.has(az));
    if (missing.length > 0) {
      issues.warn("efs.subnets", `has no mount target in ${[...new Set(missing)].join(", ")}, where the inbound resolver answers; on-prem names resolved there would point nowhere (EFS-DNS-02)`, [...efsAzs]);
    }
  }
  // NET-02 / FSX-NET-02: explicit Direct Connect prefixes replace the defaults, which advertise the
  // VPC and the Multi-AZ endpoint range; the range must then be among them.
  const prefixes = hybrid?.connectivity.directConnect?.allowedPrefixes;
  const range = env.fsxOntap?.deploymentType.startsWith("MULTI_AZ") ? env.fsxOntap.endpointIpAddressRange : undefined;
  if (prefixes && range) {
    const r = parseIpv4Cidr(range);
    const covered = prefixes.map((t) => parseIpv4Cidr(t)).some((p) => p.ok && r.ok && contains(p.cidr, r.cidr));
    if (r.ok && !covered) {
      issues.warn("hybrid.connectivity.directConnect.allowedPrefixes", `does not cover the FSx endpoint range ${range}: on-prem would have no route to the file system's floating IPs over Direct Connect (NET-02, FSX-NET-02)`, prefixes, `prefixes that contain ${range}, or leave allowedPrefixes out (the VPC and the range are advertised)`);
    }
  }
  // CoreDNS (and the storage controllers) need an untainted cloud node when the add-ons are created,
  // or the CoreDNS add-on stays DEGRADED until Terraform gives up 20 minutes into the apply.
  if (env.cluster.mode === "create") {
    const groups = [...Object.values(env.cluster.nodegroups), ...Object.values(env.instanceStore?.nodegroups ?? {})];
    const schedulable = groups.some((g) => g.minSize >= 1 && g.taints.every((t) => t.effect === "PREFER_NO_SCHEDULE"));
    if (!schedulable) {
      issues.error("cluster.nodegroups", "has no nodegroup with minSize >= 1 and no NoSchedule/NoExecute taint; CoreDNS and the storage controllers would have no node to run on when they are created", Object.keys(env.cluster.nodegroups), "at least one untainted nodegroup with minSize >= 1");
    }
  }
  // Pod Identity needs the agent add-on, which this module set only installs on clusters it creates.
  if (env.cluster.mode === "existing") {
    const message = "uses EKS Pod Identity on an adopted cluster: the eks-pod-identity-agent add-on must already be installed there";
    if (env.efs?.csiDriver) issues.warn("efs.csiDriver", message);
    if (env.fsxOntap?.trident.enabled && env.fsxOntap.trident.identity === "pod-identity") issues.warn("fsxOntap.trident.identity", message);
  }
}
