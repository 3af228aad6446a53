package sizing

import "strconv"

// VPCCNIEnv is the VPC CNI configuration that makes a cluster's aws-node
// DaemonSet behave as the sizing assumed: the env of the aws-node container and
// of its aws-vpc-cni-init container, as the EKS add-on's configuration values
// take them (aws_eks_addon "vpc-cni" configuration_values: {"env": {...},
// "init": {"env": {...}}}).
type VPCCNIEnv struct {
	Env     map[string]string
	InitEnv map[string]string
}

// VPCCNIAddonEnv maps the networking and warm-pool settings onto the VPC CNI's
// environment variables (the VPC CNI README's names, v1.23):
//
//   - ENABLE_PREFIX_DELEGATION, always written, since every number depends on it;
//   - the warm-pool target the sizing replayed, written even at its default, so
//     the add-on cannot fall back to another default: WARM_PREFIX_TARGET with
//     prefix delegation (ipamd's own fallback is 0, the add-on's 1),
//     WARM_ENI_TARGET without it, or WARM_IP_TARGET/MINIMUM_IP_TARGET when given;
//   - MAX_ENI when given;
//   - AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG and ENI_CONFIG_LABEL_DEF
//     (topology.kubernetes.io/zone: one ENIConfig per zone, named after it) for
//     custom networking;
//   - ENABLE_POD_ENI for security groups for pods, with the init container's
//     DISABLE_TCP_EARLY_DEMUX, which AWS's guide asks for so that kubelet's TCP
//     probes reach pods with their own security groups.
//
// Settings of kubelet, not of the CNI (cap_policy, max_pods_limit,
// pods_per_core, reserved_enis), write nothing. Neither does ip_family:
// the EKS add-on configures IPv6 itself on an IPv6 cluster. os = "windows" is
// an error: Windows nodes' IP settings are the amazon-vpc-cni ConfigMap's,
// read by the VPC resource controller (windows_pool.go), and the aws-node
// environment rendered here would apply the Windows intent to Linux nodes.
func VPCCNIAddonEnv(n Networking, w WarmTargets) (VPCCNIEnv, error) {
	r, err := n.Validate()
	if err != nil {
		return VPCCNIEnv{}, err
	}
	if r.OS == osWindows {
		return VPCCNIEnv{}, inputErr(fieldOS, "os = \"windows\" has no vpc-cni add-on configuration: the add-on's env configures the aws-node DaemonSet, which runs on Linux nodes only, while Windows nodes get their IPs from the VPC resource controller, set in the amazon-vpc-cni ConfigMap (enable-windows-ipam, enable-windows-prefix-delegation, windows-warm-ip-target, windows-minimum-ip-target, windows-warm-prefix-target); use os = \"linux\" with the Linux nodes' settings")
	}
	rw, err := w.Validate()
	if err != nil {
		return VPCCNIEnv{}, err
	}
	env := map[string]string{"ENABLE_PREFIX_DELEGATION": strconv.FormatBool(r.PrefixDelegation)}
	switch {
	case rw.WarmIPDefined():
		if rw.WarmIP > 0 {
			env["WARM_IP_TARGET"] = strconv.Itoa(rw.WarmIP)
		}
		if rw.MinimumIP > 0 {
			env["MINIMUM_IP_TARGET"] = strconv.Itoa(rw.MinimumIP)
		}
	case r.PrefixDelegation:
		env["WARM_PREFIX_TARGET"] = strconv.Itoa(rw.WarmPrefix)
	default:
		env["WARM_ENI_TARGET"] = strconv.Itoa(rw.WarmENI)
	}
	if r.MaxENI != nil {
		env["MAX_ENI"] = strconv.Itoa(*r.MaxENI)
	}
	if r.CustomNetworking {
		env["AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG"] = "true"
		env["ENI_CONFIG_LABEL_DEF"] = "topology.kubernetes.io/zone"
	}
	out := VPCCNIEnv{Env: env}
	if r.SecurityGroupsForPods {
		env["ENABLE_POD_ENI"] = "true"
		out.InitEnv = map[string]string{"DISABLE_TCP_EARLY_DEMUX": "true"}
	}
	return out, nil
}
