/**
 * What a planned stack costs before any workload: every resource that bills by the hour or the
 * month just by existing, counted from the resources the engine would record, each line with its
 * unit price and the count it multiplies. What bills only by use is named, not estimated.
 */
import { onDemandPrices } from "../../policies/lib/data/onDemandPrices";
import { eksSupportPhase, eksVersionCalendar } from "../../components/versions";
import { CapturedResource } from "../capture";
import { FixedPrice, fixedPrices, hoursPerMonth } from "./fixedPrices";

export interface CostLine {
    item: string;
    /** USD per `unit`. */
    unitPrice: number;
    unit: string;
    count: number;
    hourly: number;
    monthly: number;
}

export interface NotEstimated {
    item: string;
    reason: string;
}

export interface FixedCost {
    lines: CostLine[];
    notEstimated: NotEstimated[];
    hourly: number;
    monthly: number;
}

const t = {
    eksCluster: "aws:eks/cluster:Cluster",
    eksComponentCluster: "eks:index:Cluster",
    vpcComponent: "awsx:ec2:Vpc",
    natGateway: "aws:ec2/natGateway:NatGateway",
    eip: "aws:ec2/eip:Eip",
    vpcEndpoint: "aws:ec2/vpcEndpoint:VpcEndpoint",
    nodeGroup: "aws:eks/nodeGroup:NodeGroup",
    launchTemplate: "aws:ec2/launchTemplate:LaunchTemplate",
    logGroup: "aws:cloudwatch/logGroup:LogGroup",
    queue: "aws:sqs/queue:Queue",
    fargateProfile: "aws:eks/fargateProfile:FargateProfile",
} as const;

/** Rounded to the cent's hundredth, so sums print as a person would add them. */
const round = (amount: number) => Math.round(amount * 1e4) / 1e4;

function line(item: string, price: FixedPrice, count: number, unitPrice: number = price.price): CostLine {
    const monthly = price.per === "hour" ? unitPrice * count * hoursPerMonth : unitPrice * count;
    return { item, unitPrice, unit: price.unit, count, hourly: round(monthly / hoursPerMonth), monthly: round(monthly) };
}

const str = (value: unknown) => (typeof value === "string" ? value : undefined);
const num = (value: unknown) => (typeof value === "number" ? value : undefined);
const obj = (value: unknown) => (value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined);

class Resources {
    private readonly byUrn: Map<string, CapturedResource>;

    constructor(readonly all: readonly CapturedResource[]) {
        this.byUrn = new Map(all.map((r) => [r.urn, r]));
    }

    ofType(type: string): CapturedResource[] {
        return this.all.filter((r) => r.type === type);
    }

    get(urn: string): CapturedResource | undefined {
        return this.byUrn.get(urn);
    }

    /** Whether the engine records any child of this component (a remote component's children are recorded only when known). */
    hasChildren(component: CapturedResource): boolean {
        return this.all.some((r) => r.parent === component.urn);
    }

    hasDescendantOfType(component: CapturedResource, type: string): boolean {
        const isBelow = (r: CapturedResource): boolean => r.parent !== undefined && (r.parent === component.urn || (this.byUrn.has(r.parent) && isBelow(this.byUrn.get(r.parent) as CapturedResource)));
        return this.all.some((r) => r.type === type && isBelow(r));
    }
}

/**
 * EKS bills $0.10 per cluster-hour in standard support and $0.60 in extended support
 * (components/versions.ts has the calendar). A cluster whose upgradePolicy.supportType is
 * STANDARD is upgraded at the end of standard support instead, so it never pays extended.
 */
function controlPlaneLines(resources: Resources, today: Date): CostLine[] {
    const clusters = [
        ...resources.ofType(t.eksCluster).map((r) => ({ version: str(r.inputs.version), supportType: str(obj(r.inputs.upgradePolicy)?.supportType) })),
        // A pulumi-eks Cluster whose aws:eks Cluster child the engine has not recorded.
        ...resources
            .ofType(t.eksComponentCluster)
            .filter((r) => !resources.hasDescendantOfType(r, t.eksCluster))
            .map((r) => ({ version: str(r.inputs.version), supportType: str(obj(r.inputs.upgradePolicy)?.supportType) })),
    ];
    return clusters.map(({ version, supportType }) => {
        const phase = version === undefined ? undefined : eksSupportPhase(version, today);
        const dates = version === undefined ? undefined : eksVersionCalendar[version];
        const label = `EKS control plane, Kubernetes ${version ?? "(EKS default version)"}`;
        if (phase === "extended" && supportType !== "STANDARD") {
            return line(`${label} (extended support until ${dates?.endOfExtendedSupport})`, fixedPrices.eksExtendedSupport, 1);
        }
        const next = dates !== undefined && supportType !== "STANDARD" ? `; extended support at $${fixedPrices.eksExtendedSupport.price.toFixed(2)}/h from ${dates.endOfStandardSupport}` : "";
        return line(`${label} (standard support${next})`, fixedPrices.eksStandardSupport, 1);
    });
}

/** NAT gateways and their Elastic IPs: recorded children, or what awsx's Vpc would create from its inputs (awsx/ec2/vpc.ts). */
function natCounts(resources: Resources): { natGateways: number; eips: number } {
    let natGateways = resources.ofType(t.natGateway).length;
    let eips = resources.ofType(t.eip).length;
    for (const vpc of resources.ofType(t.vpcComponent).filter((v) => !resources.hasChildren(v))) {
        const nat = obj(vpc.inputs.natGateways);
        // Defaults: strategy OnePerAz over 3 zones (Vpc constructor and getDefaultAzs).
        const strategy = (str(nat?.strategy) ?? "OnePerAz").toLowerCase();
        const zones = Array.isArray(vpc.inputs.availabilityZoneNames) ? vpc.inputs.availabilityZoneNames.length : (num(vpc.inputs.numberOfAvailabilityZones) ?? 3);
        const count = strategy === "none" ? 0 : strategy === "single" ? 1 : zones;
        natGateways += count;
        // Given allocation IDs are addresses allocated (and billed) outside the stack.
        eips += Array.isArray(nat?.elasticIpAllocationIds) && nat.elasticIpAllocationIds.length > 0 ? 0 : count;
    }
    return { natGateways, eips };
}

