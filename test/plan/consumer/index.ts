import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import { Topic } from "@pulumi/aws/sns/topic";
import { TopicSubscription } from "@pulumi/aws/sns/topicSubscription";
import { KarpenterCluster } from "karpenter-cluster";

const cluster = new KarpenterCluster("platform", {
    clusterName: "consumer",
    endpoint: { publicAccessCidrs: ["198.51.100.0/24"] },
});

// The bucket's name is left to the provider, which autonames it.
const artifacts = new aws.s3.Bucket("artifacts", { tags: { team: "platform" } });

// Workloads find the bucket through a ConfigMap in the default namespace.
const settings = new k8s.core.v1.ConfigMap("settings", { data: { bucket: artifacts.bucket, bucketArn: artifacts.arn } }, { provider: cluster.provider });

// Classes imported from their own files, the one passed to the other as a resource: the SDK sends
// a resource reference, and the namespace that registers them (aws.sns) is never touched.
const alerts = new Topic("alerts");
new TopicSubscription("alerts-email", { topic: alerts, protocol: "email", endpoint: "platform@example.com" });

export const bucketArn = artifacts.arn;
export const settingsId = settings.id;
