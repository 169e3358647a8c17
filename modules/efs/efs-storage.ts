import { Construct } from "constructs";
import { resolveAddon } from "../core/addons";
import { Token } from "cdktf";
import { EfsAccessPoint } from "@cdktf/provider-aws/lib/efs-access-point";
import { EfsBackupPolicy } from "@cdktf/provider-aws/lib/efs-backup-policy";
import { EfsFileSystem } from "@cdktf/provider-aws/lib/efs-file-system";
import { EfsFileSystemPolicy } from "@cdktf/provider-aws/lib/efs-file-system-policy";
import { EfsMountTarget } from "@cdktf/provider-aws/lib/efs-mount-target";
import { EksAddon } from "@cdktf/provider-aws/lib/eks-addon";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";
import { StorageClassV1 } from "@cdktf/provider-kubernetes/lib/storage-class-v1";
import { z } from "zod";
import { ensureKubernetesProviders } from "../cluster/kubernetes-providers";
import { cidrKey } from "../core/cidr";
import { Issues } from "../core/errors";
import { managedPolicyArn, podIdentityTrustPolicy } from "../core/iam";

/** The EFS CSI add-on's controller service account in kube-system (Pod Identity association target). */
const EFS_CSI_CONTROLLER_SA = "efs-csi-controller-sa";
import { checkKeyRegion, kmsKeyArnFor } from "../core/kms";
import { namedOutput } from "../core/outputs";
import { sortedEntries } from "../core/records";
import { IClusterRef, IVpcRef, subnetsNamed } from "../core/refs";
import { iamPrincipalArn, itemName, securityGroupId, tags as tagsSchema } from "../core/schema";
import { isValidated, parseSection, reportTo, validationWarnings } from "../core/validation";
import { EfsConfig, EfsSchema, EfsStorageOptions } from "./config";
import { EFS_MOUNT_OPTIONS, efsFileSystemPolicy, efsStorageClassParameters } from "./render";
import { efsSubnetNames, validateEfs } from "./validate";

export interface EfsStorageProps extends EfsStorageOptions {
  /** The VPC: mount targets go into its subnets (by key). */
  readonly vpc: IVpcRef;
  /** The cluster whose pods mount the file system (created here or `ClusterRef.fromAttributes`). */
  readonly cluster: IClusterRef;
  /** AWS tags on every taggable resource created here (file system, key, security group, rules, access points, role, add-on). @default {} */
  readonly tags?: Record<string, string>;
  /**
   * The on-prem router routes the cluster's remote pod CIDRs (cluster.remoteNetworks.podCidrs),
   * so NFS from pod IPs is allowed too; otherwise only the node CIDRs (pods leave the host
   * masqueraded, and kubelet mounts `nfs` volumes from the node). The YAML path takes it from
   * `hybrid.podCidrsRoutable`. @default false
   */
  readonly onPremPodCidrsRoutable?: boolean;
  /**
   * IAM roles that on-prem hosts mount with (efs-utils `-o tls,iam`), granted mount and write:
   * typically the Hybrid Nodes role (the YAML path passes it). @default []
   */
  readonly onPremPrincipalArns?: string[];
  /**
   * Security groups of the cloud nodes that mount, keyed by a stable name (part of rule addresses),
   * as `FsxOntap` takes them: nodes that do not carry the cluster security group (a launch template
   * with its own node group, as terraform-aws-modules/eks makes them) need theirs here (EFS-MT-02).
   * @default { "cluster-sg": cluster.securityGroupId }
   */
  readonly clientSecurityGroupIds?: Record<string, string>;
}

/** Mount target of one subnet, for on-prem hosts (EFS-DNS-01). */
export interface OnPremMountTarget {
  readonly ip: string;
  /** AZ-specific name `<az>.<fs-id>.efs.<region>.amazonaws.com`. */
  readonly dns: string;
}

