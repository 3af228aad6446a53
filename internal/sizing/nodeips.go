package sizing

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/ekssize/terraform-provider-ekssize/internal/ec2data"
)

// NodeIPsInput is one node's instance, VPC CNI settings and pod counts.
type NodeIPsInput struct {
	Instance   ec2data.Instance
	Networking Networking
	Warm       WarmTargets
	// MaxPods is kubelet's max pods, which ipamd reads from the node and never
	// allocates beyond. nil = what MaxPods gives for Instance and Networking.
	MaxPods *int
	// PodsPerNode is the peak number of pods on the VPC network per node (not
	// host-network pods, which cost nothing, and not branch pods). nil =
	// max pods - 2 - branch pods (at least 0), the two being aws-node and
	// kube-proxy on the host network; on Windows nil = max pods (kube-proxy
	// and the CNI run as host services there, not as pods).
	PodsPerNode *int
	// BranchPodsPerNode is pods with their own branch ENI (security groups for
	// pods), each costing one IP.
	BranchPodsPerNode int
	// windowsFieldPrefix is where the user gave the Windows ConfigMap
	// settings that Warm and Networking.PrefixDelegation stand for with os =
	// "windows": "" for the input's own attributes, or "windows_config_map."
	// in a cluster plan; messages name them by that path.
	windowsFieldPrefix string
}

// NodeUsage is the IPv4 addresses one node takes at its peak pod count.
type NodeUsage struct {
	MaxPods           int
	PodsPerNode       int
	BranchPodsPerNode int

	// PrefixDelegation is true when pods get /28 prefixes (IPv4).
	PrefixDelegation bool
	// WarmIPMode is true when WARM_IP_TARGET or MINIMUM_IP_TARGET drive ipamd.
	WarmIPMode bool
	// IPv6 is true for ip_family ipv6: pods take no IPv4 addresses.
	IPv6 bool
	// CustomNetworking is true when pod addresses come from the pod subnet.
	CustomNetworking bool

	// NetworkInterfaces is the ENIs attached to the instance: the primary ENI,
	// the ENIs carrying pod addresses and the trunk ENI.
	NetworkInterfaces int
	// PodENIs is the ENIs carrying pod secondary IPs or prefixes.
	PodENIs int
	// TrunkENI is 1 with security groups for pods, else 0.
	TrunkENI int
	// SecondaryIPs is the secondary IPs on pod ENIs (0 in prefix mode).
	SecondaryIPs int
	// Prefixes is the /28 prefixes on pod ENIs.
	Prefixes int
	// NodeSubnetIPs is the addresses the node takes in its own subnet.
	NodeSubnetIPs int
	// PodSubnetIPs is the addresses taken in the custom networking pod
	// (ENIConfig) subnet; 0 without custom networking.
	PodSubnetIPs int
	// replay explains the ipamd replay (IPv4 only); Formula writes it out.
	replay replayExplanation
	// windows explains a Windows node's pool (windows_pool.go) instead.
	windows windowsExplanation
}

// Formula is the derivation of the numbers, written from the ipamd replay's
// own numbers (explainReplay) when it is read.
func (u NodeUsage) Formula() string {
	var f strings.Builder
	if u.IPv6 {
		f.WriteString("ip_family ipv6: 1 IPv4 address per node (the primary ENI's); pods take IPv6 addresses")
		if u.TrunkENI+u.BranchPodsPerNode > 0 {
			fmt.Fprintf(&f, " + 1 trunk ENI + %d branch ENIs = %d", u.BranchPodsPerNode, u.NodeSubnetIPs)
		}
		return f.String()
	}
	if u.windows.on {
		u.windows.write(&f, u.NodeSubnetIPs)
		return f.String()
	}
	u.replay.write(&f)
	podIPs := u.NodeSubnetIPs
	if u.CustomNetworking {
		podIPs = u.PodSubnetIPs
	}
	if u.TrunkENI > 0 {
		fmt.Fprintf(&f, " + 1 trunk ENI IP + %d branch pod IPs = %d", u.BranchPodsPerNode, podIPs)
	}
	if u.CustomNetworking {
		fmt.Fprintf(&f, "; node subnet 1 IP (primary ENI), pod subnet %d", podIPs)
	}
	return f.String()
}

