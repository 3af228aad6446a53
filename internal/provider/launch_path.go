package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"

	"github.com/ekssize/terraform-provider-ekssize/internal/sizing"
)

// launchPathAttribute is the launch_path input of ekssize_max_pods and
// ekssize_node_config; the rules are the core's (internal/sizing/launchpath.go).
func launchPathAttribute() schema.StringAttribute {
	return schema.StringAttribute{
		Optional: true,
		MarkdownDescription: "Who writes kubelet's max pods into the node's user data. `self_managed` (default): your user data, " +
			"so `max_pods` is the value to write there. `managed_custom_ami`: a managed node group whose launch template names an " +
			"AMI; the user data is yours, the same as `self_managed`. `managed`: a managed node group without a custom AMI; EKS " +
			"computes max pods with `max-pods-calculator.sh` for the VPC CNI settings, caps it at 110 below 30 vCPUs and 250 above, " +
			"and writes it over any `maxPods` or `maxPodsExpression` in your user data (EKS User Guide, " +
			"[How maxPods is determined](https://docs.aws.amazon.com/eks/latest/userguide/choosing-instance-type.html#max-pods-precedence)); " +
			"`max_pods` is then that value, `cap_policy` is taken as `eks`, and `max_pods_limit` (and on `ekssize_node_config` " +
			"`max_pods` and `max_pods_expression`) are ignored with a warning, except that with `ami_family = \"bottlerocket\"` your " +
			"`max_pods` is applied, as the launch template page says of `settings.kubernetes.max-pods`. Where the guide is silent: exactly 30 vCPUs get 110, " +
			"as in `max-pods-calculator.sh` (no type in the table has 30); the VPC CNI settings given are taken to be the ones EKS " +
			"sees; `pods_per_core` still applies (kubelet's `podsPerCore` is not `maxPods`).",
	}
}

// launchPath returns the core's launch path for a Terraform value; null means
// the default.
func launchPath(n sizing.Networking, v interface{ ValueString() string }) sizing.Networking {
	n.LaunchPath = v.ValueString()
	return n
}
