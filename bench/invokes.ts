/**
 * The provider functions (invokes) the component may call, and whether their answer could be
 * derived from config or outputs instead. Each invoke is a network round trip in a real
 * preview, so one that could be derived is a cost for nothing: the target is none.
 */
export interface InvokeKind {
    derivable: boolean;
    /** Where the answer comes from instead, or why it cannot be derived. */
    why: string;
}

export const invokeKinds: Record<string, InvokeKind> = {
    "aws:index/getRegion:getRegion": {
        derivable: true,
        why: "the provider's region: an explicit provider's `region`, else aws:region or AWS_REGION; asked only when none is set",
    },
    "aws:index/getPartition:getPartition": { derivable: true, why: "follows from the region (the SDKs' partition table)" },
    "aws:index/getCallerIdentity:getCallerIdentity": {
        derivable: false,
        why: "no config holds the account id; reading it off a created resource's ARN would put every IAM document behind that resource and leave it unknown in preview",
    },
    "aws:iam/getRole:getRole": { derivable: false, why: "an existing role's ARN, whose IAM path only IAM knows (nodeClasses[].role)" },
    "aws:ec2/getVpc:getVpc": { derivable: false, why: "an existing VPC's CIDR blocks, for the VPC endpoints' security group" },
};

export interface InvokeCount {
    token: string;
    count: number;
    /** Undefined for a token the table does not know: it needs a verdict before it ships. */
    kind?: InvokeKind;
}

/** The calls a program made, counted by token in first-call order, with their verdicts. */
export function countInvokes(tokens: string[]): InvokeCount[] {
    const counts = new Map<string, number>();
    for (const token of tokens) {
        counts.set(token, (counts.get(token) ?? 0) + 1);
    }
    return [...counts].map(([token, count]) => ({ token, count, kind: invokeKinds[token] }));
}

/** Calls that should not have been made: derivable ones and ones with no verdict yet. */
export function avoidableInvokes(counts: InvokeCount[]): InvokeCount[] {
    return counts.filter((c) => c.kind === undefined || c.kind.derivable);
}