// subnetShare is what a node takes in one subnet: prefixes (each an aligned
// /28) and single IPs.
type subnetShare struct {
	prefixes, singles int
}

func (s subnetShare) ips() int { return s.prefixes*ipsPerPrefix + s.singles }

// nodeShare splits NodeSubnetIPs into /28 prefixes and single IPs.
func (u NodeUsage) nodeShare() subnetShare {
	if u.CustomNetworking {
		return subnetShare{singles: u.NodeSubnetIPs}
	}
	return subnetShare{prefixes: u.Prefixes, singles: u.NodeSubnetIPs - u.Prefixes*ipsPerPrefix}
}

// podShare splits PodSubnetIPs likewise.
func (u NodeUsage) podShare() subnetShare {
	if !u.CustomNetworking {
		return subnetShare{}
	}
	return subnetShare{prefixes: u.Prefixes, singles: u.PodSubnetIPs - u.Prefixes*ipsPerPrefix}
}

// maxPodsInputLimit keeps max_pods (and so the replay's arithmetic) in a range
// far beyond any real node.
const maxPodsInputLimit = 1 << 24

// NodeIPs answers "how many IPv4 addresses does one node take from its
// subnets at its peak pod count". The result comes from an exact replay of
// ipamd's scale-up loop (ipamd.go); Formula explains the replay's numbers
// (ipamd_explain.go) in the terms of the closed forms below, which the tests
// keep as the replay's oracle (nodeips_oracle_test.go): they agree whenever the
// warm target stays within max pods; where it does not, ipamd allocates a warm
// shortfall in one step and stops only at max pods, the formula shows the
// replay's numbers and a warning says why. With A = IPv4 per ENI and S = A - 1:
//
//	secondary IPs:  ENIs N = ceil(p/S) + W (W >= 1) or floor(p/S) + 1 (W = 0), W = WARM_ENI_TARGET,
//	                limited to the pod ENIs and ceil(max_pods/S), at least 1 unless custom networking;
//	                node IPs = N x A
//	warm IPs:       T = max(p + WARM_IP_TARGET, MINIMUM_IP_TARGET) <= pod ENIs x S; N = ceil(T/S); IPs = N + T
//	prefixes:       P = ceil(p/16) + W (W >= 1) or floor(p/16) + 1 (W = 0), W = WARM_PREFIX_TARGET,
//	                or max(ceil((p + WARM_IP)/16), ceil(MIN_IP/16)) with warm-IP settings;
//	                P <= pod ENIs x S and ceil(max_pods/16); N = max(1, ceil(P/S)); IPs = N + 16 x P
//	security groups for pods: + 1 (trunk ENI) + 1 per branch pod
//	custom networking: node subnet 1 IP (the primary ENI), all else in the pod subnet
//	IPv6: 1 IPv4 per node (+ trunk and branch ENIs, whose primary IPv4 a dual-stack subnet assigns)
func NodeIPs(in NodeIPsInput) (NodeUsage, []Warning, error) {
	r, err := in.Networking.Validate()
	if err != nil {
		return NodeUsage{}, nil, err
	}
	return nodeIPsResolved(in, r)
}

