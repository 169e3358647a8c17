import { z } from "zod";
import { availabilityZone, ipv4Cidr, itemName, routeTableId, subnetId, vpcId } from "../core/schema";

export const ExistingSubnetSchema = z.strictObject({
  /** Subnet id. */
  id: subnetId,
  /** The subnet's availability zone (given, because plans make no AWS API calls). */
  availabilityZone,
  /** Route table associated with the subnet; routes to on-prem networks are added to it. */
  routeTableId,
  /** The subnet's CIDR, used by overlap checks. @default - not checked */
  cidr: ipv4Cidr.optional(),
});

export const ExistingNetworkSchema = z.strictObject({
  mode: z.literal("existing"),
  /** Id of the VPC to use. */
  vpcId,
  /** Every IPv4 CIDR of the VPC (primary and secondary); remote networks must not overlap them. */
  vpcCidrs: z.array(ipv4Cidr).min(1, { error: "list at least the VPC's primary CIDR" }),
  /** Private subnets keyed by a name of your choice; other sections refer to them by that name. */
  subnets: z.record(itemName, ExistingSubnetSchema),
});

export const CreatedSubnetSchema = z.strictObject({
  availabilityZone,
  cidr: ipv4Cidr,
});

export const CreatedNetworkSchema = z.strictObject({
  mode: z.literal("create"),
  /** Primary CIDR of the VPC to create. DNS support and DNS hostnames are always on. */
  vpcCidr: ipv4Cidr,
  /** Private subnets keyed by name, in at least two availability zones. */
  privateSubnets: z.record(itemName, CreatedSubnetSchema),
  /**
   * Public subnets keyed by name. When given, the VPC gets an internet gateway and one NAT gateway
   * (in the first public subnet by name) as the private subnets' default route.
   * @default - none: private subnets need egress through VPC endpoints or a transit gateway
   */
  publicSubnets: z.record(itemName, CreatedSubnetSchema).optional(),
  /**
   * VPC endpoints so nodes and controllers reach AWS without internet egress: S3 (gateway) and
   * ECR, EC2, STS, EKS Auth, CloudWatch Logs, EFS, FSx and Secrets Manager (interface, private DNS).
   * @default false
   */
  vpcEndpoints: z.boolean().default(false),
});

export const NetworkSchema = z.discriminatedUnion("mode", [ExistingNetworkSchema, CreatedNetworkSchema], {
  error: "network.mode must be 'existing' (use a VPC by id) or 'create' (create one)",
});

export type NetworkConfig = z.output<typeof NetworkSchema>;
export type ExistingNetworkConfig = z.output<typeof ExistingNetworkSchema>;
export type CreatedNetworkConfig = z.output<typeof CreatedNetworkSchema>;
