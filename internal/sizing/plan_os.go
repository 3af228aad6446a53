package sizing

import (
	"errors"
	"fmt"
	"slices"
	"strings"
)

// This file decides which settings size each group of a cluster plan when
// Linux and Windows groups share the cluster's subnets. "Amazon EKS clusters
// must contain one or more Linux or Fargate nodes to run core system Pods
// that only run on Linux, such as CoreDNS" (EKS User Guide, "Deploy Windows
// nodes on EKS clusters", considerations), so a real Windows cluster with
// node groups is a mixed plan (Fargate pods are the subnets' fargate_pods).
//
// Linux and Windows pods are configured by different objects:
//
//	Linux pods:   ipamd, set by the aws-node DaemonSet's environment (ENABLE_PREFIX_DELEGATION, WARM_IP_TARGET, ...)
//	Windows pods: the VPC resource controller, set by the amazon-vpc-cni ConfigMap in kube-system
//	              (enable-windows-prefix-delegation, windows-warm-ip-target, ...; windows_pool.go)
//
// The rule (also in the data source's schema descriptions):
//
//   - Each group's os is its own, unset = the plan's os.
//   - Plan os = "linux" (the default): the plan-level prefix_delegation and
//     warm targets are aws-node's and size the Linux groups; Windows groups
//     are sized by windows_config_map (absent = the ConfigMap carries none of
//     these keys: the controller's defaults, secondary IPs). Either way the
//     ConfigMap's enable-windows-ipam: "true" is assumed (windows_pool.go):
//     without it Windows pods get no address at all.
//   - Plan os = "windows": the plan-level prefix_delegation and warm IP,
//     minimum IP and warm prefix targets stand for the ConfigMap's Windows
//     keys, as they always have, so every existing configuration reads the
//     same. windows_config_map is then an error (the same settings twice),
//     and a Linux group is an error when any of those plan-level settings is
//     set (it would be unclear which object they configure); with none set,
//     Linux groups take aws-node's defaults.
//   - windows_config_map without a Windows group, and plan-level aws-node
//     settings that have a Windows key (prefix delegation, the warm IP,
//     minimum IP and warm prefix targets) in a plan whose every group is
//     Windows, configure nothing: errors. The aws-node settings with no
//     Windows counterpart (warm_eni_target, custom_networking,
//     security_groups_for_pods, reserved_enis, max_eni, pod subnets)
//     configure nothing there either: warnings, as they change no number
//     (checkPlanOSes says why).
//   - Plan os = "linux" with Linux and Windows groups, prefix_delegation
//     and no windows_config_map: a warning that the Windows groups keep
//     secondary IPs (windows_config_map {} says that is meant).
//   - warm_eni_target has no Windows key: it is aws-node's WARM_ENI_TARGET in
//     either plan, and sizes the Linux groups of a plan whose os is windows
//     too (the Windows groups' "has no effect" warning is then left out).
//
// Settings Windows nodes do not have, in a plan whose os is linux, apply to
// its Linux groups only:
//
//   - custom_networking and pod subnets: the VPC resource controller's IP
//     and prefix provider, which gives Windows pods their addresses, assigns
//     them only on the ENIs already attached to the node (controller v1.8.2
//     pkg/provider/ip/eni/eni.go CreateIPV4Resource, the loop over
//     attachedENIs at :129-164; the code that would create and attach a new
//     ENI is commented out at :166-230, "Windows doesn't support multi-ENI
//     yet"). A Windows node's only such ENI is its primary ENI, in the node
//     subnet, so a Windows group takes every address there and a zone with
//     only Windows nodes needs no ENIConfig subnet. (The ENIConfig subnet the
//     controller does read, updateSubnetIfUsingENIConfig in
//     pkg/node/manager, is used for trunk and branch ENIs only,
//     pkg/provider/branch/trunk/trunk.go:262 and :456, which Windows nodes do
//     not have; and VPC CNI v1.23.2 registers custom networking in the
//     CNINode only with security groups for pods, pkg/ipamd/ipamd.go:637-656.)
//     Subnet discovery is ipamd's (createENI), and aws-node does not run on
//     Windows nodes: no Windows address goes to a pod subnet.
//   - security_groups_for_pods: "You can't use Assign security groups to
//     individual pods with Pods running on Windows nodes" (EKS User Guide,
//     Windows considerations): no trunk ENI on a Windows group, and
//     branch_pods_per_node on one is an error.
//   - reserved_enis, max_eni: ENI counts of ipamd (MAX_ENI) and of the Linux
//     max pods arithmetic; Windows pods use the primary ENI only.
//   - ip_family = "ipv6": "You can't use IPv6 with Windows nodes" (same
//     considerations), so a Windows group in an IPv6 plan is an error.
//
// cap_policy, max_pods_limit and pods_per_core are kubelet's max pods rules
// and apply to both, as they do with os = "windows" today.