func nodeIPsResolved(in NodeIPsInput, r Resolved) (NodeUsage, []Warning, error) {
	warm, err := checkNodeIPsInput(in, r)
	if err != nil {
		return NodeUsage{}, nil, err
	}
	computed, warns, uncappedDefault, err := nodeMaxPods(in, r)
	if err != nil {
		return NodeUsage{}, nil, err
	}
	usage, err := nodePodCounts(in, computed.MaxPods, r.OS == osWindows)
	if err != nil {
		return NodeUsage{}, nil, err
	}
	if r.OS == osWindows {
		poolWarns, err := windowsNodeUsage(in, r, &usage)
		if err != nil {
			return NodeUsage{}, nil, err
		}
		return usage, append(warns, poolWarns...), nil
	}
	if r.SecurityGroupsForPods {
		usage.TrunkENI = 1
	}
	usage.CustomNetworking = r.CustomNetworking
	usage.WarmIPMode = warm.WarmIPDefined()
	if r.IPFamily == ipFamilyIPv6 {
		ipv6NodeUsage(&usage)
		return usage, append(warns, warmIgnoredWarnings(in.Warm, warm, false, true)...), nil
	}

	usage.PrefixDelegation = computed.PrefixDelegationApplied
	replayWarns, err := ipv4NodeUsage(in, r, warm, computed, &usage)
	if err != nil {
		return NodeUsage{}, nil, err
	}
	warns = append(warns, replayWarns...)
	if warning, ok := secondaryMaxPodsWithPrefixes(in.Instance, computed, usage, uncappedDefault); ok {
		warns = append(warns, warning)
	}
	return usage, append(warns, warmIgnoredWarnings(in.Warm, warm, usage.PrefixDelegation, false)...), nil
}

// checkNodeIPsInput checks what NodeIPs adds to the max pods settings: the
// warm targets and the branch pods.
func checkNodeIPsInput(in NodeIPsInput, r Resolved) (ResolvedWarm, error) {
	warm, err := in.Warm.Validate()
	if err != nil {
		return ResolvedWarm{}, err
	}
	return warm, checkBranchPods(in.Instance, in.BranchPodsPerNode, r.SecurityGroupsForPods, r.OS == osWindows)
}

// checkBranchPods checks branch_pods_per_node against the OS, security groups
// for pods and the instance's branch ENIs. On Windows the advice cannot be to
// turn security groups for pods on: Windows refuses them (windowsRefusals).
func checkBranchPods(inst ec2data.Instance, branchPods int, securityGroupsForPods, windows bool) error {
	if branchPods < 0 || branchPods > maxPodsInputLimit {
		return inputErr(fieldBranchPodsPerNode, "branch_pods_per_node is %d; it must be 0 or more (pods with their own branch ENI under security groups for pods)", branchPods)
	}
	switch {
	case branchPods == 0:
	case windows:
		return inputErr(fieldBranchPodsPerNode, "branch_pods_per_node is %d, but os is \"windows\": security groups for pods are not supported for pods on Windows nodes (EKS User Guide, \"Deploy Windows nodes on EKS clusters\", considerations), so Windows nodes have no trunk or branch ENIs; remove branch_pods_per_node", branchPods)
	case !securityGroupsForPods:
		return inputErr(fieldBranchPodsPerNode, "branch_pods_per_node is %d, but security_groups_for_pods is off; branch ENIs exist only with security groups for pods (ENABLE_POD_ENI), so set security_groups_for_pods = true or remove branch_pods_per_node", branchPods)
	case inst.Custom:
		// A described instance has no branch ENI limit to check against.
	case !inst.TrunkingKnown || !inst.TrunkingCompatible:
		return inputErr(fieldBranchPodsPerNode, "branch_pods_per_node is %d, but %s is not trunking compatible: it cannot take a trunk ENI, so it has no branch ENIs for security groups for pods; use a type whose trunking_compatible is true (ekssize_instance_type), such as m5.large", branchPods, inst.Name)
	case branchPods > inst.BranchENIs:
		return inputErr(fieldBranchPodsPerNode, "branch_pods_per_node is %d, but %s takes at most %d branch ENIs (its vpc.amazonaws.com/pod-eni capacity); pods beyond that stay pending", branchPods, inst.Name, inst.BranchENIs)
	}
	return nil
}

