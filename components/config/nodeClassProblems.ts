import { awsNames } from "../naming";
import { KarpenterClusterArgs } from "./args";
import { Problem, quote } from "./problems";
import { ResolvedArgs, ResolvedNodeClass } from "./resolved";
import { WellFormed } from "./wellFormed";

/** Cross-field rules of the EC2NodeClasses. */

export function duplicates(names: string[]): Set<number> {
    return new Set(names.map((n, i) => (names.indexOf(n) !== i ? i : -1)).filter((i) => i >= 0));
}

export function nodeClassProblems(args: KarpenterClusterArgs, resolved: ResolvedArgs, inputs: WellFormed): Problem[] {
    const problems: Problem[] = [];
    const classes = args.karpenter?.nodeClasses ?? [];
    const names = awsNames(resolved.clusterName);
    // These roles have access entries already; a second entry for the same principal fails to create.
    const ownRoles = [names.nodeRole, names.systemNodeRole];
    const dupes = inputs.ok("karpenter.nodeClasses[].name") ? duplicates(classes.map((c) => c.name)) : new Set<number>();
    classes.forEach((nodeClass, i) => {
        const path = `karpenter.nodeClasses[${i}]`;
        const ok = (...fields: string[]) => inputs.ok(...fields.map((field) => `${path}.${field}`));
        if (dupes.has(i)) {
            problems.push({ path: `${path}.name`, message: `duplicates the name ${quote(nodeClass.name)}; EC2NodeClass names must be unique` });
        }
        if (nodeClass.role !== undefined && nodeClass.instanceProfile !== undefined && ok("role", "instanceProfile")) {
            problems.push({ path: `${path}.instanceProfile`, message: "conflicts with role: an EC2NodeClass takes exactly one of role and instanceProfile" });
        }
        if (nodeClass.role !== undefined && ownRoles.includes(nodeClass.role) && ok("role") && inputs.ok("clusterName")) {
            problems.push({ path: `${path}.role`, message: `must not be ${quote(nodeClass.role)}, a role the component creates; leave role unset to use the node role` });
        }
        problems.push(...volumeProblems(resolved.karpenter.nodeClasses[i], path, ok));
    });
    return problems;
}

/**
 * The size of the snapshot each family's AMI ships for the volume `volumeSize` sizes: the root
 * volume of the EKS-optimized AL2023 AMI, and the data volume (/dev/xvdb) of the Bottlerocket
 * AMI (its 4 GiB OS volume is the component's own). EC2 refuses to launch with a smaller volume
 * than its snapshot ("Volume of size N GB is smaller than snapshot"). Both are 20 GiB in every
 * release the AMI aliases resolve to as of 2026; a pinned alias cannot be read offline, so this
 * is the published size, not a lookup.
 */
const amiSnapshotGiB = 20;

/** EBS's largest IOPS per provisioned GiB, by volume type (io2 volumes are all Block Express now). */
const maxIopsPerGiB: Record<string, number> = { gp3: 500, io1: 50, io2: 1000 };
/** gp3: at most 0.25 MiB/s of throughput per provisioned IOPS. */
const gp3ThroughputPerIops = 0.25;
/** gp3's baseline IOPS, what it provisions when none is set. */
const gp3BaselineIops = 3000;
/**
 * EBS's largest IOPS per volume, by type. gp3 rose from 16,000 to 80,000 IOPS (and 1,000 to
 * 2,000 MiB/s) in September 2025; the EC2NodeClass CRD's field description still quotes the old
 * figures but enforces none, and refusing what EBS accepts would block real stacks.
 */
const maxIops: Record<string, number> = { gp3: 80000, io1: 64000, io2: 256000 };

const bytesPerUnit: Record<string, number> = { Gi: 2 ** 30, G: 1e9, Ti: 2 ** 40, T: 1e12 };

/** The size in GiB of a well-formed volume size (`"50Gi"`, `"100G"`, `"1Ti"`). */
export function volumeSizeGiB(size: string): number {
    const [, amount, unit] = /^(\d+)(Gi|G|Ti|T)$/.exec(size)!;
    return (Number(amount) * bytesPerUnit[unit]) / 2 ** 30;
}

/** EBS's rules between a volume's type, size, IOPS and throughput, which EC2 checks only when Karpenter launches a node. */
export function volumeProblems(nodeClass: ResolvedNodeClass, path: string, ok: (...fields: string[]) => boolean = () => true): Problem[] {
    const problems: Problem[] = [];
    const add = (field: string, message: string) => problems.push({ path: `${path}.${field}`, message });
    const { volumeType, volumeIops, volumeThroughput } = nodeClass;
    const sizeGiB = volumeSizeGiB(nodeClass.volumeSize);
    if (sizeGiB < amiSnapshotGiB && ok("volumeSize", "amiAlias")) {
        add("volumeSize", `must be at least ${amiSnapshotGiB}Gi, the size of the ${nodeClass.amiFamily} AMI's snapshot for this volume, got ${quote(nodeClass.volumeSize)}`);
    }
    if (!ok("volumeType", "volumeIops")) {
        return problems;
    }
    if (volumeThroughput !== undefined && volumeType !== "gp3" && ok("volumeThroughput")) {
        add("volumeThroughput", `only applies to gp3 volumes, not ${volumeType}`);
    }
    if (volumeIops !== undefined && volumeType === "gp2") {
        add("volumeIops", "only applies to gp3, io1 and io2 volumes, not gp2");
    } else if (volumeIops === undefined && (volumeType === "io1" || volumeType === "io2")) {
        add("volumeIops", `is required with volumeType ${volumeType}: EC2 provisions no default IOPS for it`);
    } else if (volumeIops !== undefined && volumeType === "gp3" && volumeIops < gp3BaselineIops) {
        add("volumeIops", `must be from ${gp3BaselineIops} to ${maxIops.gp3} for gp3, got ${volumeIops}`);
    } else if (volumeIops !== undefined && volumeIops > maxIops[volumeType]) {
        add("volumeIops", `must be at most ${maxIops[volumeType]} for ${volumeType}, got ${volumeIops}`);
    } else if (volumeIops !== undefined && volumeIops > maxIopsPerGiB[volumeType] * sizeGiB && ok("volumeSize")) {
        add("volumeIops", `must be at most ${maxIopsPerGiB[volumeType]} per GiB for ${volumeType}, ${Math.floor(maxIopsPerGiB[volumeType] * sizeGiB)} at ${nodeClass.volumeSize}, got ${volumeIops}`);
    }
    const iops = volumeIops ?? gp3BaselineIops;
    if (volumeType === "gp3" && volumeThroughput !== undefined && volumeThroughput > gp3ThroughputPerIops * iops && ok("volumeThroughput")) {
        add("volumeThroughput", `must be at most ${gp3ThroughputPerIops} MiB/s per IOPS for gp3, ${gp3ThroughputPerIops * iops} at ${iops} IOPS${volumeIops === undefined ? " (the baseline)" : ""}, got ${volumeThroughput}`);
    }
    return problems;
}
