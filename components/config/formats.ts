import { quote } from "./problems";
import { Check, problem, shown, text } from "./schema";

/** Formats of the values users type, with the wording error messages use. */

const dns1123Label = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const dns1123Subdomain = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const qualifiedName = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const labelValue = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const quantityPattern = /^(\+|-)?(([0-9]+(\.[0-9]*)?)|(\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\+|-)?(([0-9]+(\.[0-9]*)?)|(\.[0-9]+))))?$/;

export const clusterName = text(
    "an EKS cluster name: 1-100 letters, digits, '-' or '_', starting with a letter or digit",
    /^[0-9A-Za-z][A-Za-z0-9\-_]*$/,
    100,
);
export const dnsLabel = text('a DNS-1123 label: lowercase letters, digits and "-", such as "team-a"', dns1123Label, 63);
export const namespace = text('a Kubernetes namespace: a DNS-1123 label such as "kube-system"', dns1123Label, 63);
export const serviceAccountName = text('a Kubernetes service account name: a DNS-1123 subdomain such as "karpenter"', dns1123Subdomain, 253);
/**
 * A Kubernetes qualified name (label or taint key): an optional DNS-subdomain prefix of up to 253
 * characters and "/", then a name of up to 63. The API server rejects a node label or taint whose
 * name part is longer, so a node would never register.
 */
export function qualifiedKey(form: string): Check {
    const syntax = text(form, qualifiedName, 316);
    return (value, path) => {
        const problems = syntax(value, path);
        if (problems.length > 0) {
            return problems;
        }
        const key = value as string;
        const slash = key.indexOf("/");
        const name = key.slice(slash + 1);
        if (name.length > 63) {
            return problem(path, `must have a name part${slash >= 0 ? ' (after the "/")' : ""} of at most 63 characters, got ${name.length}: ${form}`);
        }
        return slash > 253 ? problem(path, `must have a prefix (before the "/") of at most 253 characters, got ${slash}: ${form}`) : [];
    };
}
export const labelKey = qualifiedKey('a Kubernetes label key such as "team" or "example.com/team"');
export const labelValueText = text("a Kubernetes label value: up to 63 letters, digits, '-', '_' or '.'", labelValue, 63);
/** A taint value, as the NodePool CRD's pattern and the API server's label-value rule both allow: not empty. */
export const taintValue = text("a taint value: 1 to 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit", /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/, 63);

/** Label prefixes the EKS API refuses on a managed node group ("Label cannot contain reserved prefixes"). */
const eksReservedLabelPrefixes = ["kubernetes.io/", "k8s.io/", "eks.amazonaws.com/"];
/**
 * A label key of an EKS managed node group: the EKS API's `labels` map takes keys of 1 to 63
 * characters in all (prefix included), and none in the Kubernetes or EKS domains.
 */
export const nodeGroupLabelKey: Check = (value, path) => {
    const problems = labelKey(value, path);
    if (problems.length > 0) {
        return problems;
    }
    const key = value as string;
    if (key.length > 63) {
        return problem(path, `must be at most 63 characters in all, prefix included, as the EKS API requires of node group labels, got ${key.length}`);
    }
    const prefix = key.includes("/") ? `${key.split("/")[0]}/` : "";
    const reserved = eksReservedLabelPrefixes.find((r) => prefix.includes(r));
    return reserved ? problem(path, `must not use the prefix "${reserved}", which the EKS API reserves on node group labels, got ${quote(key)}`) : [];
};
/** A label value of an EKS managed node group: the EKS API takes 1 to 63 characters, so not empty. */
export const nodeGroupLabelValue: Check = (value, path) =>
    value === "" ? problem(path, "must not be empty: the EKS API takes node group label values of 1 to 63 characters") : labelValueText(value, path);
export const exactVersion = text('an exact version such as "1.14.1" (no ranges, no "v" prefix)', /^\d+\.\d+\.\d+$/);
export const minorVersion = text('a Kubernetes minor version such as "1.35"', /^1\.\d+$/);
export const vpcId = text('a VPC id such as "vpc-0abc1234def567890"', /^vpc-[0-9a-f]{8}([0-9a-f]{9})?$/);
export const subnetId = text('a subnet id such as "subnet-0abc1234def567890"', /^subnet-[0-9a-f]{8}([0-9a-f]{9})?$/);
export const routeTableId = text('a route table id such as "rtb-0abc1234def567890"', /^rtb-[0-9a-f]{8}([0-9a-f]{9})?$/);
export const securityGroupId = text('a security group id such as "sg-0abc1234def567890"', /^sg-[0-9a-f]{8}([0-9a-f]{9})?$/);
/** ECR's `ecrRepositoryPrefix` (CreatePullThroughCacheRule): 2-30 characters, lowercase path segments. */
export const ecrRepositoryPrefix = text(
    'an ECR repository prefix of 2-30 lowercase letters, digits and "/", ".", "_" or "-" between them, such as "ecr-public"',
    /^(?=.{2,30}$)(?:[a-z0-9]+(?:[._-][a-z0-9]+)*\/)*[a-z0-9]+(?:[._-][a-z0-9]+)*$/,
    30,
);
/** The part of a VPC endpoint service name after the region: `com.amazonaws.<region>.<this>`. */
const endpointServiceText = text('a VPC endpoint service such as "logs" or "ssmmessages"', /^[a-z0-9]+([.-][a-z0-9]+)*$/, 64);
export const endpointService: Check = (value, path) =>
    typeof value === "string" && /^(cn\.)?com\.amazonaws\./.test(value)
        ? problem(path, `must be only the part after "com.amazonaws.<region>.", such as "logs", got "${value}"`)
        : endpointServiceText(value, path);
