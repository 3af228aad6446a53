package sizing

import (
	"fmt"
	"strconv"

	"github.com/ekssize/terraform-provider-ekssize/internal/ec2data"
)

// IPsPerPrefix is the IPv4 addresses in one delegated /28 prefix.
const IPsPerPrefix = 16

// The ceilings of max-pods-calculator.sh (and the EKS AMIs that use it).
const (
	CeilingLowCPU      = 110
	CeilingHighCPU     = 250
	CeilingCPUBoundary = 30 // more than this many vCPUs gets the high ceiling
	CeilingAutoMode    = 110
)

// MaxPodsResult is every number ekssize_max_pods reports.
type MaxPodsResult struct {
	// MaxPods is the value to give kubelet (--max-pods / maxPods).
	MaxPods int
	// ENIMaxPods is the VPC CNI eni-max-pods.txt value for the type, whatever the
	// settings: default-card ENIs x (IPv4 per ENI - 1) + 2.
	ENIMaxPods int
	// MaxPodsUncapped is the ENI (or prefix) arithmetic for these settings,
	// before the cap, max_pods_limit and pods_per_core.
	MaxPodsUncapped int
	// Cap is the ceiling of the cap policy; 0 when the policy is "none".
	Cap int
	// NetworkInterfaces is the ENIs whose addresses go to pods.
	NetworkInterfaces int
	// PrefixDelegationApplied is true when the /28 prefix arithmetic was used.
	PrefixDelegationApplied bool
	// Formula is a one-line derivation, e.g. "3 ENIs x (10 - 1) IPs + 2 = 29".
	Formula string
}

// PodENIs is the default-card ENIs the VPC CNI may give to pods under these
// settings: min(default-card ENIs, MAX_ENI) minus one for custom networking
// (the primary ENI stays in the node subnet), one for the trunk ENI of security
// groups for pods, and the reserved ENIs; never below 0. The second value
// explains the subtraction ("" when nothing was subtracted).
func PodENIs(inst ec2data.Instance, n Resolved) (int, string) {
	// Built without fmt: this runs for every max-pods question (see BENCHMARKS.md).
	enis := inst.DefaultCardENIs
	limited := n.MaxENI != nil && *n.MaxENI < enis
	if limited {
		enis = *n.MaxENI
	}
	first := enis
	type subtraction struct {
		k     int
		label string
	}
	var subs [3]subtraction
	ns := 0
	sub := func(k int, label string) {
		if k > 0 {
			enis -= k
			subs[ns] = subtraction{k, label}
			ns++
		}
	}
	if n.CustomNetworking {
		sub(1, "custom networking")
	}
	if n.SecurityGroupsForPods {
		sub(1, "trunk ENI")
	}
	sub(n.ReservedENIs, "reserved")
	if enis < 0 {
		enis = 0
	}
	if ns == 0 && n.MaxENI == nil {
		return enis, ""
	}
	var buf [96]byte
	why := buf[:0]
	if limited {
		why = append(why, "max_eni "...)
	}
	why = strconv.AppendInt(why, int64(first), 10)
	for _, s := range subs[:ns] {
		why = append(why, " - "...)
		why = strconv.AppendInt(why, int64(s.k), 10)
		why = append(why, ' ')
		why = append(why, s.label...)
	}
	return enis, string(why)
}

// SupportsPrefixDelegation mirrors the VPC CNI's IsPrefixDelegationSupported:
// Nitro instances and bare metal.
func SupportsPrefixDelegation(inst ec2data.Instance) bool {
	return inst.Hypervisor == ec2data.HypervisorNitro || inst.BareMetal
}

// MaxPods answers "how many pods should kubelet allow on this instance type
// under these networking settings". It mirrors max-pods-calculator.sh from the
// EKS AMI repository:
//
//	enis  = min(default-card ENIs, MAX_ENI) - custom networking - trunk ENI - reserved ENIs
//	secondary IPs:     enis x (IPv4 per ENI - 1) + 2
//	prefix delegation: enis x (IPv4 per ENI - 1) x 16 + 2 (Nitro or bare metal, VPC CNI >= 1.9;
//	                   IPv6 always uses prefixes)
//	windows:           IPv4 per ENI - 1 (the primary ENI's secondary IPs)
//
// then the cap ("eks": 110 for <= 30 vCPUs, else 250; "auto_mode": 110; "none"),
// then max_pods_limit, then pods_per_core x vCPUs, each only lowering the value.
// On launch path "managed" the cap is "eks" and max_pods_limit is ignored, with
// warnings: EKS writes that value itself (launchpath.go).
func MaxPods(inst ec2data.Instance, n Networking) (MaxPodsResult, []Warning, error) {
	r, err := n.Validate()
	if err != nil {
		return MaxPodsResult{}, nil, err
	}
	return maxPodsResolved(inst, r)
}