// nodeMaxPods is the max pods kubelet runs with: max_pods when given (checked
// here), else the MaxPods answer. A max_pods the user gave replaces the
// computed value, so neither the cap nor pods_per_core applies and neither
// needs the vCPU count; uncappedDefault says the computed value then skipped
// a cap it could not apply. The result's other fields are MaxPods' ENI
// arithmetic either way.
func nodeMaxPods(in NodeIPsInput, r Resolved) (computed MaxPodsResult, warns []Warning, uncappedDefault bool, err error) {
	settings := r
	if in.MaxPods != nil && !in.Instance.HasVCPUs() {
		settings.CapPolicy, settings.PodsPerCore = capNone, nil
		uncappedDefault = r.CapPolicy == capEKS || r.PodsPerCore != nil
	}
	computed, warns, err = maxPodsResolved(in.Instance, settings)
	if err != nil {
		return computed, nil, false, err
	}
	return computed, warns, uncappedDefault, nil
}

// nodePodCounts settles max pods, pods and branch pods per node and checks
// that they fit together. Windows nodes run no host-network system pods.
func nodePodCounts(in NodeIPsInput, computedMaxPods int, windows bool) (NodeUsage, error) {
	usage := NodeUsage{MaxPods: computedMaxPods, BranchPodsPerNode: in.BranchPodsPerNode}
	if in.MaxPods != nil {
		if *in.MaxPods < 1 || *in.MaxPods > maxPodsInputLimit {
			return usage, inputErr(FieldMaxPods, "max_pods is %d; it must be between 1 and %d (kubelet's max pods, which ipamd never allocates beyond)", *in.MaxPods, maxPodsInputLimit)
		}
		usage.MaxPods = *in.MaxPods
	}
	branchPods := usage.BranchPodsPerNode
	if in.PodsPerNode != nil {
		usage.PodsPerNode = *in.PodsPerNode
		if usage.PodsPerNode < 0 {
			return usage, inputErr(FieldPodsPerNode, "pods_per_node is %d; it must be 0 or more (peak pods on the VPC network per node)", usage.PodsPerNode)
		}
	} else if windows {
		usage.PodsPerNode = usage.MaxPods
	} else {
		usage.PodsPerNode = max(0, usage.MaxPods-2-branchPods)
	}
	if usage.PodsPerNode+branchPods > usage.MaxPods {
		what := fmt.Sprintf("pods_per_node is %d", usage.PodsPerNode)
		if branchPods > 0 {
			what += fmt.Sprintf(" and branch_pods_per_node %d", branchPods)
		}
		return usage, inputErr(FieldPodsPerNode, "%s, more than max_pods %d: kubelet admits at most max_pods pods per node (host-network pods included)", what, usage.MaxPods)
	}
	return usage, nil
}

// ipv6NodeUsage: ipamd gives pods IPv6 addresses from one /80 prefix on the
// primary ENI; the node's IPv4 is the primary ENI's primary address. A trunk or
// branch ENI in the dual-stack subnets EKS requires gets a primary IPv4 address
// too.
func ipv6NodeUsage(usage *NodeUsage) {
	usage.IPv6 = true
	usage.NetworkInterfaces = 1 + usage.TrunkENI
	usage.PodENIs = 1
	usage.NodeSubnetIPs = 1 + usage.TrunkENI + usage.BranchPodsPerNode
}