// FieldWindowsConfigMap is the cluster plan's object of the amazon-vpc-cni
// ConfigMap's Windows settings.
const FieldWindowsConfigMap = "windows_config_map"

// FieldGroupOS is a node group's or NodePool's own os.
const FieldGroupOS = fieldOS

// WindowsConfigMap is what the VPC resource controller reads for Windows pods
// from the amazon-vpc-cni ConfigMap in kube-system. A nil target is a key
// that is absent, which the controller reads as 0 (windows_pool.go).
type WindowsConfigMap struct {
	// PrefixDelegation is enable-windows-prefix-delegation.
	PrefixDelegation bool
	// WarmIPTarget, MinimumIPTarget and WarmPrefixTarget are
	// windows-warm-ip-target, windows-minimum-ip-target and
	// windows-warm-prefix-target.
	WarmIPTarget, MinimumIPTarget, WarmPrefixTarget *int
}

// osProfile is the settings one OS's groups are sized with: the networking
// (for MaxPods and NodeIPs) and the warm targets, and where the user gave
// the OS-specific ones (prefix "" for the plan level, or
// "windows_config_map.").
type osProfile struct {
	r      Resolved
	warm   WarmTargets
	prefix string
}

// windowsKeys names each windows_config_map setting's ConfigMap key.
var windowsKeys = map[string]string{
	fieldPrefixDelegation: "enable-windows-prefix-delegation",
	fieldWarmIPTarget:     "windows-warm-ip-target",
	fieldMinimumIPTarget:  "windows-minimum-ip-target",
	fieldWarmPrefixTarget: "windows-warm-prefix-target",
}

// validate checks the ConfigMap's targets with warmTarget, the warm targets'
// rule, on their windows_config_map paths.
func (w WindowsConfigMap) validate() error {
	for _, t := range []struct {
		field string
		v     *int
	}{{fieldWarmIPTarget, w.WarmIPTarget}, {fieldMinimumIPTarget, w.MinimumIPTarget}, {fieldWarmPrefixTarget, w.WarmPrefixTarget}} {
		if _, err := warmTarget(t.v, 0, FieldWindowsConfigMap+"."+t.field, "the amazon-vpc-cni ConfigMap's "+windowsKeys[t.field]); err != nil {
			return err
		}
	}
	return nil
}

// settingWithWindowsKey is the first plan-level setting that has a key of
// its own in the amazon-vpc-cni ConfigMap's Windows settings (prefix
// delegation, the warm IP, minimum IP and warm prefix targets: windowsKeys),
// or "" when none is set. In a plan whose os is windows these are the
// ConfigMap's keys; in a plan whose os is linux they are aws-node's.
// warm_eni_target has no Windows key: it is aws-node's in either plan.
func settingWithWindowsKey(n Networking, w WarmTargets) string {
	switch {
	case n.PrefixDelegation:
		return fieldPrefixDelegation
	case w.WarmIPTarget != nil:
		return fieldWarmIPTarget
	case w.MinimumIPTarget != nil:
		return fieldMinimumIPTarget
	case w.WarmPrefixTarget != nil:
		return fieldWarmPrefixTarget
	}
	return ""
}