/** Interface endpoints bill per subnet (one network interface per Availability Zone); gateway endpoints are free. */
function interfaceEndpointAzs(resources: Resources): number {
    return resources
        .ofType(t.vpcEndpoint)
        .filter((r) => str(r.inputs.vpcEndpointType) === "Interface")
        .reduce((sum, r) => sum + (Array.isArray(r.inputs.subnetIds) ? r.inputs.subnetIds.length : 0), 0);
}

/**
 * A managed node group keeps scalingConfig.minSize instances; On-Demand capacity takes the
 * instance types in order ("prioritized", EKS user guide, managed node groups), so the first
 * one is priced. Its root volumes come from the launch template the group references.
 */
function nodeGroupLines(resources: Resources, notEstimated: NotEstimated[]): CostLine[] {
    const lines: CostLine[] = [];
    for (const group of resources.ofType(t.nodeGroup)) {
        const name = str(group.inputs.nodeGroupName) ?? group.name;
        const count = num(obj(group.inputs.scalingConfig)?.minSize) ?? 0;
        const instanceTypes = Array.isArray(group.inputs.instanceTypes) ? group.inputs.instanceTypes.map(str) : [];
        // The EKS API's default when instanceTypes is omitted (aws.eks.NodeGroup instanceTypes).
        const first = instanceTypes[0] ?? "t3.medium";
        const price = onDemandPrices[first];
        const spot = str(group.inputs.capacityType) === "SPOT";
        if (count === 0) {
            continue;
        }
        if (price === undefined) {
            notEstimated.push({ item: `node group ${name} instances`, reason: `${first} has no price in the table` });
        } else {
            const hourly: FixedPrice = { price, unit: `${first} instance-hour`, per: "hour" };
            lines.push(line(`node group ${name}: ${count} × ${first} (minSize${spot ? ", spot: at most this" : ""})`, hourly, count));
        }
        const refs = group.propertyDependencies.launchTemplate ?? group.dependencies;
        const template = refs.map((urn) => resources.get(urn)).find((r) => r?.type === t.launchTemplate);
        const volumes = template === undefined ? [] : Array.isArray(template.inputs.blockDeviceMappings) ? template.inputs.blockDeviceMappings.map((m) => obj(obj(m)?.ebs)) : [];
        if (volumes.length === 0) {
            notEstimated.push({ item: `node group ${name} root volumes`, reason: "sized and typed by the AMI (no launch template volume)" });
        }
        for (const ebs of volumes) {
            const size = num(ebs?.volumeSize);
            if (str(ebs?.volumeType) === "gp3" && size !== undefined) {
                lines.push(line(`node group ${name}: ${count} × ${size} GB gp3 root volume`, fixedPrices.gp3, size * count));
            } else {
                notEstimated.push({ item: `node group ${name} volumes`, reason: `volume type ${str(ebs?.volumeType) ?? "from the AMI"} is not priced here` });
            }
        }
    }
    return lines;
}

/** Billed by use: named so nobody reads the total as the whole bill. */
function usageBilled(resources: Resources, natGateways: number, endpointAzs: number): NotEstimated[] {
    const items: NotEstimated[] = [];
    if (resources.ofType(t.logGroup).length > 0 || resources.ofType(t.eksCluster).some((r) => Array.isArray(r.inputs.enabledClusterLogTypes) && r.inputs.enabledClusterLogTypes.length > 0)) {
        items.push({ item: "CloudWatch Logs (control-plane logs)", reason: "billed per GB ingested and stored" });
    }
    if (natGateways > 0) {
        items.push({ item: "NAT gateway data processing", reason: "billed per GB through the gateway" });
    }
    if (endpointAzs > 0) {
        items.push({ item: "VPC endpoint data processing", reason: "billed per GB through the endpoints" });
    }
    if (resources.ofType(t.queue).length > 0) {
        items.push({ item: "SQS interruption queue", reason: "billed per request, the first million a month free" });
    }
    if (resources.ofType(t.fargateProfile).length > 0) {
        items.push({ item: "Fargate pods", reason: "billed per vCPU and GB of the pods that run there" });
    }
    return items;
}

export function fixedCost(all: readonly CapturedResource[], today: Date): FixedCost {
    const resources = new Resources(all);
    const notEstimated: NotEstimated[] = [];
    const { natGateways, eips } = natCounts(resources);
    const endpointAzs = interfaceEndpointAzs(resources);
    const lines = [
        ...controlPlaneLines(resources, today),
        ...(natGateways > 0 ? [line("NAT gateways", fixedPrices.natGateway, natGateways)] : []),
        ...(eips > 0 ? [line("public IPv4 addresses (Elastic IPs)", fixedPrices.publicIpv4, eips)] : []),
        ...(endpointAzs > 0 ? [line("interface VPC endpoints (per endpoint per AZ)", fixedPrices.interfaceEndpoint, endpointAzs)] : []),
        ...nodeGroupLines(resources, notEstimated),
    ];
    return {
        lines,
        notEstimated: [...notEstimated, ...usageBilled(resources, natGateways, endpointAzs)],
        hourly: round(lines.reduce((sum, l) => sum + l.hourly, 0)),
        monthly: round(lines.reduce((sum, l) => sum + l.monthly, 0)),
    };
}
