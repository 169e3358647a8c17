import { Construct } from "constructs";
import { Fn, TerraformStack, TerraformVariable, Token } from "cdktf";
import { Ec2Tag } from "@cdktf/provider-aws/lib/ec2-tag";
import { Ec2TransitGatewayRoute } from "@cdktf/provider-aws/lib/ec2-transit-gateway-route";
import { FsxOntapFileSystem } from "@cdktf/provider-aws/lib/fsx-ontap-file-system";
import { FsxOntapStorageVirtualMachine } from "@cdktf/provider-aws/lib/fsx-ontap-storage-virtual-machine";
import { FsxOntapVolume } from "@cdktf/provider-aws/lib/fsx-ontap-volume";
import { KmsAlias } from "@cdktf/provider-aws/lib/kms-alias";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { SecretsmanagerSecret } from "@cdktf/provider-aws/lib/secretsmanager-secret";
import { SecretsmanagerSecretVersion } from "@cdktf/provider-aws/lib/secretsmanager-secret-version";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { VpcSecurityGroupEgressRule } from "@cdktf/provider-aws/lib/vpc-security-group-egress-rule";
import { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";
import { StorageClassV1 } from "@cdktf/provider-kubernetes/lib/storage-class-v1";
import { cidrKey } from "../core/cidr";
import { Network } from "../network/network";
import { checkKeyRegion } from "../core/kms";
import { Issues } from "../core/errors";
import { namedOutput } from "../core/outputs";
import { sortedEntries } from "../core/records";
import { IClusterRef, IVpcRef, requireRouteTables, routeTablesOf, subnetsNamed } from "../core/refs";
import { isValidated, parseSection, reportTo } from "../core/validation";
import { Trident, TridentStorageClassSpec } from "../trident/trident";
import { BackendSpec } from "../trident/render";
import { FsxOntapOptionsConfig, FsxOntapOptionsSchema } from "./config";
import { fsxIngressPorts } from "./render";
import { requireTerraformVersion } from "./terraform-version";
import { backendName, FsxValidationContext, onPremCidrs, validateFileSystem, validateStorageClasses } from "./validate";

export { backendsChartDir } from "../trident/trident";

type SecurityStyle = "UNIX" | "NTFS" | "MIXED";

/** A volume; equal to `z.input` of the schema's volume (a test checks it). */
export interface FsxOntapVolumeOptions {
  /** Where the volume is mounted in the SVM namespace; must start with '/'. */
  readonly junctionPath: string;
  /** Size in GiB. */
  readonly sizeGiB: number;
  /** @default true */
  readonly storageEfficiency?: boolean;
  /** @default "AUTO" */
  readonly tieringPolicy?: "SNAPSHOT_ONLY" | "AUTO" | "ALL" | "NONE";
  /** Days before cold data tiers (2-183), for AUTO and SNAPSHOT_ONLY. @default - FSx default (31 / 2) */
  readonly coolingPeriodDays?: number;
  /** @default "UNIX" */
  readonly securityStyle?: SecurityStyle;
  /** Skip the final backup FSx takes when the volume is deleted. @default false */
  readonly skipFinalBackup?: boolean;
}

/** A storage virtual machine. */
export interface FsxOntapSvmOptions {
  /** @default "UNIX" */
  readonly rootVolumeSecurityStyle?: SecurityStyle;
  /** Bump to rotate the vsadmin secret (written write-only from the sensitive input). @default 1 */
  readonly passwordVersion?: number;
  /** Volumes keyed by ONTAP volume name. @default {} */
  readonly volumes?: Record<string, FsxOntapVolumeOptions>;
}

/** A StorageClass registered with Trident (TRI-06). */
export interface FsxOntapStorageClassOptions {
  /** SVM (by name) whose backend serves this class. @default - the first SVM by name */
  readonly svm?: string;
  /** @default "ontap-nas" */
  readonly backendType?: "ontap-nas" | "ontap-san";
  /** @default "Delete" */
  readonly reclaimPolicy?: "Delete" | "Retain";
  /** @default true */
  readonly allowVolumeExpansion?: boolean;
  /** Filesystem for SAN volumes. @default "ext4" */
  readonly fsType?: "ext4" | "xfs";
  /** @default false */
  readonly default?: boolean;
}

/** On-prem access; only for a hybrid cluster (`cluster.remoteNetworks`). */
export interface FsxOntapOnPremOptions {
  /** On-prem networks allowed to reach the file system. @default - the cluster's remote node CIDRs (and pod CIDRs when podCidrsRoutable) */
  readonly cidrs?: string[];
  /** Whether on-prem pod CIDRs are routable (then they are allowed too). @default false */
  readonly podCidrsRoutable?: boolean;
  /** Multi-AZ: transit gateway route table that routes on-prem traffic toward this VPC (FSX-NET-02). @default - none (required for Multi-AZ) */
  readonly transitGatewayRouteTableId?: string;
  /** Multi-AZ: this VPC's transit gateway attachment, target of the endpoint-range route. @default - none (required for Multi-AZ) */
  readonly transitGatewayAttachmentId?: string;
}

/** FsxOntap options; equal to `z.input<typeof FsxOntapOptionsSchema>` (a type-level test checks it). */
export interface FsxOntapOptions {
  readonly deploymentType: "SINGLE_AZ_1" | "SINGLE_AZ_2" | "MULTI_AZ_1" | "MULTI_AZ_2";
  /** Subnets (keys of `vpc.subnets`): one for Single-AZ, two in different AZs for Multi-AZ. */
  readonly subnets: string[];
  /** The preferred (active) file server's subnet; one of subnets. @default - the first subnet */
  readonly preferredSubnet?: string;
  /** SSD capacity in GiB (FSX-FS-04 bounds per type). */
  readonly storageCapacityGiB: number;
  /** Throughput in MB/s (all types but SINGLE_AZ_2; FSX-FS-02). @default - none (required except for SINGLE_AZ_2) */
  readonly throughputMibps?: number;
  /** SINGLE_AZ_2 only: HA pairs (1-12). @default - 1 HA pair */
  readonly haPairs?: number;
  /** SINGLE_AZ_2 only: throughput per HA pair in MB/s (1536, 3072, 6144). @default - none (required for SINGLE_AZ_2) */
  readonly throughputPerHaPairMibps?: number;
  /** Multi-AZ only: range of the floating endpoint IPs. Required for a hybrid cluster. @default - FSx picks one in 198.19.0.0/16 */
  readonly endpointIpAddressRange?: string;
  /** Multi-AZ only: subnets (by key) whose route tables FSx manages. @default - every subnet of the VPC */
  readonly routeTableSubnets?: string[];
  /** @default - a key is created, with rotation */
  readonly kmsKeyArn?: string;
  /** Automatic backup retention (0 disables; the provider's default is 0). @default 7 */
  readonly automaticBackupRetentionDays?: number;
  /** HH:MM (UTC). @default "02:00" */
  readonly dailyBackupStartTime?: string;
  /** d:HH:MM (UTC, 1 = Monday). @default "7:03:00" */
  readonly weeklyMaintenanceStartTime?: string;
  /** Refuse any plan that destroys the file system, SVMs, volumes or the created KMS key. @default true */
  readonly preventDestroy?: boolean;
  /** Extra protocols to open in the security group. @default { smb: false, snapmirror: false } */
  readonly protocols?: { readonly smb?: boolean; readonly snapmirror?: boolean };
  /** Open ONTAP management (TCP 443) to the on-prem networks too; Trident runs on cloud nodes and does not need it. @default false */
  readonly onPremManagementAccess?: boolean;
  /** Storage virtual machines keyed by name. */
  readonly svms: Record<string, FsxOntapSvmOptions>;
  /** Also create ontap-san backends (iSCSI; opens TCP 3260; Trident then sets nodePrep [iscsi]). Needs `trident`. @default false */
  readonly san?: boolean;
  /** StorageClasses keyed by Kubernetes name, registered with `trident`. @default { "ontap-nas": {} } (when trident is given) */
  readonly storageClasses?: Record<string, FsxOntapStorageClassOptions>;
  /** On-prem access (hybrid cluster only). @default - derived from cluster.remoteNetworks */
  readonly onPrem?: FsxOntapOnPremOptions;
}

export interface FsxOntapProps extends FsxOntapOptions {
  readonly vpc: IVpcRef;
  readonly cluster: IClusterRef;
  /** Trident of this cluster: the file system registers its SVM backends and StorageClasses with it. @default - no Trident backends */
  readonly trident?: Trident;
  /** Tags on every taggable resource created here. @default {} */
  readonly tags?: Record<string, string>;
  /** Security groups of cloud clients, keyed by a stable name (part of rule addresses). @default { "cluster-sg": cluster.securityGroupId } */
  readonly clientSecurityGroupIds?: Record<string, string>;
  /** The VPC's route tables already carry the AmazonFSx tag (a Network created with routeTableTags). @default false */
  readonly routeTablesTagged?: boolean;
}

/** Tag FSx requires on route tables it manages for Multi-AZ floating IPs (FSX-NET-02). */
export const FSX_ROUTE_TABLE_TAG = { key: "AmazonFSx", value: "ManagedByAmazonFSx" } as const;

const variableOwners = new WeakMap<TerraformStack, Map<string, string>>();

/**
 * FSx for NetApp ONTAP: the file system (any deployment type, validated against AWS's rules), its
 * KMS key and security group, SVMs with vsadmin credentials in Secrets Manager, and volumes. Given
 * `trident`, it registers one backend per SVM and driver, and its StorageClasses, with that Trident.
 * A hybrid cluster (`cluster.remoteNetworks`) adds on-prem ingress and, for Multi-AZ, the transit
 * gateway route to the floating endpoint range. Writes the vsadmin secret write-only, so the stack
 * requires Terraform >= 1.11 (added here).
 */
export class FsxOntap extends Construct {
  public readonly config: FsxOntapOptionsConfig;
  public readonly fileSystem: FsxOntapFileSystem;
  /** The created key (none when `kmsKeyArn` is given). */
  public readonly kmsKey?: KmsKey;
  public readonly kmsKeyArn: string;
  public readonly securityGroup: SecurityGroup;
  public readonly svms: Record<string, FsxOntapStorageVirtualMachine> = {};
  /** Volumes keyed `<svm>/<volume>`. */
  public readonly volumes: Record<string, FsxOntapVolume> = {};
  public readonly secrets: Record<string, SecretsmanagerSecret> = {};
  public readonly passwordVariables: Record<string, TerraformVariable> = {};
  public readonly backends: BackendSpec[] = [];
  public readonly storageClasses: Record<string, StorageClassV1> = {};
  public readonly transitGatewayRoute?: Ec2TransitGatewayRoute;
  public readonly fileSystemId: string;
  public readonly managementDnsName: string;

  constructor(scope: Construct, id: string, props: FsxOntapProps) {
    super(scope, id);
    const { vpc, cluster, trident, tags, clientSecurityGroupIds, routeTablesTagged, ...input } = props;
    const issues = new Issues();
    const validated = isValidated(props);
    const parsed = validated ? (input as FsxOntapOptionsConfig) : parseSection(FsxOntapOptionsSchema, input, "fsxOntap", issues, { allowTokens: true });
    const remote = cluster.remoteNetworks;
    if (parsed) {
      if (parsed.onPrem && !remote) issues.error("fsxOntap.onPrem", "applies only to a hybrid cluster, but cluster.remoteNetworks is not set", "(set)", "remove onPrem, or give the cluster its remote networks");
      if (!trident && input.storageClasses !== undefined) issues.error("fsxOntap.storageClasses", "needs `trident` to register with", Object.keys(input.storageClasses), "pass trident, or remove storageClasses");
      if (!trident && parsed.san) issues.error("fsxOntap.san", "needs `trident` (SAN backends are Trident backends)", true, "pass trident, or remove san");
      // An empty map would leave the file system reachable from no cloud node.
      if (clientSecurityGroupIds && Object.keys(clientSecurityGroupIds).length === 0) issues.error("fsxOntap.clientSecurityGroupIds", "must name at least one security group", {}, "leave it out for the cluster security group");
      if (trident && trident.cluster.literalName !== cluster.literalName) {
        issues.error("fsxOntap.trident", "belongs to another cluster", trident.cluster.literalName, cluster.literalName);
      }
      if (!validated) {
        const ctx = { ...contextFor(vpc, cluster, parsed), clientSecurityGroups: clientSecurityGroupIds ? Object.keys(clientSecurityGroupIds).length : 1 };
        validateFileSystem(parsed, ctx, issues, "fsxOntap", !!trident && parsed.san);
        checkKeyRegion(parsed.kmsKeyArn, cluster.region, "fsxOntap.kmsKeyArn", issues);
        if (trident) validateStorageClasses(parsed, parsed.svms, issues, "fsxOntap", "fsxOntap");
      }
      // Issue 11.6: two file systems with one SVM name would share one password variable.
      const owners = variableOwners.get(TerraformStack.of(this)) ?? new Map<string, string>();
      variableOwners.set(TerraformStack.of(this), owners);
      for (const svm of Object.keys(parsed.svms)) {
        const other = owners.get(vsadminVariableName(svm));
        if (other !== undefined && other !== this.node.path) issues.error(`fsxOntap.svms.${svm}`, `would share the password variable ${vsadminVariableName(svm)} with ${other}`, svm, "SVM names unique in the stack");
      }
    }
    reportTo(this, issues);
    const config = parsed!;
    this.config = config;
    for (const svm of Object.keys(config.svms)) variableOwners.get(TerraformStack.of(this))!.set(vsadminVariableName(svm), this.node.path);
    // GEN-04 / FSX-FS-07: secret_string_wo is a write-only argument: Terraform >= 1.11.
    requireTerraformVersion(this, "1.11.0");

    const multiAz = config.deploymentType.startsWith("MULTI_AZ");
    const protect = { preventDestroy: config.preventDestroy };
    const namePrefix = cluster.literalName;
    const san = !!trident && config.san;

    if (config.kmsKeyArn) {
      this.kmsKeyArn = config.kmsKeyArn;
    } else {
      // Same ids and arguments as core/kms kmsKeyArnFor (stateful: the address must not move).
      this.kmsKey = new KmsKey(this, "key", {
        description: `FSx for ONTAP ${namePrefix}`,
        enableKeyRotation: true,
        deletionWindowInDays: 30,
        lifecycle: protect,
        tags,
      });
      new KmsAlias(this, "key-alias", { name: `alias/fsx/${namePrefix}-ontap`, targetKeyId: this.kmsKey.keyId });
      this.kmsKeyArn = this.kmsKey.arn;
    }

    // FSX-NET-01: documented ONTAP client ports from the cluster and (hybrid) on-prem; explicit egress.
    this.securityGroup = new SecurityGroup(this, "security-group", {
      // Provider: name_prefix at most 100 - 26 (unique suffix) characters.
      namePrefix: `${namePrefix}-fsx-ontap-`.slice(0, 74),
      description: "FSx for ONTAP: NFS/iSCSI/management from EKS nodes",
      vpcId: vpc.vpcId,
      tags: { ...tags, Name: `${namePrefix}-fsx-ontap` },
      lifecycle: { createBeforeDestroy: true },
    });
    const onPrem = remote ? (config.onPrem?.cidrs ?? onPremCidrs(remote.nodeCidrs, remote.podCidrs, config.onPrem?.podCidrsRoutable ?? false)) : [];
    const protocols = { san, smb: config.protocols.smb, snapmirror: config.protocols.snapmirror };
    const clients = clientSecurityGroupIds ?? { "cluster-sg": cluster.securityGroupId };
    const sources: [string, { referencedSecurityGroupId?: string; cidrIpv4?: string }, boolean][] = [
      ...sortedEntries(clients).map(([k, sg]): [string, { referencedSecurityGroupId: string }, boolean] => [k, { referencedSecurityGroupId: sg }, true]),
      // Issue 10.7: ONTAP management (443) from on-prem only when asked; Trident calls it from cloud nodes.
      ...onPrem.map((c): [string, { cidrIpv4: string }, boolean] => [cidrKey(c), { cidrIpv4: c }, config.onPremManagementAccess]),
    ];
    for (const [key, source, management] of sources) {
      for (const port of fsxIngressPorts({ ...protocols, management })) {
        const range = port.from === port.to ? `${port.from}` : `${port.from}-${port.to}`;
        new VpcSecurityGroupIngressRule(this, `${port.protocol}-${range}-from-${key}`, {
          securityGroupId: this.securityGroup.id,
          ipProtocol: port.protocol,
          fromPort: port.from,
          toPort: port.to,
          description: `${port.purpose} from ${key}`,
          tags,
          ...source,
        });
      }
    }
    // Egress stays all protocols, but only to the client networks (VPC, on-prem nodes, routable pods):
    // ONTAP calls clients back on ports the clients choose (NFSv3 NLM/NSM via rpcbind, NFSv4
    // delegation callbacks), so no fixed port list would keep locking working.
    for (const cidr of [...vpc.vpcCidrs, ...onPrem]) {
      new VpcSecurityGroupEgressRule(this, `egress-to-${cidrKey(cidr)}`, {
        securityGroupId: this.securityGroup.id,
        ipProtocol: "-1",
        cidrIpv4: cidr,
        description: "Replies and ONTAP-initiated traffic to clients",
        tags,
      });
    }

    // Multi-AZ: FSx manages routes to the floating IPs in the route tables it is given (tagged for it).
    let routeTableIds: string[] | undefined;
    if (multiAz) {
      const names = config.routeTableSubnets ?? Object.keys(vpc.subnets).sort();
      const routeIssues = new Issues();
      requireRouteTables(vpc, names, routeIssues, "a Multi-AZ file system's floating endpoint IPs are routed in the route tables of fsxOntap.routeTableSubnets (default: every subnet of the VPC); clients in this subnet would not reach the file system", "the subnet's route table id (rtb-...), or routeTableSubnets naming only subnets that have one");
      // FSX-NET-02: FSx updates routes only in tables tagged AmazonFSx=ManagedByAmazonFSx. A table this
      // stack creates (a Network) takes the tag through its own tags: an aws_ec2_tag on it would be
      // removed again by every apply of the table (a perpetual diff, and no tag in between).
      const createdHere = vpc instanceof Network && vpc.vpc !== undefined;
      const tagsItself = createdHere && (vpc as Network).routeTableTags[FSX_ROUTE_TABLE_TAG.key] === FSX_ROUTE_TABLE_TAG.value;
      if (createdHere && !tagsItself && !routeTablesTagged) {
        routeIssues.errors.push({
          path: "vpc.routeTableTags",
          message: `must carry ${FSX_ROUTE_TABLE_TAG.key}=${FSX_ROUTE_TABLE_TAG.value}: the Network's route tables are created in this stack, and FSx manages routes only in tables with that tag; a separate tag resource would fight the tables' own tags`,
          allowed: `new Network(..., { routeTableTags: { ${FSX_ROUTE_TABLE_TAG.key}: "${FSX_ROUTE_TABLE_TAG.value}" } })`,
        });
      }
      reportTo(this, routeIssues);
      const tables = routeTablesOf(vpc, names);
      routeTableIds = tables.map((t) => t.id);
      if (!routeTablesTagged) {
        // Kept per file system and table (their addresses exist in users' state): the values are
        // identical, so a second owner, or the Network's own tag, changes nothing.
        for (const t of tables) new Ec2Tag(this, `route-table-tag-${t.key}`, { resourceId: t.id, key: FSX_ROUTE_TABLE_TAG.key, value: FSX_ROUTE_TABLE_TAG.value });
      }
    }

    const subnets = subnetsNamed(vpc, config.subnets);
    const preferred = subnetsNamed(vpc, [config.preferredSubnet ?? config.subnets[0]])[0];
    const singleAz2 = config.deploymentType === "SINGLE_AZ_2";
    this.fileSystem = new FsxOntapFileSystem(this, "file-system", {
      deploymentType: config.deploymentType,
      subnetIds: subnets.map((s) => s.id),
      preferredSubnetId: preferred.id,
      storageCapacity: config.storageCapacityGiB,
      throughputCapacity: singleAz2 ? undefined : config.throughputMibps,
      // FSX-FS-03: the provider sends per-HA-pair throughput only together with ha_pairs.
      haPairs: singleAz2 ? (config.haPairs ?? 1) : undefined,
      throughputCapacityPerHaPair: singleAz2 ? config.throughputPerHaPairMibps : undefined,
      securityGroupIds: [this.securityGroup.id],
      kmsKeyId: this.kmsKeyArn,
      automaticBackupRetentionDays: config.automaticBackupRetentionDays,
      dailyAutomaticBackupStartTime: config.dailyBackupStartTime,
      weeklyMaintenanceStartTime: config.weeklyMaintenanceStartTime,
      endpointIpAddressRange: multiAz ? config.endpointIpAddressRange : undefined,
      routeTableIds,
      tags: { ...tags, Name: `${namePrefix}-ontap` },
      lifecycle: protect,
    });
    this.fileSystemId = this.fileSystem.id;
    this.managementDnsName = this.fileSystem.endpoints.get(0).management.get(0).dnsName;

    // FSX-NET-02: on-prem reaches the floating endpoint range through the transit gateway.
    const tgwTable = config.onPrem?.transitGatewayRouteTableId;
    const tgwAttachment = config.onPrem?.transitGatewayAttachmentId;
    if (multiAz && remote && config.endpointIpAddressRange && tgwTable && tgwAttachment) {
      this.transitGatewayRoute = new Ec2TransitGatewayRoute(this, "endpoint-range-route", {
        destinationCidrBlock: config.endpointIpAddressRange,
        transitGatewayAttachmentId: tgwAttachment,
        transitGatewayRouteTableId: tgwTable,
      });
    }

    for (const [svmName, svm] of sortedEntries(config.svms)) {
      // FSX-FS-07: the password is a sensitive input, never a literal; the secret gets it write-only.
      const variable = vsadminVariableName(svmName);
      const password = new TerraformVariable(this, `vsadmin-password-${svmName}`, {
        type: "string",
        sensitive: true,
        description: `vsadmin password of SVM ${svmName} (8-50 characters). Pass it as TF_VAR_${variable}.`,
        validation: [{ condition: `\${length(var.${variable}) >= 8 && length(var.${variable}) <= 50}`, errorMessage: "The vsadmin password must be 8-50 characters." }],
      });
      password.overrideLogicalId(variable);
      this.passwordVariables[svmName] = password;
      const resource = new FsxOntapStorageVirtualMachine(this, `svm-${svmName}`, {
        fileSystemId: this.fileSystem.id,
        name: svmName,
        rootVolumeSecurityStyle: svm.rootVolumeSecurityStyle,
        svmAdminPassword: password.stringValue,
        tags,
        lifecycle: protect,
      });
      this.svms[svmName] = resource;
      const secret = new SecretsmanagerSecret(this, `vsadmin-secret-${svmName}`, {
        namePrefix: `fsx-ontap/${namePrefix}/${svmName}/vsadmin-`,
        description: `vsadmin credentials of FSx for ONTAP SVM ${svmName} (used by Trident)`,
        recoveryWindowInDays: 7,
        tags,
      });
      this.secrets[svmName] = secret;
      new SecretsmanagerSecretVersion(this, `vsadmin-secret-version-${svmName}`, {
        secretId: secret.id,
        // TRI-04; write-only: the JSON is sent to AWS but never stored in state.
        secretStringWo: Fn.jsonencode({ username: "vsadmin", password: password.stringValue }),
        secretStringWoVersion: svm.passwordVersion,
      });
      for (const [volName, vol] of sortedEntries(svm.volumes)) {
        this.volumes[`${svmName}/${volName}`] = new FsxOntapVolume(this, `volume-${svmName}-${volName}`, {
          name: volName,
          storageVirtualMachineId: resource.id,
          junctionPath: vol.junctionPath,
          sizeInBytes: String(BigInt(vol.sizeGiB) * 1024n ** 3n),
          storageEfficiencyEnabled: vol.storageEfficiency,
          securityStyle: vol.securityStyle,
          tieringPolicy: { name: vol.tieringPolicy, coolingPeriod: vol.coolingPeriodDays },
          ontapVolumeType: "RW",
          skipFinalBackup: vol.skipFinalBackup,
          tags,
          lifecycle: protect,
        });
      }
      const drivers: BackendSpec["driver"][] = san ? ["ontap-nas", "ontap-san"] : ["ontap-nas"];
      for (const driver of drivers) {
        // TRI-05: credentials.type awsarn takes the secret's ARN.
        this.backends.push({ name: backendName(svmName, driver), driver, svm: svmName, fileSystemId: this.fileSystem.id, credentialsSecretArn: secret.arn });
      }
      namedOutput(this, `svm_${svmName}_nfs_dns`, { value: resource.endpoints.get(0).nfs.get(0).dnsName, description: `NFS endpoint of SVM ${svmName}` });
    }

    if (trident) {
      const firstSvm = Object.keys(config.svms).sort()[0];
      const classes: TridentStorageClassSpec[] = sortedEntries(config.storageClasses).map(([name, sc]) => ({ name, backendName: backendName(sc.svm ?? firstSvm, sc.backendType), backendType: sc.backendType, reclaimPolicy: sc.reclaimPolicy, allowVolumeExpansion: sc.allowVolumeExpansion, fsType: sc.fsType, default: sc.default }));
      Object.assign(
        this.storageClasses,
        trident.register({ owner: this, fileSystemId: this.fileSystem.id, backends: this.backends, storageClasses: classes, secretArns: Object.values(this.secrets).map((s) => s.arn), dependsOn: Object.values(this.svms) }),
      );
    }

    namedOutput(this, "file_system_id", { value: this.fileSystem.id });
    namedOutput(this, "management_dns", { value: this.managementDnsName });
  }
}

function contextFor(vpc: IVpcRef, cluster: IClusterRef, config: FsxOntapOptionsConfig): FsxValidationContext {
  const remote = cluster.remoteNetworks;
  const base = {
    subnets: Object.fromEntries(Object.entries(vpc.subnets).map(([name, s]) => [name, { name, availabilityZone: s.availabilityZone, cidr: s.cidr }])),
    vpcCidrs: vpc.vpcCidrs.filter((c) => !Token.isUnresolved(c)),
    clusterSubnetNames: cluster.subnetNames,
  };
  if (!remote) return base;
  return {
    ...base,
    onPrem: {
      cidrs: config.onPrem?.cidrs ?? onPremCidrs(remote.nodeCidrs, remote.podCidrs, config.onPrem?.podCidrsRoutable ?? false),
      transitGatewayRouteTableId: config.onPrem?.transitGatewayRouteTableId,
      transitGatewayAttachmentId: config.onPrem?.transitGatewayAttachmentId,
      transitGatewayPath: "fsxOntap.onPrem.transitGatewayRouteTableId",
    },
  };
}

export function vsadminVariableName(svm: string): string {
  return `fsx_${svm.toLowerCase()}_vsadmin_password`;
}
