/**
 * How many Availability Zones every account sees in a region: awsx's `Vpc` takes the first
 * `numberOfAvailabilityZones` names `getAvailabilityZones` returns and fails ("does not have at
 * least N Availability Zones") inside its provider, after the rest of the stack was registered.
 *
 * From AWS's "Regions and Availability Zones" documentation, as of 2026. Only regions where every
 * account sees the same zones are listed: in us-west-1 and ap-northeast-1, newer accounts see one
 * zone fewer than older ones, and a region missing here (a new one, or one of those two) is looked
 * up when the VPC is planned, before anything is created (see lateValidation).
 */
const availabilityZoneCounts: Readonly<Record<string, number>> = {
    "us-east-1": 6,
    "us-east-2": 3,
    "us-west-2": 4,
    "ca-central-1": 3,
    "sa-east-1": 3,
    "eu-west-1": 3,
    "eu-west-2": 3,
    "eu-west-3": 3,
    "eu-central-1": 3,
    "eu-north-1": 3,
    "ap-south-1": 3,
    "ap-southeast-1": 3,
    "ap-southeast-2": 3,
    "ap-northeast-2": 4,
    "ap-northeast-3": 3,
    "us-gov-west-1": 3,
    "us-gov-east-1": 3,
    "cn-north-1": 3,
    "cn-northwest-1": 3,
};

/** The AZ count of `region` when it is the same for every account; undefined when it must be looked up. */
export function knownAvailabilityZoneCount(region: string): number | undefined {
    return availabilityZoneCounts[region];
}

/** The message for asking more AZs than `region` has, or undefined when it has enough (or the count is unknown). */
export function availabilityZoneCountProblem(wanted: number, region: string, available: number | undefined): string | undefined {
    return available !== undefined && wanted > available
        ? `must be at most ${available}, the number of Availability Zones region ${region} offers, got ${wanted}`
        : undefined;
}
