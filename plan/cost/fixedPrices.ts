/**
 * Prices of what a stack bills by the hour or month whether or not a pod runs, in us-east-1, read
 * on 2026-11-30 through the stored copies of AWS's pages (AWS renders the regional rates of its
 * pricing pages in the browser, so a rate the stored page lacks is taken from the page named):
 *
 * - EKS: $0.10 per cluster-hour in standard support, $0.60 in extended support. AWS Containers blog,
 *   "Amazon EKS extended support for Kubernetes versions pricing" (aws.amazon.com/blogs/containers/),
 *   which https://aws.amazon.com/eks/pricing/ repeats.
 * - NAT gateway: $0.045 per NAT gateway-hour (data processed is billed per GB on top). Amazon VPC
 *   pricing (https://aws.amazon.com/vpc/pricing/), its worked example for US East.
 * - Public IPv4: $0.005 per address-hour, in use or idle, since 2024-02-01, Elastic IPs of NAT
 *   gateways included. AWS News blog "New – AWS Public IPv4 Address Charge + Public IP Insights"
 *   and the VPC pricing page.
 * - Interface VPC endpoint: $0.01 per endpoint per Availability Zone-hour; gateway endpoints (S3)
 *   are free. AWS PrivateLink pricing (https://aws.amazon.com/privatelink/pricing/): "billed for
 *   each hour that your VPC endpoint remains provisioned in each Availability Zone".
 * - gp3: $0.08 per GB-month, 3,000 IOPS and 125 MB/s included. Amazon EBS pricing
 *   (https://aws.amazon.com/ebs/pricing/).
 *
 * Other regions differ (eu-central-1's NAT gateway is dearer); the plan says which region its
 * stack deploys to beside these.
 */

export interface FixedPrice {
    /** USD per `unit`. */
    price: number;
    /** What one count of the price is: "cluster-hour", "GB-month". */
    unit: string;
    /** Hourly prices multiply hours; monthly ones (storage) are already per month. */
    per: "hour" | "month";
}

export const fixedPriceSource = { region: "us-east-1", read: "2026-11-30" } as const;

export const fixedPrices = {
    eksStandardSupport: { price: 0.1, unit: "cluster-hour", per: "hour" },
    eksExtendedSupport: { price: 0.6, unit: "cluster-hour", per: "hour" },
    natGateway: { price: 0.045, unit: "NAT gateway-hour", per: "hour" },
    publicIpv4: { price: 0.005, unit: "address-hour", per: "hour" },
    interfaceEndpoint: { price: 0.01, unit: "endpoint-AZ-hour", per: "hour" },
    gp3: { price: 0.08, unit: "GB-month", per: "month" },
} as const satisfies Record<string, FixedPrice>;

/** The month AWS's pricing pages and calculator use: 730 hours. */
export const hoursPerMonth = 730;