// ipv4NodeUsage replays ipamd for one node's peak pods and fills in the ENIs,
// secondary IPs or prefixes, and the addresses per subnet, with the formula.
func ipv4NodeUsage(in NodeIPsInput, r Resolved, warm ResolvedWarm, computed MaxPodsResult, usage *NodeUsage) ([]Warning, error) {
	slots := in.Instance.SecondaryIPsPerENI()
	enis := computed.NetworkInterfaces
	if !r.CustomNetworking {
		// ipamd always uses the primary ENI for pods without custom networking.
		enis = max(enis, 1)
	}
	replay := newIPAMDReplay(usage.PrefixDelegation, slots, enis, usage.MaxPods, warm, !r.CustomNetworking)
	if failed := replay.run(usage.PodsPerNode); failed > 0 {
		return nil, podNeverGetsIP(in.Instance, replay, warm, *usage, in.PodsPerNode != nil, failed, enis, slots)
	}
	usage.PodENIs = replay.podENIs()
	if usage.PrefixDelegation {
		usage.Prefixes = replay.units
	} else {
		usage.SecondaryIPs = replay.units
	}
	podIPs := usage.PodENIs + usage.SecondaryIPs + usage.Prefixes*ipsPerPrefix + usage.TrunkENI + usage.BranchPodsPerNode
	usage.NetworkInterfaces = usage.PodENIs + usage.TrunkENI
	if r.CustomNetworking {
		usage.NetworkInterfaces++
		usage.NodeSubnetIPs = 1
		usage.PodSubnetIPs = podIPs
	} else {
		usage.NodeSubnetIPs = podIPs
	}

	usage.replay = explainReplay(replay, usage.PodsPerNode)
	if !usage.replay.overshoot {
		return nil, nil
	}
	replayed := fmt.Sprintf("%s with %s", counted(usage.PodENIs, "ENI", "ENIs"), counted(usage.SecondaryIPs, "secondary IP", "secondary IPs"))
	if usage.PrefixDelegation {
		replayed = fmt.Sprintf("%s with %s", counted(usage.PodENIs, "ENI", "ENIs"), counted(usage.Prefixes, "prefix", "prefixes"))
	}
	field, target := fieldWarmIPTarget, fmt.Sprintf("WARM_IP_TARGET %d and MINIMUM_IP_TARGET %d", warm.WarmIP, warm.MinimumIP)
	if !warm.WarmIPDefined() {
		field, target = fieldWarmPrefixTarget, fmt.Sprintf("WARM_PREFIX_TARGET %d", warm.WarmPrefix)
	}
	return []Warning{{
		Field:   field,
		Summary: "Warm target is above max_pods",
		Detail: fmt.Sprintf("With %d pods, %s ask for more addresses than max_pods %d. ipamd allocates a warm shortfall in one step and stops only once a node holds max_pods IPs, so each node ends with %s (%d IPs).",
			usage.PodsPerNode, target, usage.MaxPods, replayed, usage.PodENIs+usage.SecondaryIPs+usage.Prefixes*ipsPerPrefix),
	}}, nil
}

// secondaryMaxPodsWithPrefixes warns when prefix delegation is on but max_pods
// is the secondary-IP value, so the prefixes buy nothing.
func secondaryMaxPodsWithPrefixes(inst ec2data.Instance, computed MaxPodsResult, usage NodeUsage, uncappedDefault bool) (Warning, bool) {
	if !usage.PrefixDelegation {
		return Warning{}, false
	}
	secondaryValue := inst.PodsOnENIs(computed.NetworkInterfaces, 1)
	if usage.MaxPods != secondaryValue && usage.MaxPods != inst.ENIMaxPods() {
		return Warning{}, false
	}
	return Warning{
		Field:   FieldMaxPods,
		Summary: "Prefix delegation is on but max_pods is the secondary-IP value",
		Detail: fmt.Sprintf("max_pods is %d, what %s allows without prefix delegation. ipamd stops at ceil(%d/16) = %d prefixes and kubelet admits at most %d pods, so the prefixes buy nothing; take max_pods from ekssize_max_pods with prefix_delegation = true (%s), or leave max_pods unset.",
			usage.MaxPods, instName(inst), usage.MaxPods, ceilDiv(usage.MaxPods, ipsPerPrefix), usage.MaxPods, prefixValue(computed.MaxPods, uncappedDefault)),
	}, true
}

// prefixValue names the prefix-mode max pods in a message: the value, or the
// uncapped value when the cap could not be applied for want of a vCPU count.
func prefixValue(v int, uncapped bool) string {
	if uncapped {
		return fmt.Sprintf("%d before the cap, which needs the vCPU count", v)
	}
	return fmt.Sprintf("%d here", v)
}