/**
 * EFS shared storage: an encrypted file system (protected from destroy), one mount target per AZ
 * behind a dedicated security group, a file system policy that requires TLS and grants mounting
 * to IAM identities only (anonymous access is an explicit opt-in), access points, backups, the
 * EFS CSI driver add-on with Pod Identity, and StorageClasses that mount with tls,iam. With hybrid
 * remote networks on the cluster it adds NFS ingress from the on-prem networks and the per-AZ
 * on-prem outputs.
 *
 * Keeping the CSI controller off hybrid nodes (HYB-ADD-02): the add-on's node DaemonSet carries
 * `eks.amazonaws.com/compute-type NotIn [fargate, hybrid]` (upstream chart since PR #1496), so no
 * EFS mount is ever attempted on a hybrid node. The controller Deployment cannot be given that
 * affinity: the add-on's configuration schema has no `affinity` (containers-roadmap #2370/#2388
 * open) and no schema of it is public to verify any key (vendor/addons/aws-efs-csi-driver.keys.md),
 * so no configuration is sent unless `controllerNodeSelector` asks for it. The controller only
 * calls the EFS API (access points) with its Pod Identity role, which works from any node that
 * reaches AWS; its tolerations are only CriticalAddonsOnly and efs.csi.aws.com/agent-not-ready,
 * so a NoSchedule taint on hybrid nodes also keeps it off them.
 */
export class EfsStorage extends Construct {
  public readonly fileSystem: EfsFileSystem;
  /** The key created for encryption at rest (absent when `kmsKeyArn` is given). */
  public readonly kmsKey?: KmsKey;
  /** The key the file system is encrypted with (given or created). */
  public readonly kmsKeyArn: string;
  public readonly fileSystemPolicy: EfsFileSystemPolicy;
  public readonly backupPolicy: EfsBackupPolicy;
  /** Security group of the mount targets: NFS from the cluster security group and (hybrid) on-prem. */
  public readonly securityGroup: SecurityGroup;
  /** Mount targets keyed by subnet key. */
  public readonly mountTargets: Record<string, EfsMountTarget> = {};
  /** Access points keyed by name. */
  public readonly accessPoints: Record<string, EfsAccessPoint> = {};
  /** The aws-efs-csi-driver add-on (absent with `csiDriver: false`). */
  public readonly csiDriver?: EksAddon;
  /** Pod Identity role of the CSI controller (absent with `csiDriver: false`). */
  public readonly csiRole?: IamRole;
  /** StorageClasses keyed by name. */
  public readonly storageClasses: Record<string, StorageClassV1> = {};
  /** IAM principals the file system policy grants mount and write. */
  public readonly clientPrincipalArns: readonly string[];
  public readonly fileSystemId: string;
  public readonly dnsName: string;
  /** Access point ids keyed by name (also the `<path>_access_point_<name>` outputs). */
  public readonly accessPointIds: Record<string, string> = {};
  /** Per mount-target subnet, for on-prem hosts; present when the cluster has remote networks. */
  public readonly onPremMountTargets?: Record<string, OnPremMountTarget>;
  /** The options after defaults. */
  public readonly config: EfsConfig;

