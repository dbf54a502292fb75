// Entry of the package subpath `cdktf-eks-monitoring/eks`. It loads @cdktf/provider-aws (deep imports
// only), which is why the root entry never imports this folder.
export * from './hybrid-eks-cluster';
export * from './defaults';
export type { FargateProfileSelector, FargateProfileDescription, FargateCapture } from '../fargate-profiles';
