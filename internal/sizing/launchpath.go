package sizing

// Launch paths: who writes kubelet's max pods on the nodes of a node group.
//
// Source for the managed node group rules: Amazon EKS User Guide, "Choose an
// optimal Amazon EC2 node instance type", section "How maxPods is determined"
// (https://docs.aws.amazon.com/eks/latest/userguide/choosing-instance-type.html#max-pods-precedence),
// and "Create a managed node group" / "Assign more IP addresses to Amazon EKS
// nodes with prefixes" for the details it refers to:
//
//   - "When you use a managed node group without a custom AMI, Amazon EKS
//     enforces a cap on maxPods in the node's user data. For instances with less
//     than 30 vCPUs, the cap is 110. For instances with greater than 30 vCPUs,
//     the cap is 250. This value takes precedence over any other maxPods
//     configuration, including maxPodsExpression."
//   - "Managed node groups calculates and applies a single value for the maximum
//     number of Pods ... If you create a node group with different instance
//     types, the smallest value calculated across all instance types is applied
//     ... Managed node groups calculates the value using the script referenced in
//     [Amazon EKS recommended maximum Pods]" (max-pods-calculator.sh), and with a
//     VPC CNI new enough for prefix delegation "Managed node groups automatically
//     calculates the maximum number of Pods for you"; "This maximum number is
//     applied whether prefix delegation is enabled or not."
//
// So on launchManaged max pods is max-pods-calculator.sh's value for the VPC
// CNI settings (cap_policy "eks" forced), and the user's own max pods
// (max_pods_limit, max_pods, maxPodsExpression) is ignored with a warning.
// Where the guide is silent this provider chooses, and says so:
//   - exactly 30 vCPUs: the pages say "less than 30" -> 110 and "greater than 30"
//     (or "all other instances") -> 250; the guide says the value comes from the
//     script, whose rule is "more than 30 vCPUs -> 250", so 30 vCPUs get 110 (no
//     type in the embedded table has exactly 30 vCPUs);
//   - how EKS learns the VPC CNI settings (custom networking, security groups for
//     pods, MAX_ENI) is not published: the settings given are taken as the ones
//     EKS sees;
//   - kubelet's podsPerCore is a separate kubelet setting, not maxPods, so
//     pods_per_core still lowers the value kubelet enforces.
//
// launchManagedCustomAMI and launchSelfManaged: the user data is the user's, so
// the max pods it sets is what kubelet runs with (this provider's max_pods).
//
// launchAutoMode (automode.go): EKS Auto Mode launches and configures the node;
// its max pods is AWS's published Auto Mode formula.
const (
	launchSelfManaged      = "self_managed"
	launchManaged          = "managed"
	launchManagedCustomAMI = "managed_custom_ami"
)

// fieldLaunchPath is the provider's name of the launch path setting.
const fieldLaunchPath = "launch_path"

// launchPaths are the accepted launch paths, in the order error messages list them.
var launchPaths = []string{launchSelfManaged, launchManaged, launchManagedCustomAMI, launchAutoMode}

func (n Networking) launchPath() string { return or(n.LaunchPath, launchSelfManaged) }

// NodeGroupMaxPods is the one max pods value that is safe for every instance
// type of a node group whose nodes share one user data (a managed node group
// with several types, a launch template shared by a mixed self-managed group):
// the smallest of the per-type values, as managed node groups apply it ("the
// smallest value calculated across all instance types"). It returns the value
// and the first type (in the given order) that has it; names and values are
// parallel and must not be empty.
func NodeGroupMaxPods(names []string, values []int) (int, string) {
	best, at := 0, ""
	for i, v := range values {
		if i == 0 || v < best {
			best, at = v, names[i]
		}
	}
	return best, at
}
