package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"

	"github.com/ekssize/terraform-provider-ekssize/internal/sizing"
)

// launchPathAttribute is the launch_path input of ekssize_max_pods and
// ekssize_node_config, and an option of max_pods() and kube_reserved(); the
// rules are the core's (internal/sizing/launchpath.go, automode.go).
func launchPathAttribute() schema.StringAttribute {
	return schema.StringAttribute{
		Optional: true,
		MarkdownDescription: "How the node is launched, which decides where its max pods comes from. `self_managed` (default): " +
			"your user data, so `max_pods` is the value to write there. `managed_custom_ami`: a managed node group whose launch template names an " +
			"AMI; the user data is yours, the same as `self_managed`. `managed`: a managed node group without a custom AMI; EKS " +
			"computes max pods with `max-pods-calculator.sh` for the VPC CNI settings, caps it at 110 below 30 vCPUs and 250 above, " +
			"and writes it over any `maxPods` or `maxPodsExpression` in your user data (EKS User Guide, " +
			"[How maxPods is determined](https://docs.aws.amazon.com/eks/latest/userguide/choosing-instance-type.html#max-pods-precedence)); " +
			"`max_pods` is then that value, `cap_policy` is taken as `eks`, and `max_pods_limit` (and on `ekssize_node_config` " +
			"`max_pods` and `max_pods_expression`) are ignored with a warning, except that with `ami_family = \"bottlerocket\"` your " +
			"`max_pods` is applied, as the launch template page says of `settings.kubernetes.max-pods`. Where the guide is silent: exactly 30 vCPUs get 110, " +
			"as in `max-pods-calculator.sh` (no type in the table has 30); the VPC CNI settings given are taken to be the ones EKS " +
			"sees; `pods_per_core` still applies (kubelet's `podsPerCore` is not `maxPods`). " +
			"`auto_mode`: an EKS Auto Mode node, which takes no user data: AWS launches and configures it. `max_pods` is what AWS " +
			"publishes, \"EKS Auto Mode limits the number of pods on nodes " +
			"to the lower of: 110 pods hard cap; number of ENIs × (IPs per ENI − 1)\" (EKS User Guide, " +
			"[Considerations for EKS Auto Mode](https://docs.aws.amazon.com/eks/latest/userguide/choosing-instance-type.html)): `m5.large` " +
			"27, `m5.2xlarge` 56, `m4.large` 18, any type with more addresses 110. The NodeClass picks how pods get addresses: " +
			"`advancedNetworking.ipv4PrefixSize` `Auto` (default) gives /28 prefixes, falling back to secondary IPs when the subnet " +
			"has no prefix left, and `\"32\"` is secondary IP mode ([Create a Node Class](https://docs.aws.amazon.com/eks/latest/userguide/create-node-class.html); " +
			"Auto Mode release notes, December 19, 2025: \"Added support for secondary IP mode\"). AWS publishes no other max pods " +
			"for either mode, and ENIs x (IPs per ENI - 1) is the secondary addresses the node can hold, so both modes get the same " +
			"value (`prefix_delegation_applied` is `false`: the value is not prefix arithmetic). Not modelled: " +
			"`advancedNetworking.networkInterfaces` (\"When networkInterfaces is configured, EKS Auto Mode does not attach additional " +
			"IPs, prefixes, or ENIs after instance launch\": the node holds only the addresses configured at launch) and " +
			"`podSubnetSelectorTerms` (pod addresses in other subnets); with either, a node can hold fewer pods than `max_pods`. An instance " +
			"type Auto Mode does not launch is an error naming the rule (\"EKS Auto Mode only creates instances of supported types\": " +
			"the families AWS lists, [EKS Auto Mode supported instance reference](https://docs.aws.amazon.com/eks/latest/userguide/automode-learn-instances.html#auto-supported-instances); " +
			"\"More than 1 CPU\"; \"Instance size is not nano, micro or small\"), as are `os = \"windows\"` (\"EKS Auto Mode only supports " +
			"Linux\"), `security_groups_for_pods` and `custom_networking` (not supported by Auto Mode). `cap_policy`, `prefix_delegation` " +
			"(the NodeClass, not the VPC CNI, picks the mode), `max_pods_limit`, " +
			"`pods_per_core` (the Auto Mode NodeClass has no kubelet settings), `reserved_enis`, `max_eni` and `cni_version` " +
			"(\"Configuration options for the previous AWS VPC CNI will not apply to EKS Auto Mode\") have no effect: a warning, and the " +
			"value is returned as if they were unset (an error with `strict = true` in the functions). AWS publishes no kube-reserved for " +
			"Auto Mode nodes and they take no user data, so " +
			"`ekssize_node_config` and `kube_reserved()` reject `auto_mode`.",
	}
}

// launchPath returns the core's launch path for a Terraform value; null means
// the default.
func launchPath(n sizing.Networking, v interface{ ValueString() string }) sizing.Networking {
	n.LaunchPath = v.ValueString()
	return n
}