export const containerImage = text('a container image reference such as "registry.example.com/pause:3.7"', /^[a-z0-9]+([._-][a-z0-9]+)*(:[0-9]+)?(\/[a-z0-9]+([._-][a-z0-9]+)*)*(:[\w][\w.-]{0,127})?(@sha256:[0-9a-f]{64})?$/);
export const instanceType = text('an EC2 instance type such as "m6i.large"', /^[a-z][a-z0-9-]*\.[a-z0-9-]+$/);
export const instanceCategory = text('an instance category such as "m" or "c"', /^[a-z]+$/);
export const instanceFamily = text('an instance family such as "m7i" or "c7g"', /^[a-z]+[0-9][a-z0-9-]*$|^u-[a-z0-9]+$/);
export const instanceSize = text('an instance size such as "large", "2xlarge" or "metal-24xl"', /^[a-z0-9][a-z0-9-]*$/);
export const zone = text('an availability zone such as "us-west-2a" or a Local Zone such as "us-west-2-lax-1a"', /^[a-z]{2,4}(-[a-z]+)+-\d+([a-z]|-[a-z]+-\d+[a-z])$/);
export const region = text('an AWS region such as "us-west-2"', /^[a-z]{2,4}(-[a-z]+)+-\d+$/);
export const iamRoleName = text("an IAM role name: up to 64 letters, digits or +=,.@_-", /^[\w+=,.@-]+$/, 64);
export const instanceProfileName = text("an instance profile name: up to 128 letters, digits or +=,.@_-", /^[\w+=,.@-]+$/, 128);
export const managedPolicyArn = text(
    'an IAM policy ARN such as "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"',
    /^arn:aws(-[a-z]+)*:iam::(aws|\d{12}):policy\/[\w+=,.@/-]+$/,
);
export const principalArn = text(
    'an IAM role or user ARN such as "arn:aws:iam::111122223333:role/admins"',
    /^arn:aws(-[a-z]+)*:iam::\d{12}:(role|user)\/[\w+=,.@/-]+$/,
);
const cloudWatchRetentionDays = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653];
export const logRetentionDays: Check = (value, path) =>
    typeof value === "number" && cloudWatchRetentionDays.includes(value)
        ? []
        : problem(path, `must be one of CloudWatch's retention periods (${cloudWatchRetentionDays.join(", ")}), got ${shown(value)}`);
export const stableKey = text('a stable key of letters, digits, "-" or "_" such as "cloudwatch"', /^[A-Za-z0-9_-]+$/, 64);
export const kmsKeyId = text(
    "a KMS key ARN, key id or alias ARN",
    /^(arn:aws(-[a-z]+)*:kms:[a-z0-9-]+:\d{12}:(key|alias)\/[\w/-]+|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|alias\/[\w/-]+)$/,
);
export const amiAlias = text(
    'an AMI alias "family@version" with family al2023 or bottlerocket, such as "al2023@v20260714" or "bottlerocket@v1.64.0"',
    /^(al2023@(v\d{8}|latest)|bottlerocket@(v\d+\.\d+\.\d+|latest))$/,
    30,
);
export const volumeSize = text(
    'an EBS volume size such as "50Gi" (Gi, G, Ti or T)',
    /^((?:[1-9][0-9]{0,3}|[1-4][0-9]{4}|[5][0-8][0-9]{3}|59000)Gi|(?:[1-9][0-9]{0,3}|[1-5][0-9]{4}|[6][0-3][0-9]{3}|64000)G|([1-9]|[1-5][0-7]|58)Ti|([1-9]|[1-5][0-9]|6[0-3]|64)T)$/,
);
/** Karpenter's duration form: `30s`, `5m`, `1h30m`, or `Never`. */
const durationOrNever = text('a duration such as "30s", "5m", "720h" or "Never"', /^(([0-9]+(s|m|h))+|Never)$/);
/** `consolidateAfter` and `expireAfter`: zero would consolidate on every pod change or expire nodes as they start. */
export const nonZeroDurationOrNever: Check = (value, path) => {
    const problems = durationOrNever(value, path);
    return problems.length === 0 && isZeroDuration(value as string)
        ? problem(path, `must be a non-zero duration such as "30s", "5m", "720h" or "Never", got "${value}"`)
        : problems;
};
export const duration = text('a duration such as "30s", "5m" or "48h"', /^([0-9]+(s|m|h))+$/);
export const budgetNodes = text('a node count such as "5" or a percentage such as "10%"', /^((100|[0-9]{1,2})%|[0-9]+)$/);
export const budgetDuration = text('a duration in hours and minutes such as "8h" or "1h30m"', /^((([0-9]+(h|m))|([0-9]+h[0-9]+m))(0s)?)$/);
export const cronSchedule = text(
    'a cron schedule such as "0 9 * * mon-fri" or "@daily"',
    /^(@(annually|yearly|monthly|weekly|daily|midnight|hourly))$|^\S+\s\S+\s\S+\s\S+\s\S+$/,
);

