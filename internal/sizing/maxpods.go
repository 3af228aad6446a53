package sizing

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/ekssize/terraform-provider-ekssize/internal/ec2data"
)

// ipsPerPrefix is the IPv4 addresses in one delegated /28 prefix.
const ipsPerPrefix = 16

// The ceilings of max-pods-calculator.sh (and the EKS AMIs that use it).
const (
	ceilingLowCPU      = 110
	ceilingHighCPU     = 250
	ceilingCPUBoundary = 30 // more than this many vCPUs gets the high ceiling
	ceilingAutoMode    = 110
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

// podENIs is the default-card ENIs the VPC CNI may give to pods under these
// settings: min(default-card ENIs, MAX_ENI) minus one for custom networking
// (the primary ENI stays in the node subnet), one for the trunk ENI of security
// groups for pods, and the reserved ENIs; never below 0. The second value
// explains the subtraction ("" when nothing was subtracted).
func podENIs(inst ec2data.Instance, n resolved) (int, string) {
	enis := inst.DefaultCardENIs
	var why strings.Builder
	if n.MaxENI != nil && *n.MaxENI < enis {
		enis = *n.MaxENI
		why.WriteString("max_eni ")
	}
	why.WriteString(strconv.Itoa(enis))
	subtracted := false
	subtract := func(count int, label string) {
		if count > 0 {
			enis -= count
			subtracted = true
			fmt.Fprintf(&why, " - %d %s", count, label)
		}
	}
	if n.CustomNetworking {
		subtract(1, "custom networking")
	}
	if n.SecurityGroupsForPods {
		subtract(1, "trunk ENI")
	}
	subtract(n.ReservedENIs, "reserved")
	enis = max(enis, 0)
	if !subtracted && n.MaxENI == nil {
		return enis, ""
	}
	return enis, why.String()
}

// supportsPrefixDelegation mirrors the VPC CNI's IsPrefixDelegationSupported:
// Nitro instances and bare metal.
func supportsPrefixDelegation(inst ec2data.Instance) bool {
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
func MaxPods(inst ec2data.Instance, n Networking) (MaxPodsResult, []Warning, error) {
	r, err := n.validate()
	if err != nil {
		return MaxPodsResult{}, nil, err
	}
	return maxPodsResolved(inst, r)
}

func maxPodsResolved(inst ec2data.Instance, r resolved) (MaxPodsResult, []Warning, error) {
	var warns []Warning
	res := MaxPodsResult{ENIMaxPods: inst.ENIMaxPods()}
	name := instName(inst)

	if r.SecurityGroupsForPods && !inst.Custom {
		switch {
		case !inst.TrunkingKnown:
			return res, nil, inputErr(fieldSecurityGroupsForPods, "security_groups_for_pods: %s is not in the VPC resource controller's limits table, so it cannot take a trunk ENI", name)
		case !inst.TrunkingCompatible:
			// Not "needs a Nitro type": t3 and other Nitro types cannot trunk either.
			return res, nil, inputErr(fieldSecurityGroupsForPods, "security_groups_for_pods: %s is not trunking compatible: the VPC resource controller gives it no trunk ENI, so pods cannot get their own security groups on it; use a type whose trunking_compatible is true (ekssize_instance_type), such as m5.large", name)
		}
	}

	var formula strings.Builder
	formula.Grow(128) // the longest formula, with every limit, is about 120 bytes
	num := func(v int) { formula.WriteString(strconv.Itoa(v)) }
	text := func(parts ...string) {
		for _, p := range parts {
			formula.WriteString(p)
		}
	}
	switch r.OS {
	case osWindows:
		res.NetworkInterfaces = 1
		res.MaxPodsUncapped = inst.SecondaryIPsPerENI()
		num(inst.IPv4PerENI)
		text(" IPv4 addresses on the primary ENI - 1 = ")
		num(res.MaxPodsUncapped)
	default:
		enis, why := podENIs(inst, r)
		res.NetworkInterfaces = enis
		usePrefixes := r.PrefixDelegation || r.IPFamily == ipFamilyIPv6
		if usePrefixes && !supportsPrefixDelegation(inst) {
			if r.IPFamily == ipFamilyIPv6 {
				return res, nil, inputErr(fieldIPFamily, "ip_family = \"ipv6\" needs a Nitro-based instance type, but %s runs on the %s hypervisor", name, inst.Hypervisor)
			}
			warns = append(warns, Warning{
				Field:   fieldPrefixDelegation,
				Summary: "Prefix delegation is not supported on this instance type",
				Detail: fmt.Sprintf("%s runs on the %s hypervisor and is not bare metal; the VPC CNI assigns prefixes only on Nitro and bare metal instances and falls back to secondary IPs, so max pods is the secondary-IP value.",
					name, inst.Hypervisor),
			})
			usePrefixes = false
		}
		if usePrefixes && r.IPFamily == ipFamilyIPv4 && !r.CNI.AtLeast(1, 9) {
			warns = append(warns, Warning{
				Field:   fieldCNIVersion,
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
			res.MaxPodsUncapped = inst.PodsOnENIs(enis, ipsPerPrefix)
			text(" - 1) prefixes x ")
			num(ipsPerPrefix)
			text(" IPs + 2 = ")
		} else {
			res.MaxPodsUncapped = inst.PodsOnENIs(enis, 1)
			text(" - 1) IPs + 2 = ")
		}
		num(res.MaxPodsUncapped)
		if enis == 0 {
			warns = append(warns, Warning{
				Field:   fieldReservedENIs,
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
	switch r.CapPolicy {
	case capEKS:
		if !inst.HasVCPUs() {
			return res, nil, inputErr(fieldCapPolicy, "cap_policy \"eks\" needs the vCPU count, which is unknown for %s; give instance.vcpus, or set cap_policy = \"none\" or \"auto_mode\"", name)
		}
		res.Cap = ceilingLowCPU
		cmp := "<="
		if inst.VCPUs > ceilingCPUBoundary {
			res.Cap, cmp = ceilingHighCPU, ">"
		}
		if res.MaxPods > res.Cap {
			res.MaxPods = res.Cap
			text(", capped at ")
			num(res.Cap)
			text(" (eks: ")
			vcpuText()
			text(" ", cmp, " ")
			num(ceilingCPUBoundary)
			text(")")
		}
	case capAutoMode:
		res.Cap = ceilingAutoMode
		if res.MaxPods > res.Cap {
			res.MaxPods = res.Cap
			text(", capped at ")
			num(res.Cap)
			text(" (auto_mode)")
		}
	}
	if r.MaxPodsLimit != nil && *r.MaxPodsLimit < res.MaxPods {
		res.MaxPods = *r.MaxPodsLimit
		text(", limited to ")
		num(res.MaxPods)
		text(" (max_pods_limit)")
	}
	if r.PodsPerCore != nil {
		if !inst.HasVCPUs() {
			return res, nil, inputErr(fieldPodsPerCore, "pods_per_core needs the vCPU count, which is unknown for %s; give instance.vcpus or remove pods_per_core", name)
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
	res.Formula = formula.String()
	return res, warns, nil
}
