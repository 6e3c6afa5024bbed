/**
 * The shape of the generated table in instanceTypes.ts. Absent labels are `null`: Karpenter
 * leaves them undefined on the instance type (DoesNotExist), which requirements can tell from 0.
 */

/** Facts every size of a family shares, as `kubernetes.io/arch` and `karpenter.k8s.aws/instance-*` labels spell them. */
export interface InstanceFamilyRow {
    arch: "amd64" | "arm64";
    cpuManufacturer: string;
    encryptionInTransit: boolean;
    gpuName?: string;
    gpuManufacturer?: string;
    acceleratorName?: string;
    acceleratorManufacturer?: string;
    sizes: readonly InstanceSizeRow[];
}

/**
 * One size: `[size, vCPUs, memory MiB, hypervisor ("" on bare metal), sustained clock MHz, EBS
 * bandwidth Mbps, network bandwidth Mbps, local NVMe GB, GPUs, GPU memory MiB, accelerators]`.
 */
export type InstanceSizeRow = readonly [
    size: string,
    cpu: number,
    memoryMiB: number,
    hypervisor: string,
    clockSpeedMhz: number | null,
    ebsBandwidthMbps: number | null,
    networkBandwidthMbps: number | null,
    localNvmeGB: number | null,
    gpuCount: number | null,
    gpuMemoryMiB: number | null,
    acceleratorCount: number | null,
];