// resolveProfiles sets the Linux and Windows groups' settings from the
// validated plan-level ones (p.r, p.warm) and windows_config_map.
func (p *plan) resolveProfiles(in PlanInput) error {
	plan := osProfile{r: p.r, warm: p.warm}
	if p.r.OS == osWindows {
		if in.Windows != nil {
			return inputErr(FieldWindowsConfigMap, "windows_config_map is given, but os is \"windows\": the plan-level prefix_delegation and warm targets then already stand for the amazon-vpc-cni ConfigMap's Windows keys, so the same settings would be given twice. Either remove windows_config_map, or set os = \"linux\" (the default) on the plan, os = \"windows\" on the Windows groups, and keep the Windows settings in windows_config_map")
		}
		// Linux groups here are allowed only with none of the settings that
		// have a Windows key given (resolveGroupOS): aws-node's defaults, and
		// warm_eni_target, which only aws-node has.
		n := in.Networking
		n.OS, n.PrefixDelegation = osLinux, false
		r, err := n.Validate()
		if err != nil {
			return err
		}
		p.windows, p.linux = plan, osProfile{r: r, warm: WarmTargets{WarmENITarget: in.Warm.WarmENITarget}}
		return nil
	}
	p.linux = plan
	cm := WindowsConfigMap{}
	if in.Windows != nil {
		if err := in.Windows.validate(); err != nil {
			return err
		}
		cm = *in.Windows
	}
	n := in.Networking
	n.OS, n.PrefixDelegation = osWindows, cm.PrefixDelegation
	n.IPFamily, n.CustomNetworking, n.SecurityGroupsForPods, n.ReservedENIs, n.MaxENI = "", false, false, 0, nil
	r, err := n.Validate()
	if err != nil {
		return err
	}
	p.windows = osProfile{r: r, prefix: FieldWindowsConfigMap + ".",
		warm: WarmTargets{WarmIPTarget: cm.WarmIPTarget, MinimumIPTarget: cm.MinimumIPTarget, WarmPrefixTarget: cm.WarmPrefixTarget}}
	return nil
}

// resolveGroupOS checks a group's os and picks its settings. planOS is ""
// when the plan's settings are not known yet.
func (p *plan) resolveGroupOS(g *planGroup, planOS string) error {
	f := g.field + "." + FieldGroupOS
	if g.spec.OS != "" {
		if err := oneOf(f, g.spec.OS, osLinux, osWindows); err != nil {
			return err
		}
	}
	g.os = or(g.spec.OS, planOS)
	if g.os == osWindows && g.spec.BranchPodsPerNode != 0 { // set or inherited from the plan
		bf := g.field + "." + fieldBranchPodsPerNode
		return inputErr(bf, "%s is %d, but %s %q has os = \"windows\": security groups for pods are not supported for pods on Windows nodes (EKS User Guide, \"Deploy Windows nodes on EKS clusters\", considerations), so its nodes have no trunk or branch ENIs; remove branch_pods_per_node (security_groups_for_pods applies to the Linux groups only)",
			bf, g.spec.BranchPodsPerNode, g.kind, g.name)
	}
	if planOS == "" {
		return nil
	}
	switch {
	case g.os == osWindows && p.r.IPFamily == ipFamilyIPv6:
		return inputErr(f, "%s %q has os = \"windows\", but ip_family is \"ipv6\": EKS does not support IPv6 on Windows nodes (EKS User Guide, \"Deploy Windows nodes on EKS clusters\", considerations), so an IPv6 cluster cannot run them; plan the Windows groups in an IPv4 cluster", g.kind, g.name)
	case g.os == osLinux && planOS == osWindows:
		if set := settingWithWindowsKey(p.inNet, p.inWarm); set != "" {
			return inputErr(f, "%s %q has os = \"linux\" in a plan whose os is \"windows\", where the plan-level %s stands for the amazon-vpc-cni ConfigMap's Windows key, not for aws-node's setting that sizes Linux nodes; set os = \"linux\" (the default) on the plan, os = \"windows\" on the Windows groups and their settings in windows_config_map, so that the plan-level settings are aws-node's", g.kind, g.name, set)
		}
	}
	g.prof = p.linux
	if g.os == osWindows {
		g.prof = p.windows
	}
	return nil
}