func podNeverGetsIP(inst ec2data.Instance, rp *ipamdReplay, w ResolvedWarm, u NodeUsage, podsGiven bool, failed, enis, slots int) error {
	defaulted := ""
	if !podsGiven {
		defaulted = fmt.Sprintf(" (the default: max_pods %d - 2", u.MaxPods)
		if u.BranchPodsPerNode > 0 {
			defaulted += fmt.Sprintf(" - %d branch pods", u.BranchPodsPerNode)
		}
		defaulted += ")"
	}
	if w.WarmIP == 0 && w.MinimumIP > 0 && rp.units < enis*slots {
		held := rp.total()
		what := fmt.Sprintf("%d IPs", held)
		if rp.prefix {
			what = fmt.Sprintf("%d %s (%d IPs)", rp.units, plural(rp.units, "prefix", "prefixes"), held)
		}
		return inputErr(fieldMinimumIPTarget, "minimum_ip_target = %d without warm_ip_target freezes each node at %s: ipamd allocates up to MINIMUM_IP_TARGET and never more, so pod number %d on a node never gets an IP (pods_per_node is %d). Set warm_ip_target too, raise minimum_ip_target to at least %d, or lower pods_per_node to %d.",
			w.MinimumIP, what, failed, u.PodsPerNode, u.PodsPerNode, held)
	}
	if enis == 0 {
		return inputErr(FieldPodsPerNode, "pods_per_node is %d%s, but %s has no ENI left for pods under these settings (custom networking keeps the primary ENI for the node, and the trunk and reserved ENIs take the rest), so no pod gets an IP", u.PodsPerNode, defaulted, instName(inst))
	}
	capacity := fmt.Sprintf("%d IPs (%d %s x %d secondary IPs)", enis*slots, enis, plural(enis, "ENI", "ENIs"), slots)
	hint := "lower pods_per_node or enable prefix_delegation"
	if rp.prefix {
		capacity = fmt.Sprintf("%d IPs (%d %s x %d prefixes x 16)", enis*slots*ipsPerPrefix, enis, plural(enis, "ENI", "ENIs"), slots)
		hint = "lower pods_per_node"
	}
	return inputErr(FieldPodsPerNode, "pods_per_node is %d%s, but %s gives pods at most %s under these settings, so pod number %d on a node never gets an IP; %s",
		u.PodsPerNode, defaulted, instName(inst), capacity, failed, hint)
}

// warmIgnoredWarnings flags warm settings that ipamd ignores in this mode.
func warmIgnoredWarnings(given WarmTargets, w ResolvedWarm, prefix, ipv6 bool) []Warning {
	var out []Warning
	add := func(field, why string) {
		out = append(out, Warning{Field: field, Summary: field + " has no effect here", Detail: why})
	}
	if ipv6 {
		for _, c := range []struct {
			v     *int
			field string
		}{{given.WarmENITarget, fieldWarmENITarget}, {given.WarmIPTarget, fieldWarmIPTarget}, {given.MinimumIPTarget, fieldMinimumIPTarget}, {given.WarmPrefixTarget, fieldWarmPrefixTarget}} {
			if c.v != nil {
				add(c.field, "With ip_family ipv6, ipamd assigns one IPv6 /80 prefix per node and ignores the IPv4 warm-pool settings.")
			}
		}
		return out
	}
	if given.WarmENITarget != nil && (w.WarmIPDefined() || prefix) {
		if w.WarmIPDefined() {
			add(fieldWarmENITarget, "WARM_IP_TARGET or MINIMUM_IP_TARGET is set, and ipamd then ignores WARM_ENI_TARGET.")
		} else {
			add(fieldWarmENITarget, "With prefix delegation ipamd keeps WARM_PREFIX_TARGET spare prefixes and ignores WARM_ENI_TARGET.")
		}
	}
	if given.WarmPrefixTarget != nil {
		if !prefix {
			add(fieldWarmPrefixTarget, "Prefix delegation is off, so ipamd ignores WARM_PREFIX_TARGET.")
		} else if w.WarmIPDefined() {
			add(fieldWarmPrefixTarget, "WARM_IP_TARGET or MINIMUM_IP_TARGET is set, and ipamd then ignores WARM_PREFIX_TARGET.")
		}
	}
	return out
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// counted is n followed by the singular or plural noun: "1 node", "3 nodes".
func counted(n int, one, many string) string {
	return strconv.Itoa(n) + " " + plural(n, one, many)
}