  constructor(scope: Construct, id: string, props: EfsStorageProps) {
    super(scope, id);
    const { vpc, cluster } = props;
    const issues = new Issues();
    const options = optionsOf(props);
    const config = isValidated(options) ? (options as EfsConfig) : parseSection(EfsSchema, options, "efs", issues, { allowTokens: true });
    const tags = parseSection(tagsSchema, props.tags ?? {}, "tags", issues, { allowTokens: true }) ?? {};
    const onPremPrincipals = parseSection(z.array(iamPrincipalArn), props.onPremPrincipalArns ?? [], "onPremPrincipalArns", issues, { allowTokens: true }) ?? [];
    if (props.clientSecurityGroupIds !== undefined) {
      // Keys name rule addresses; values are group ids (or tokens of groups made in the stack).
      parseSection(z.record(itemName, securityGroupId).refine((m) => Object.keys(m).length > 0, { error: "must name at least one security group; leave it out for the cluster security group" }), props.clientSecurityGroupIds, "clientSecurityGroupIds", issues, { allowTokens: true });
    }
    const hybrid = cluster.remoteNetworks !== undefined;
    const ctx = { subnets: vpc.subnets, clusterSubnetNames: cluster.subnetNames, nodeRoleKnown: cluster.nodeRoleArn !== undefined, hybrid, clusterName: cluster.literalName };
    if (config) {
      if (!isValidated(options)) {
        validateEfs(config, ctx, issues);
        checkKeyRegion(config.kmsKeyArn, cluster.region, "efs.kmsKeyArn", issues);
      } else issues.warnings.push(...validationWarnings(options).filter((w) => w.path.startsWith("efs")));
      // EFS-CSI-02: the add-on's controller gets its role through EKS Pod Identity.
      if (config.csiDriver && !cluster.podIdentityAgent) {
        issues.error("efs.csiDriver", "installs the CSI driver with an EKS Pod Identity role, but the cluster has no eks-pod-identity-agent (podIdentityAgent: false): the controller would get no credentials and volumes would stay Pending", true, "install the eks-pod-identity-agent add-on (then podIdentityAgent: true), or csiDriver: false and install the driver yourself");
      }
    }
    // No prop silently ignored: the on-prem props need remote networks on the cluster.
    if (!hybrid && props.onPremPodCidrsRoutable) issues.warn("onPremPodCidrsRoutable", "is ignored: the cluster has no remote networks (cluster.remoteNetworks)");
    if (hybrid && props.onPremPodCidrsRoutable && cluster.remoteNetworks!.podCidrs.length === 0) issues.warn("onPremPodCidrsRoutable", "is ignored: the cluster has no remote pod networks");
    if (!hybrid && onPremPrincipals.length > 0) issues.warn("onPremPrincipalArns", "are granted mount, but no on-prem network reaches the mount targets: the cluster has no remote networks (cluster.remoteNetworks)");
    const principalCount = (cluster.nodeRoleArn ? 1 : 0) + onPremPrincipals.length + (config?.clientPrincipalArns.length ?? 0);
    // EFS-TLS-01: on-prem hosts reach the mount targets, but mount with tls,iam as their own role.
    if (config && hybrid && onPremPrincipals.length === 0 && config.clientPrincipalArns.length === 0 && !config.allowAnonymousAccess) {
      issues.warn("onPremPrincipalArns", "are not given on a cluster with remote networks: on-prem hosts reach the mount targets, but the file system policy grants them nothing, so their tls,iam mounts are refused; pass the Hybrid Nodes role (HybridNodes.role.arn)");
    }
    if (config && principalCount === 0 && !config.allowAnonymousAccess) {
      issues.warn("efs.clientPrincipalArns", "is empty and no node role or on-prem role is known, so the file system policy lets nobody mount; name the roles that mount (tls,iam)");
    }
    reportTo(this, issues);
    this.config = config!;
    const c = this.config;
    const name = cluster.literalName;
    const tagged = (extra: Record<string, string> = {}) => (Object.keys(tags).length || Object.keys(extra).length ? { ...tags, ...extra } : undefined);

    // Construct ids below are Terraform addresses: the file system, key and mount targets are stateful.
    this.kmsKeyArn = kmsKeyArnFor(this, "key", {
      existingArn: c.kmsKeyArn,
      description: `EFS ${name}-shared encryption at rest`,
      alias: `efs/${name}-shared`,
      preventDestroy: c.preventDestroy,
    });
    this.kmsKey = this.node.tryFindChild("key") as KmsKey | undefined;
    if (this.kmsKey && Object.keys(tags).length) this.kmsKey.tags = { ...tags };

    this.fileSystem = new EfsFileSystem(this, "file-system", {
      creationToken: `${name}-shared`.slice(0, 64), // provider: creation_token at most 64 characters
      encrypted: true, // EFS-FS-03
      kmsKeyId: this.kmsKeyArn,
      performanceMode: c.performanceMode,
      throughputMode: c.throughputMode,
      provisionedThroughputInMibps: c.provisionedThroughputMibps,
      availabilityZoneName: c.oneZone,
      lifecyclePolicy: c.lifecyclePolicies.map((p) => ({
        transitionToIa: p.transitionToIa,
        transitionToArchive: p.transitionToArchive,
        transitionToPrimaryStorageClass: p.transitionToPrimaryStorageClass,
      })),
      tags: { ...tags, Name: `${name}-shared` },
      lifecycle: { preventDestroy: c.preventDestroy },
    });
    this.fileSystemId = this.fileSystem.id;
    this.dnsName = this.fileSystem.dnsName;
    this.backupPolicy = new EfsBackupPolicy(this, "backup-policy", {
      fileSystemId: this.fileSystem.id,
      backupPolicy: { status: c.backups ? "ENABLED" : "DISABLED" }, // EFS-FS-05
    });

    // Who may mount (EFS-TLS-01, issue 10.6): the node role (the CSI node plugin mounts tls,iam
    // with it), on-prem host roles, extras; anonymous only when asked for.
    this.clientPrincipalArns = [...new Set([...(cluster.nodeRoleArn ? [cluster.nodeRoleArn] : []), ...onPremPrincipals, ...c.clientPrincipalArns])];
    this.fileSystemPolicy = new EfsFileSystemPolicy(this, "policy", {
      fileSystemId: this.fileSystem.id,
      policy: efsFileSystemPolicy({
        fileSystemArn: this.fileSystem.arn,
        clientPrincipalArns: this.clientPrincipalArns,
        allowRootAccess: c.allowRootAccess,
        requireTls: c.requireTls,
        allowAnonymousAccess: c.allowAnonymousAccess,
      }),
    });

    // EFS-MT-02: NFS only, from the cluster security group and (hybrid) the on-prem networks; never 0.0.0.0/0.
    this.securityGroup = new SecurityGroup(this, "security-group", {
      namePrefix: `${name}-efs-`, // provider: at most 229 characters, not starting with sg- (validateEfs)
      description: "EFS mount targets: NFS from EKS nodes",
      vpcId: vpc.vpcId,
      tags: { ...tags, Name: `${name}-efs` },
      lifecycle: { createBeforeDestroy: true },
    });
    const nfsRule = (ruleId: string, source: { referencedSecurityGroupId: string } | { cidrIpv4: string }, description: string) =>
      new VpcSecurityGroupIngressRule(this, ruleId, { securityGroupId: this.securityGroup.id, ipProtocol: "tcp", fromPort: 2049, toPort: 2049, ...source, description, tags: tagged() });
    for (const [key, sg] of sortedEntries(props.clientSecurityGroupIds ?? { "cluster-sg": cluster.securityGroupId })) {
      nfsRule(`nfs-from-${key}`, { referencedSecurityGroupId: sg }, `NFS from ${key}`);
    }
    const remote = cluster.remoteNetworks;
    const onPremCidrs = remote ? [...new Set([...remote.nodeCidrs, ...(props.onPremPodCidrsRoutable ? remote.podCidrs : [])])] : [];
    for (const cidr of onPremCidrs) {
      if (Token.isUnresolved(cidr)) throw new Error(`${this.node.path}: remote network CIDRs must be literal (they name construct ids)`);
      nfsRule(`nfs-from-${cidrKey(cidr)}`, { cidrIpv4: cidr }, "NFS from on-prem");
    }

    for (const subnet of subnetsNamed(vpc, efsSubnetNames(c, ctx))) {
      this.mountTargets[subnet.name] = new EfsMountTarget(this, `mount-target-${subnet.name}`, {
        fileSystemId: this.fileSystem.id,
        subnetId: subnet.id,
        securityGroups: [this.securityGroup.id],
      });
    }

    for (const [apName, ap] of sortedEntries(c.accessPoints)) {
      const accessPoint = new EfsAccessPoint(this, `access-point-${apName}`, {
        fileSystemId: this.fileSystem.id,
        posixUser: { uid: ap.uid, gid: ap.gid, secondaryGids: ap.secondaryGids.length ? ap.secondaryGids : undefined },
        rootDirectory: { path: ap.path, creationInfo: { ownerUid: ap.uid, ownerGid: ap.gid, permissions: ap.permissions } },
        tags: { ...tags, Name: apName },
      });
      this.accessPoints[apName] = accessPoint;
      this.accessPointIds[apName] = accessPoint.id;
      namedOutput(this, `access_point_${apName}`, { value: accessPoint.id, description: `EFS access point ${apName}` });
    }

    // EFS-CSI-02: managed add-on, Pod Identity role with the AWS managed policy.
    if (c.csiDriver) {
      this.csiRole = new IamRole(this, "csi-role", {
        namePrefix: `${name}-efs-csi-`.slice(0, 38), // provider: name_prefix at most 38 characters
        assumeRolePolicy: podIdentityTrustPolicy({ accountId: cluster.accountId, clusterArn: cluster.arn, namespace: "kube-system", serviceAccount: EFS_CSI_CONTROLLER_SA }),
        tags: tagged(),
      });
      new IamRolePolicyAttachment(this, "csi-policy", {
        role: this.csiRole.name,
        policyArn: managedPolicyArn(cluster.partition, "service-role/AmazonEFSCSIDriverPolicy"),
      });
      this.csiDriver = new EksAddon(this, "csi-driver", {
        clusterName: cluster.name,
        addonName: "aws-efs-csi-driver",
        addonVersion: this.resolveCsiVersion(cluster, c.csiDriverVersion),
        resolveConflictsOnCreate: "OVERWRITE",
        resolveConflictsOnUpdate: "PRESERVE",
        // No configuration by default: no key of this add-on's schema can be verified (see class doc).
        configurationValues: c.controllerNodeSelector ? JSON.stringify({ controller: { nodeSelector: c.controllerNodeSelector } }) : undefined,
        podIdentityAssociation: [{ roleArn: this.csiRole.arn, serviceAccount: EFS_CSI_CONTROLLER_SA }],
        tags: tagged(),
        dependsOn: [...cluster.workloadDependencies, ...Object.values(this.mountTargets)],
      });
    }

    const classes = sortedEntries(c.storageClasses);
    if (classes.length > 0) ensureKubernetesProviders(this, cluster);
    for (const [scName, sc] of classes) {
      this.storageClasses[scName] = new StorageClassV1(this, `storage-class-${scName}`, {
        metadata: {
          name: scName,
          annotations: sc.default ? { "storageclass.kubernetes.io/is-default-class": "true" } : undefined,
        },
        storageProvisioner: "efs.csi.aws.com",
        reclaimPolicy: sc.reclaimPolicy,
        volumeBindingMode: "Immediate",
        mountOptions: [...EFS_MOUNT_OPTIONS],
        parameters: efsStorageClassParameters(this.fileSystem.id, sc),
        dependsOn: this.csiDriver ? [this.csiDriver] : [...cluster.workloadDependencies],
      });
    }

    namedOutput(this, "file_system_id", { value: this.fileSystem.id });
    namedOutput(this, "dns_name", { value: this.fileSystem.dnsName, description: "Resolves inside the VPC (and on-prem through the inbound resolver) to the mount target of the resolver's AZ" });
    if (hybrid) {
      // EFS-DNS-01: on-prem hosts mount by mount target IP or AZ-specific name.
      const byAz: Record<string, OnPremMountTarget> = {};
      for (const [subnetName, mt] of sortedEntries(this.mountTargets)) {
        byAz[subnetName] = { ip: mt.ipAddress, dns: `${mt.availabilityZoneName}.${this.fileSystem.id}.efs.${cluster.region}.amazonaws.com` };
      }
      this.onPremMountTargets = byAz;
      namedOutput(this, "onprem_mount_targets", {
        value: byAz,
        description: "Per mount-target subnet: IP (mount -t efs -o tls,iam,mounttargetip=<ip>) and AZ-specific DNS name",
      });
    }
  }


  /** Issue 9 item 7: the add-on version pinned for the cluster's Kubernetes version (core/addons.ts), unless given. */
  private resolveCsiVersion(cluster: IClusterRef, version: string | undefined): string | undefined {
    const issues = new Issues();
    const resolved = resolveAddon(issues, "efs.csiDriverVersion", { addon: "aws-efs-csi-driver", kubernetesVersion: cluster.version, version, versionPath: "efs.csiDriverVersion" });
    reportTo(this, issues);
    return resolved.version;
  }
}

/**
 * The props that are the `efs:` section (EfsStorageOptions), without the construct-level ones: parsed
 * with defaults and escaped once (GEN-02), or taken as is when the YAML path validated the section.
 */
function optionsOf(props: EfsStorageProps): EfsStorageOptions {
  const { vpc: _vpc, cluster: _cluster, tags: _tags, onPremPodCidrsRoutable: _pods, onPremPrincipalArns: _principals, clientSecurityGroupIds: _clients, ...options } = props;
  return options;
}