// checkPlanOSes runs the checks that need every group's os: settings that
// configure no group.
//
// In a plan whose os is linux and whose every group is Windows, a plan-level
// setting that has a Windows key (settingWithWindowsKey) is an error: the
// user most likely meant the Windows key, and ignoring it would size the
// Windows groups with the controller's defaults, other numbers than the ones
// asked for. The aws-node settings that have no Windows counterpart
// (warm_eni_target, custom_networking, security_groups_for_pods, max_eni,
// reserved_enis and pod subnets) are warnings on their attributes: no
// Windows group could take anything from them, so the numbers are right
// either way, as os = "windows" warns that warm_eni_target has no effect.
func (p *plan) checkPlanOSes(in PlanInput) error {
	linux, windows := p.groupOSes()
	if in.Windows != nil && !windows {
		return inputErr(FieldWindowsConfigMap, "windows_config_map is given, but no node_group or node_pool has os = \"windows\": it configures the VPC resource controller for Windows nodes only; set os = \"windows\" on the Windows groups, or remove windows_config_map")
	}
	switch {
	case p.r.OS == osWindows && linux && windows && p.inWarm.WarmENITarget != nil:
		p.dropWindowsWarmENIWarnings()
	case p.r.OS == osLinux && windows && linux && in.Windows == nil && p.inNet.PrefixDelegation:
		p.warns = append(p.warns, p.prefixDelegationLinuxOnly())
	case p.r.OS == osLinux && windows && !linux:
		if set := settingWithWindowsKey(p.inNet, p.inWarm); set != "" {
			return inputErr(set, "%s is set on the plan, but every node_group and node_pool has os = \"windows\": in a plan whose os is \"linux\" the plan-level %s is aws-node's setting, which sizes Linux nodes only; give the Windows setting in windows_config_map (its %s.%s, the ConfigMap's %s), or set os = \"windows\" on the plan",
				set, set, FieldWindowsConfigMap, set, windowsKeys[set])
		}
		p.warns = append(p.warns, p.awsNodeOnlyWarnings()...)
	}
	return nil
}

// groupOSes says whether the plan has Linux groups and Windows groups.
func (p *plan) groupOSes() (linux, windows bool) {
	for _, g := range p.groups {
		linux = linux || g.os == osLinux
		windows = windows || g.os == osWindows
	}
	return linux, windows
}

// dropWindowsWarmENIWarnings leaves out the Windows groups' "warm_eni_target
// has no effect" warning in a windows plan with Linux groups, which
// warm_eni_target does size: the warning would read as if it sized none.
func (p *plan) dropWindowsWarmENIWarnings() {
	for i := range p.groups {
		if p.groups[i].os == osWindows {
			p.groups[i].warns = slices.DeleteFunc(p.groups[i].warns, func(w Warning) bool { return w.Field == fieldWarmENITarget })
		}
	}
}

// prefixDelegationLinuxOnly is the warning of a plan-level prefix_delegation
// in a linux plan with Windows groups and no windows_config_map: it is
// aws-node's, so the Windows groups keep the controller's secondary IPs,
// which the user may not expect. windows_config_map {} silences it.
func (p *plan) prefixDelegationLinuxOnly() Warning {
	var names []string
	for _, g := range p.groups {
		if g.os == osWindows {
			names = append(names, fmt.Sprintf("%s %q", g.kind, g.name))
		}
	}
	return Warning{Field: fieldPrefixDelegation, Summary: "prefix_delegation sizes the Linux groups only",
		Detail: fmt.Sprintf("In a plan whose os is \"linux\" prefix_delegation is aws-node's ENABLE_PREFIX_DELEGATION, which configures Linux nodes; windows_config_map is not given, so the Windows groups (%s) are sized with the VPC resource controller's secondary IPs. If the cluster's amazon-vpc-cni ConfigMap has enable-windows-prefix-delegation: \"true\", set windows_config_map { prefix_delegation = true }; to plan secondary IPs on Windows, give windows_config_map {} to say so.",
			strings.Join(names, ", "))}
}