func maxPodsResolved(inst ec2data.Instance, r Resolved) (MaxPodsResult, []Warning, error) {
	var warns []Warning
	res := MaxPodsResult{ENIMaxPods: inst.ENIMaxPods()}
	name := instName(inst)

	if r.SecurityGroupsForPods && !inst.Custom {
		switch {
		case !inst.TrunkingKnown:
			return res, nil, inputErr(FieldSecurityGroupsForPods, "security_groups_for_pods: %s is not in the VPC resource controller's limits table, so it cannot take a trunk ENI", name)
		case !inst.TrunkingCompatible:
			// Not "needs a Nitro type": t3 and other Nitro types cannot trunk either.
			return res, nil, inputErr(FieldSecurityGroupsForPods, "security_groups_for_pods: %s is not trunking compatible: the VPC resource controller gives it no trunk ENI, so pods cannot get their own security groups on it; use a type whose trunking_compatible is true (ekssize_instance_type), such as m5.large", name)
		}
	}

	// The formula is appended to a stack buffer rather than built with fmt:
	// this runs for every max-pods question (see BENCHMARKS.md).
	var formulaBuf [256]byte
	formula := formulaBuf[:0]
	num := func(v int) { formula = strconv.AppendInt(formula, int64(v), 10) }
	text := func(parts ...string) {
		for _, p := range parts {
			formula = append(formula, p...)
		}
	}
	switch r.OS {
	case OSWindows:
		res.NetworkInterfaces = 1
		res.MaxPodsUncapped = inst.IPv4PerENI - 1
		num(inst.IPv4PerENI)
		text(" IPv4 addresses on the primary ENI - 1 = ")
		num(res.MaxPodsUncapped)
	default:
		enis, why := PodENIs(inst, r)
		res.NetworkInterfaces = enis
		usePrefixes := r.PrefixDelegation || r.IPFamily == IPFamilyIPv6
		if usePrefixes && !SupportsPrefixDelegation(inst) {
			if r.IPFamily == IPFamilyIPv6 {
				return res, nil, inputErr(FieldIPFamily, "ip_family = \"ipv6\" needs a Nitro-based instance type, but %s runs on the %s hypervisor", name, inst.Hypervisor)
			}
			warns = append(warns, Warning{
				Field:   FieldPrefixDelegation,
				Summary: "Prefix delegation is not supported on this instance type",
				Detail: fmt.Sprintf("%s runs on the %s hypervisor and is not bare metal; the VPC CNI assigns prefixes only on Nitro and bare metal instances and falls back to secondary IPs, so max pods is the secondary-IP value.",
					name, inst.Hypervisor),
			})
			usePrefixes = false
		}
		if usePrefixes && r.IPFamily == IPFamilyIPv4 && !r.CNI.AtLeast(1, 9) {
			warns = append(warns, Warning{
				Field:   FieldCNIVersion,
				Summary: "Prefix delegation needs VPC CNI 1.9.0 or later",
				Detail:  fmt.Sprintf("cni_version is %q; VPC CNI versions before 1.9.0 ignore ENABLE_PREFIX_DELEGATION, so max pods is the secondary-IP value. Upgrade the VPC CNI add-on to use prefixes.", r.CNIVersion),
			})
			usePrefixes = false
		}
		res.PrefixDelegationApplied = usePrefixes
		num(enis)
		if enis == 1 {
			text(" ENI")
		} else {
			text(" ENIs")
		}
		if why != "" {
			text(" (", why, ")")
		}
		text(" x (")
		num(inst.IPv4PerENI)
		if usePrefixes {
			res.MaxPodsUncapped = enis*(inst.IPv4PerENI-1)*IPsPerPrefix + 2
			text(" - 1) prefixes x ")
			num(IPsPerPrefix)
			text(" IPs + 2 = ")
		} else {
			res.MaxPodsUncapped = enis*(inst.IPv4PerENI-1) + 2
			text(" - 1) IPs + 2 = ")
		}
		num(res.MaxPodsUncapped)
		if enis == 0 {
			warns = append(warns, Warning{
				Field:   FieldReservedENIs,
				Summary: "No ENI is left for pods",
				Detail: fmt.Sprintf("%s has %s on its default network card and the settings take all of them (%s); only the 2 host-network pods counted by the formula can run.",
					name, counted(inst.DefaultCardENIs, "ENI", "ENIs"), why),
			})
		}
	}

	res.MaxPods = res.MaxPodsUncapped
	vcpuText := func() {
		num(inst.VCPUs)
		if inst.VCPUs == 1 {
			text(" vCPU")
		} else {
			text(" vCPUs")
		}
	}
	capPolicy, maxPodsLimit := r.CapPolicy, r.MaxPodsLimit
	if r.LaunchPath == LaunchManaged {
		// EKS writes max-pods-calculator.sh's value over the user's (launchpath.go).
		warns = append(warns, managedIgnores(r)...)
		capPolicy, maxPodsLimit = CapEKS, nil
	}
	switch capPolicy {
	case CapEKS:
		if !inst.HasVCPUs() {
			return res, nil, inputErr(FieldCapPolicy, "cap_policy \"eks\" needs the vCPU count, which is unknown for %s; give instance.vcpus, or set cap_policy = \"none\" or \"auto_mode\"", name)
		}
		res.Cap = CeilingLowCPU
		cmp := "<="
		if inst.VCPUs > CeilingCPUBoundary {
			res.Cap, cmp = CeilingHighCPU, ">"
		}
		if res.MaxPods > res.Cap {
			res.MaxPods = res.Cap
			text(", capped at ")
			num(res.Cap)
			text(" (eks: ")
			vcpuText()
			text(" ", cmp, " ")
			num(CeilingCPUBoundary)
			text(")")
		}
	case CapAutoMode:
		res.Cap = CeilingAutoMode
		if res.MaxPods > res.Cap {
			res.MaxPods = res.Cap
			text(", capped at ")
			num(res.Cap)
			text(" (auto_mode)")
		}
	}
	if maxPodsLimit != nil && *maxPodsLimit < res.MaxPods {
		res.MaxPods = *maxPodsLimit
		text(", limited to ")
		num(res.MaxPods)
		text(" (max_pods_limit)")
	}
	if r.PodsPerCore != nil {
		if !inst.HasVCPUs() {
			return res, nil, inputErr(FieldPodsPerCore, "pods_per_core needs the vCPU count, which is unknown for %s; give instance.vcpus or remove pods_per_core", name)
		}
		if lim := *r.PodsPerCore * inst.VCPUs; lim < res.MaxPods {
			res.MaxPods = lim
			text(", limited to ")
			num(lim)
			text(" (pods_per_core ")
			num(*r.PodsPerCore)
			text(" x ")
			vcpuText()
			text(")")
		}
	}
	if r.LaunchPath == LaunchManaged {
		text("; managed node group: EKS writes this value")
	}
	res.Formula = string(formula)
	return res, warns, nil
}