/** A Kubernetes resource quantity, as strict as the API server. */
export const quantity: Check = (value, path) => {
    if (typeof value === "number" && Number.isFinite(value) && value >= 0) {
        return [];
    }
    if (typeof value !== "string" || !quantityPattern.test(value) || value.startsWith("-")) {
        return problem(path, `must be a Kubernetes quantity such as "100", "500m" or "400Gi", got ${shown(value)}`);
    }
    return [];
};

const quantitySuffixes: Record<string, number> = {
    n: 1e-9, u: 1e-6, m: 1e-3, "": 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18,
    Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60,
};

/** The numeric value of a valid quantity, for comparisons such as request <= limit. */
export function quantityValue(value: string | number): number {
    if (typeof value === "number") {
        return value;
    }
    const match = /^([+-]?[0-9.]+(?:[eE][+-]?[0-9]+)?)([a-zA-Z]*)$/.exec(value);
    if (!match) {
        return NaN;
    }
    const suffix = quantitySuffixes[match[2]];
    return suffix === undefined ? NaN : Number(match[1]) * suffix;
}

/** `"0s"`, `"0m"`, `"0h0m"`. */
function isZeroDuration(value: string): boolean {
    return /^(0+(s|m|h))+$/.test(value);
}

/** An IPv4 CIDR whose host bits are zero, with the prefix length in `[minPrefix, maxPrefix]`. */
export function cidr(minPrefix: number, maxPrefix: number): Check {
    return (value, path) => {
        const match = typeof value === "string" ? /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(value) : null;
        const octets = match ? match.slice(1, 5).map(Number) : [];
        const prefix = match ? Number(match[5]) : NaN;
        if (!match || octets.some((o) => o > 255) || prefix > 32) {
            return problem(path, `must be an IPv4 CIDR such as "10.0.0.0/16", got ${shown(value)}`);
        }
        if (prefix < minPrefix || prefix > maxPrefix) {
            return problem(path, `must have a prefix length from /${minPrefix} to /${maxPrefix}, got /${prefix}`);
        }
        const address = octets.reduce((acc, o) => acc * 256 + o, 0);
        const network = prefix === 0 ? 0 : address - (address % 2 ** (32 - prefix));
        if (network !== address) {
            const fixed = [24, 16, 8, 0].map((shift) => Math.floor(network / 2 ** shift) % 256).join(".");
            return problem(path, `has host bits set; did you mean "${fixed}/${prefix}"?`);
        }
        return [];
    };
}

/**
 * The characters IAM's `Tag` accepts (`[\p{L}\p{Z}\p{N}_.:/=+\-@]`), the strictest of the services
 * the component tags: every tag reaches an IAM role or policy, and EC2NodeClass tags reach the
 * instance profiles Karpenter creates.
 */
const tagCharacters = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;
const tagCharacterList = "letters, digits, spaces and _ . : / = + - @";

/** Tag keys as IAM accepts them: 1 to 128 characters; `aws:` is reserved for AWS. */
export const tagKey: Check = (value, path) => {
    // AWS counts Unicode characters, not UTF-16 units.
    const length = typeof value === "string" ? [...value].length : 0;
    if (typeof value !== "string" || length === 0 || length > 128) {
        return problem(path, `must be a tag key of 1 to 128 characters, got ${length}`);
    }
    if (!tagCharacters.test(value)) {
        return problem(path, `must use only ${tagCharacterList} (IAM's tag characters), got ${quote(value)}`);
    }
    return value.toLowerCase().startsWith("aws:") ? problem(path, 'must not start with "aws:", which is reserved for AWS') : [];
};
/** Tag values as IAM accepts them: up to 256 characters, possibly empty. */
export const tagValue: Check = (value, path) => {
    if (typeof value !== "string") {
        return text("a tag value of up to 256 characters")(value, path);
    }
    const length = [...value].length;
    if (length > 256) {
        return problem(path, `must be at most 256 characters (got ${length}): a tag value of up to 256 characters`);
    }
    return tagCharacters.test(value) ? [] : problem(path, `must use only ${tagCharacterList} (IAM's tag characters), got ${quote(value)}`);
};

/** EC2's limit on user data, in bytes before base64 encoding. */
export const userDataMaxBytes = 16 * 1024;
/** Extra user data: text, within EC2's 16 KB limit. */
export const userData: Check = (value, path) => {
    if (typeof value !== "string") {
        return text("user data text")(value, path);
    }
    const bytes = Buffer.byteLength(value, "utf8");
    return bytes > userDataMaxBytes
        ? problem(path, `must be at most ${userDataMaxBytes} bytes, EC2's user data limit before base64 (Karpenter's own part comes on top), got ${bytes}`)
        : [];
};