// awsNodeOnlyWarnings are the plan's settings that configure Linux nodes
// only, in a plan whose every group is Windows (see checkPlanOSes).
func (p *plan) awsNodeOnlyWarnings() []Warning {
	const windowsPods = "(Windows pods take addresses of the primary ENI, in the node subnet, from the VPC resource controller)"
	var warns []Warning
	add := func(field, what string) {
		warns = append(warns, Warning{Field: field, Summary: field + " configures no group of this plan",
			Detail: fmt.Sprintf("%s is set on the plan, but every node_group and node_pool has os = \"windows\": %s %s, so it changes no number here; remove it, or add the Linux groups it is meant for.", field, what, windowsPods)})
	}
	const noGroup = "which no group of this plan runs"
	n := p.inNet
	if p.inWarm.WarmENITarget != nil {
		add(fieldWarmENITarget, "it configures aws-node (WARM_ENI_TARGET), "+noGroup+", and the VPC resource controller has no warm ENI target")
	}
	if n.CustomNetworking {
		add(fieldCustomNetworking, "it configures aws-node (AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG), "+noGroup)
	}
	if n.SecurityGroupsForPods {
		add(fieldSecurityGroupsForPods, "it configures aws-node (ENABLE_POD_ENI), "+noGroup+", and EKS does not support security groups for pods on Windows nodes")
	}
	if n.MaxENI != nil {
		add(fieldMaxENI, "it configures aws-node (MAX_ENI), "+noGroup)
	}
	if n.ReservedENIs != 0 {
		add(fieldReservedENIs, "it keeps ENIs away from pods in the Linux max pods arithmetic, which no group of this plan uses")
	}
	for i, sp := range p.specs {
		if sp.Role == SubnetRolePod {
			f := fmt.Sprintf("%s[%d].%s", FieldPlanSubnet, i, FieldSubnetRole)
			warns = append(warns, Warning{Field: f, Summary: "Pod subnet used by no group of this plan",
				Detail: fmt.Sprintf("%s is \"pod\", but every node_group and node_pool has os = \"windows\": a pod subnet is aws-node's (the ENIConfig subnet of custom networking, or a subnet discovery subnet), "+noGroup+" %s, so no address of this plan goes there; remove it, or add the Linux groups it is meant for.", f, windowsPods)})
		}
	}
	return warns
}

// groupField moves an error or warning field of a group's replay onto its
// attribute path: the group's own inputs under the group, the Windows
// ConfigMap's settings under windows_config_map (the Windows pool names them
// there itself; MaxPods' prefix_delegation warning does not), and os under
// the group when the group sets its own os.
func (g planGroup) groupField(field string) (string, bool) {
	switch {
	case groupFields[field]:
		return g.field + "." + field, true
	case g.prof.prefix != "" && strings.HasPrefix(field, g.prof.prefix):
		return field, true
	case g.prof.prefix != "" && windowsKeys[field] != "":
		return g.prof.prefix + field, true
	case field == fieldOS && g.spec.OS != "":
		return g.field + "." + FieldGroupOS, true
	}
	return field, false
}

// moveGroupError is nodeUsage's error on the group's paths (see groupField),
// with the group and type named. A plan's groups name table types only, as a
// function does: where the error has advice without the instance object
// (FunctionMsg), that advice is the one to give.
func (g planGroup) moveGroupError(err error, inst string) error {
	var ie *InputError
	if !errors.As(err, &ie) {
		return err
	}
	field, _ := g.groupField(ie.Field)
	msg := ie.Msg
	if ie.FunctionMsg != "" {
		msg = ie.FunctionMsg
	}
	return inputErr(field, "%s %q, instance type %s: %s", g.kind, g.name, inst, msg)
}