// managedIgnores warns about the settings a managed node group without a
// custom AMI overrides (launchpath.go).
func managedIgnores(r Resolved) []Warning {
	var warns []Warning
	if r.CapPolicy != CapEKS {
		warns = append(warns, Warning{
			Field:   FieldCapPolicy,
			Summary: "cap_policy is ignored on a managed node group",
			Detail: fmt.Sprintf("launch_path = %q: EKS writes max pods into the node's user data itself, capped at 110 below 30 vCPUs and 250 above (EKS User Guide, \"How maxPods is determined\"), so cap_policy = %q has no effect and max_pods uses the \"eks\" cap. Use launch_path = %q to set your own max pods.",
				LaunchManaged, r.CapPolicy, LaunchManagedCustomAMI),
		})
	}
	if r.MaxPodsLimit != nil {
		warns = append(warns, Warning{
			Field:   FieldMaxPodsLimit,
			Summary: "max_pods_limit is ignored on a managed node group",
			Detail: fmt.Sprintf("launch_path = %q: EKS writes max pods into the node's user data and it takes precedence over any maxPods you set (EKS User Guide, \"How maxPods is determined\"), so a max pods of %d would not reach kubelet. Use launch_path = %q (a launch template with a custom AMI) to set your own max pods.",
				LaunchManaged, *r.MaxPodsLimit, LaunchManagedCustomAMI),
		})
	}
	return warns
}
