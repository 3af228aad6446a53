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
	// PodIPs is the addresses a node can give pods that are not on the host
	// network: the pod ENIs' secondary IPs or /28 prefix IPs (the ENI
	// arithmetic without its 2 host-network pods), or on Windows the VPC
	// resource controller's PrivateIPv4Address count. Host-network pods take
	// none (the VPC CNI is not called for them, and the resource controller's
	// webhook skips them). PodIPsUnlimited is true with IPv6 on Linux, where
	// pods take addresses from the node's /80 prefix, which sets no limit.
	PodIPs          int
	PodIPsUnlimited bool
	// PrefixDelegationApplied is true when the /28 prefix arithmetic was used.
	PrefixDelegationApplied bool
	// steps is what maxPodsResolved decided; Formula writes it out.
	steps maxPodsSteps
}

// maxPodsSteps records each decision of maxPodsResolved that the formula
// shows, so that the formula is written only when someone reads it (the
// arithmetic alone is a few integer operations; writing the text is most of
// the cost of MaxPods).
type maxPodsSteps struct {
	windows, managed bool
	autoMode         bool // Auto Mode's formula (automode.go)
	ipv4PerENI       int
	vcpus            int
	enis             podENICount
	// capped is the ceiling that lowered max pods: "" (none), capEKS,
	// capAutoMode, or capWindowsKubeletDefault.
	capped string
	// limited is the max_pods_limit that lowered max pods (0: none);
	// podsPerCore is set when pods_per_core x vCPUs lowered it after that.
	limited, podsPerCore int
}

// capWindowsKubeletDefault marks a Windows node's kubelet default in
// maxPodsSteps.capped (it is not a cap policy).
const capWindowsKubeletDefault = "windows"

// Formula is a one-line derivation of the result, e.g. "3 ENIs x (10 - 1) IPs
// + 2 = 29", written from the decisions MaxPods recorded.
func (res MaxPodsResult) Formula() string {
	var f strings.Builder
	s := res.steps
	switch {
	case s.windows:
		s.writeWindowsPodAddresses(&f, res)
	case s.autoMode:
		s.writeAutoModeArithmetic(&f, res)
	default:
		s.writeLinuxPodAddresses(&f, res)
	}
	switch s.capped {
	case "":
	case capWindowsKubeletDefault:
		fmt.Fprintf(&f, ", capped at %d (windows: kubelet default)", res.Cap)
	case capEKS:
		comparison := "<="
		if s.vcpus > ceilingCPUBoundary {
			comparison = ">"
		}
		fmt.Fprintf(&f, ", capped at %d (eks: %s %s %d)", res.Cap, counted(s.vcpus, "vCPU", "vCPUs"), comparison, ceilingCPUBoundary)
	default:
		fmt.Fprintf(&f, ", capped at %d (%s)", res.Cap, s.capped)
	}
	if s.limited > 0 {
		fmt.Fprintf(&f, ", limited to %d (max_pods_limit)", s.limited)
	}
	if s.podsPerCore > 0 {
		fmt.Fprintf(&f, ", limited to %d (pods_per_core %d x %s)", s.podsPerCore*s.vcpus, s.podsPerCore, counted(s.vcpus, "vCPU", "vCPUs"))
	}
	if s.managed {
		f.WriteString("; managed node group: EKS writes this value")
	}
	return f.String()
}

func (s maxPodsSteps) writeLinuxPodAddresses(f *strings.Builder, res MaxPodsResult) {
	f.WriteString(counted(res.NetworkInterfaces, "ENI", "ENIs"))
	if why := s.enis.why(); why != "" {
		fmt.Fprintf(f, " (%s)", why)
	}
	if res.PrefixDelegationApplied {
		fmt.Fprintf(f, " x (%d - 1) prefixes x %d IPs + 2 = %d", s.ipv4PerENI, ipsPerPrefix, res.MaxPodsUncapped)
	} else {
		fmt.Fprintf(f, " x (%d - 1) IPs + 2 = %d", s.ipv4PerENI, res.MaxPodsUncapped)
	}
}

func (s maxPodsSteps) writeWindowsPodAddresses(f *strings.Builder, res MaxPodsResult) {
	if res.PrefixDelegationApplied {
		fmt.Fprintf(f, "(%d - 1) prefixes on the primary ENI x %d IPs = %d", s.ipv4PerENI, ipsPerPrefix, res.MaxPodsUncapped)
		return
	}
	fmt.Fprintf(f, "%d IPv4 addresses on the primary ENI - 1 = %d", s.ipv4PerENI, res.MaxPodsUncapped)
}

// podENICount is the default-card ENIs the VPC CNI may give to pods under
// these settings: min(default-card ENIs, MAX_ENI) minus one for custom
// networking (the primary ENI stays in the node subnet), one for the trunk ENI
// of security groups for pods, and the reserved ENIs; never below 0.
type podENICount struct {
	start                   int  // min(default-card ENIs, MAX_ENI)
	maxENIGiven, maxENICuts bool // MAX_ENI is set; it is below the default-card ENIs
	customNetworking, trunk bool
	reserved                int
}

func podENIs(inst ec2data.Instance, n Resolved) podENICount {
	c := podENICount{
		start:            inst.DefaultCardENIs,
		maxENIGiven:      n.MaxENI != nil,
		customNetworking: n.CustomNetworking,
		trunk:            n.SecurityGroupsForPods,
		reserved:         n.ReservedENIs,
	}
	if n.MaxENI != nil && *n.MaxENI < c.start {
		c.start, c.maxENICuts = *n.MaxENI, true
	}
	return c
}

// count is the ENIs left for pods.
func (c podENICount) count() int {
	enis := c.start
	if c.customNetworking {
		enis--
	}
	if c.trunk {
		enis--
	}
	if c.reserved > 0 {
		enis -= c.reserved
	}
	return max(enis, 0)
}

// why explains the subtraction, e.g. "max_eni 2 - 1 trunk ENI" ("" when
// nothing was subtracted and MAX_ENI is not set).
func (c podENICount) why() string {
	if !c.customNetworking && !c.trunk && c.reserved <= 0 && !c.maxENIGiven {
		return ""
	}
	var why strings.Builder
	if c.maxENICuts {
		why.WriteString("max_eni ")
	}
	why.WriteString(strconv.Itoa(c.start))
	if c.customNetworking {
		why.WriteString(" - 1 custom networking")
	}
	if c.trunk {
		why.WriteString(" - 1 trunk ENI")
	}
	if c.reserved > 0 {
		fmt.Fprintf(&why, " - %d reserved", c.reserved)
	}
	return why.String()
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
//	windows:           IPv4 per ENI - 1 (the primary ENI's secondary IPs);
//	                   with prefix delegation (IPv4 per ENI - 1) x 16, capped at 110
//
// then the cap ("eks": 110 for <= 30 vCPUs, else 250; "none"; the deprecated
// "auto_mode": 110 over Auto Mode's formula, automode.go), then max_pods_limit,
// then pods_per_core x vCPUs, each only lowering the value.
// On launch path "managed" the cap is "eks" and max_pods_limit is ignored, with
// warnings: EKS writes that value itself (launchpath.go). On launch path
// "auto_mode" the value is EKS Auto Mode's: the lower of 110 and ENIs x (IPv4
// per ENI - 1), after Auto Mode's own checks (automode.go).
func MaxPods(inst ec2data.Instance, n Networking) (MaxPodsResult, []Warning, error) {
	r, err := n.Validate()
	if err != nil {
		return MaxPodsResult{}, nil, err
	}
	r.launchPathHere = true
	return maxPodsResolved(inst, r)
}

func maxPodsResolved(inst ec2data.Instance, r Resolved) (MaxPodsResult, []Warning, error) {
	if r.LaunchPath == launchAutoMode {
		return autoModeMaxPods(inst, r)
	}
	var warns []Warning
	managed := r.LaunchPath == launchManaged
	if managed {
		// EKS writes max-pods-calculator.sh's value over the user's (launchpath.go).
		warns = managedIgnores(r)
		r.CapPolicy, r.MaxPodsLimit = capEKS, nil
	}
	if err := checkInstanceSupports(inst, r); err != nil {
		return MaxPodsResult{}, nil, err
	}
	res := MaxPodsResult{ENIMaxPods: inst.ENIMaxPods()}
	res.steps = maxPodsSteps{windows: r.OS == osWindows, managed: managed, ipv4PerENI: inst.IPv4PerENI, vcpus: inst.VCPUs}
	switch {
	case r.OS == osWindows:
		warns = append(warns, windowsPodAddresses(inst, r, &res)...)
		if r.capPolicySet && r.CapPolicy == capAutoMode {
			warns = append(warns, capAutoModeOnWindows())
		}
	case r.CapPolicy == capAutoMode:
		// The deprecated cap_policy "auto_mode": Auto Mode's formula over
		// these settings' ENIs (automode.go).
		warns = append(warns, capAutoModeDeprecated(inst, r, &res)...)
	default:
		warns = append(warns, linuxPodAddresses(inst, r, &res)...)
	}
	res.MaxPods = res.MaxPodsUncapped
	if res.PrefixDelegationApplied && r.OS == osWindows && r.CapPolicy != capNone {
		applyWindowsKubeletDefault(&res)
	} else {
		applyCap(inst, r.CapPolicy, &res)
	}
	applyLimits(inst, r, &res)
	return res, warns, nil
}

// managedIgnores warns about the settings a managed node group without a
// custom AMI overrides (launchpath.go).
func managedIgnores(r Resolved) []Warning {
	var warns []Warning
	if r.CapPolicy != capEKS {
		warns = append(warns, Warning{
			Field:   fieldCapPolicy,
			Summary: "cap_policy is ignored on a managed node group",
			Detail: fmt.Sprintf("launch_path = %q: EKS writes max pods into the node's user data itself, capped at 110 below 30 vCPUs and 250 above (EKS User Guide, \"How maxPods is determined\"), so cap_policy = %q has no effect and max_pods uses the \"eks\" cap. Use launch_path = %q to set your own max pods.",
				launchManaged, r.CapPolicy, launchManagedCustomAMI),
		})
	}
	if r.MaxPodsLimit != nil {
		warns = append(warns, Warning{
			Field:   fieldMaxPodsLimit,
			Summary: "max_pods_limit is ignored on a managed node group",
			Detail: fmt.Sprintf("launch_path = %q: EKS writes max pods into the node's user data and it takes precedence over any maxPods you set (EKS User Guide, \"How maxPods is determined\"), so a max pods of %d would not reach kubelet. Use launch_path = %q (a launch template with a custom AMI) to set your own max pods.",
				launchManaged, *r.MaxPodsLimit, launchManagedCustomAMI),
		})
	}
	return warns
}

// checkInstanceSupports rejects settings the instance type cannot honour, in
// the order the rules apply: the trunk ENI, IPv6 prefixes, then the vCPU count
// the cap and pods_per_core need.
func checkInstanceSupports(inst ec2data.Instance, r Resolved) error {
	name := instName(inst)
	if r.SecurityGroupsForPods && !inst.Custom {
		switch {
		case !inst.TrunkingKnown:
			return inputErr(fieldSecurityGroupsForPods, "security_groups_for_pods: %s is not in the VPC resource controller's limits table, so it cannot take a trunk ENI", name)
		case !inst.TrunkingCompatible:
			// Not "needs a Nitro type": t3 and other Nitro types cannot trunk either.
			return inputErr(fieldSecurityGroupsForPods, "security_groups_for_pods: %s is not trunking compatible: the VPC resource controller gives it no trunk ENI, so pods cannot get their own security groups on it; use a type whose trunking_compatible is true (ekssize_instance_type), such as m5.large", name)
		}
	}
	if r.OS == osWindows {
		if err := checkWindowsInstance(inst); err != nil {
			return err
		}
	}
	if r.OS != osWindows && r.IPFamily == ipFamilyIPv6 && !supportsPrefixDelegation(inst) {
		return inputErr(fieldIPFamily, "ip_family = \"ipv6\" needs a Nitro-based instance type, but %s runs on the %s hypervisor", name, inst.Hypervisor)
	}
	if r.CapPolicy == capEKS && !inst.HasVCPUs() {
		return inputErr(fieldCapPolicy, "cap_policy \"eks\" needs the vCPU count, which is unknown for %s; give instance.vcpus, or set cap_policy = \"none\" (with max_pods_limit for a cap of your own)", name).
			inFunctions("cap_policy \"eks\" needs the vCPU count, which is unknown for %s; set cap_policy = \"none\" (with max_pods_limit for a cap of your own), or give vcpus in the instance object of the matching data source", name)
	}
	if r.PodsPerCore != nil && !inst.HasVCPUs() {
		return inputErr(fieldPodsPerCore, "pods_per_core needs the vCPU count, which is unknown for %s; give instance.vcpus or remove pods_per_core", name).
			inFunctions("pods_per_core needs the vCPU count, which is unknown for %s; remove pods_per_core (max_pods_limit caps max pods without it), or give vcpus in the instance object of the matching data source", name)
	}
	return nil
}

// linuxPodAddresses fills the ENI arithmetic of a Linux node into res: the pod
// ENIs, whether prefixes apply, and the uncapped max pods.
func linuxPodAddresses(inst ec2data.Instance, r Resolved, res *MaxPodsResult) []Warning {
	count := podENIs(inst, r)
	enis := count.count()
	usePrefixes, warns := prefixesApply(inst, r)
	res.steps.enis = count
	res.NetworkInterfaces = enis
	res.PrefixDelegationApplied = usePrefixes
	if usePrefixes {
		res.MaxPodsUncapped = inst.PodsOnENIs(enis, ipsPerPrefix)
		res.PodIPs = inst.PodAddressesOnENIs(enis, ipsPerPrefix)
	} else {
		res.MaxPodsUncapped = inst.PodsOnENIs(enis, 1)
		res.PodIPs = inst.PodAddressesOnENIs(enis, 1)
	}
	res.PodIPsUnlimited = r.IPFamily == ipFamilyIPv6
	return append(warns, noENILeft(inst, count, "only the 2 host-network pods counted by the formula can run")...)
}

// noENILeft warns when the settings leave no ENI for pods; what says what
// max pods is then.
func noENILeft(inst ec2data.Instance, count podENICount, what string) []Warning {
	if count.count() > 0 {
		return nil
	}
	return []Warning{{
		Field:   fieldReservedENIs,
		Summary: "No ENI is left for pods",
		Detail: fmt.Sprintf("%s has %s on its default network card and the settings take all of them (%s); %s.",
			instName(inst), counted(inst.DefaultCardENIs, "ENI", "ENIs"), count.why(), what),
	}}
}

// prefixesApply says whether pods get /28 prefixes: asked for (or IPv6), on an
// instance that supports them, with a VPC CNI that has them. Each fallback to
// secondary IPs is a warning.
func prefixesApply(inst ec2data.Instance, r Resolved) (bool, []Warning) {
	if !r.PrefixDelegation && r.IPFamily != ipFamilyIPv6 {
		return false, nil
	}
	if !supportsPrefixDelegation(inst) {
		// IPv6 on such a type was rejected by checkInstanceSupports.
		return false, []Warning{{
			Field:   fieldPrefixDelegation,
			Summary: "Prefix delegation is not supported on this instance type",
			Detail: fmt.Sprintf("%s runs on the %s hypervisor and is not bare metal; the VPC CNI assigns prefixes only on Nitro and bare metal instances and falls back to secondary IPs, so max pods is the secondary-IP value.",
				instName(inst), inst.Hypervisor),
		}}
	}
	// max-pods-calculator.sh tests the hypervisor alone (IS_NITRO), so it gives
	// bare metal without a reported hypervisor the secondary-IP value; the VPC
	// CNI's IsPrefixDelegationSupported also accepts bare metal.
	if r.IPFamily == ipFamilyIPv4 && r.Mirror == mirrorMaxPodsCalculator && inst.Hypervisor != ec2data.HypervisorNitro {
		hv := inst.Hypervisor
		if hv == "" || hv == ec2data.HypervisorUnknown {
			hv = "no"
		}
		return false, []Warning{{
			Field:   FieldMirror,
			Summary: "max-pods-calculator.sh does not apply prefix delegation to this type",
			Detail: fmt.Sprintf("%s is bare metal and EC2 reports %s hypervisor for it; max-pods-calculator.sh applies prefix delegation only when the hypervisor is \"nitro\", so mirror = \"max_pods_calculator\" gives the secondary-IP value. The VPC CNI does assign prefixes on bare metal: mirror = \"vpc_cni\" (the default) gives that value.",
				instName(inst), hv),
		}}
	}
	if r.IPFamily == ipFamilyIPv4 && !r.CNI.AtLeast(1, 9) {
		return false, []Warning{{
			Field:   fieldCNIVersion,
			Summary: "Prefix delegation needs VPC CNI 1.9.0 or later",
			Detail:  fmt.Sprintf("cni_version is %q; VPC CNI versions before 1.9.0 ignore ENABLE_PREFIX_DELEGATION, so max pods is the secondary-IP value. Upgrade the VPC CNI add-on to use prefixes.", r.CNIVersion),
		}}
	}
	return true, nil
}

// applyCap lowers res.MaxPods to the cap policy's ceiling.
func applyCap(inst ec2data.Instance, policy string, res *MaxPodsResult) {
	switch policy {
	case capEKS:
		res.Cap = ceilingLowCPU
		if inst.VCPUs > ceilingCPUBoundary {
			res.Cap = ceilingHighCPU
		}
	case capAutoMode:
		res.Cap = ceilingAutoMode
	default:
		return
	}
	if res.MaxPods > res.Cap {
		res.MaxPods = res.Cap
		res.steps.capped = policy
	}
}

// applyLimits lowers res.MaxPods to max_pods_limit, then to pods_per_core x vCPUs.
func applyLimits(inst ec2data.Instance, r Resolved, res *MaxPodsResult) {
	if r.MaxPodsLimit != nil && *r.MaxPodsLimit < res.MaxPods {
		res.MaxPods = *r.MaxPodsLimit
		res.steps.limited = res.MaxPods
	}
	if r.PodsPerCore != nil {
		if perCore := *r.PodsPerCore * inst.VCPUs; perCore < res.MaxPods {
			res.MaxPods = perCore
			res.steps.podsPerCore = *r.PodsPerCore
		}
	}
}

// windowsKubeletDefaultMaxPods is the max pods of a Windows node with prefix
// delegation unless --max-pods says otherwise: "By default, the maximum number
// of Pods that you can deploy to a node is 110" (EKS User Guide, "Assign more
// IP addresses to Amazon EKS nodes with prefixes", Windows steps). Without
// prefixes the pod IPs (IPv4 per ENI - 1) are far below it.
const windowsKubeletDefaultMaxPods = 110

// windowsPodAddresses fills the pod addresses of a Windows node into res. The
// VPC resource controller, not ipamd, gives Windows pods their IPs, from the
// primary ENI only (amazon-vpc-resource-controller-k8s, pkg/provider/ip and
// pkg/provider/prefix getCapacity: IPv4 per interface - 1 on Windows). It
// advertises vpc.amazonaws.com/PrivateIPv4Address, which every Windows pod
// requests one of: IPv4 per ENI - 1 with secondary IPs, and with prefix
// delegation (enable-windows-prefix-delegation in the amazon-vpc-cni
// ConfigMap) that many /28 prefixes x 16 (docs/windows/
// prefix_delegation_hld_workflow.md: "(Secondary IP per interface -1)*16").
// Prefixes need a Nitro instance type ("Create Windows node groups with at
// least one Amazon EC2 Nitro instance type"); on another type this provider
// falls back to secondary IPs with a warning, as for Linux (AWS does not say
// what the controller does there).
func windowsPodAddresses(inst ec2data.Instance, r Resolved, res *MaxPodsResult) []Warning {
	pool := windowsPoolShape(inst, r)
	res.NetworkInterfaces = 1
	res.PrefixDelegationApplied = pool.prefix
	res.MaxPodsUncapped = pool.capacity()
	res.PodIPs = res.MaxPodsUncapped
	if !r.PrefixDelegation || pool.prefix {
		return nil
	}
	return []Warning{{
		Field:   fieldPrefixDelegation,
		Summary: "Prefix delegation is not supported on this instance type",
		Detail: fmt.Sprintf("%s runs on the %s hypervisor and is not bare metal; Windows prefix delegation needs a Nitro instance type (EKS User Guide), so max pods is the secondary-IP value.",
			instName(inst), inst.Hypervisor),
	}}
}

// applyWindowsKubeletDefault lowers the max pods of a Windows node with
// prefixes to kubelet's default 110, whatever the vCPUs (cap_policy "eks" and
// the deprecated "auto_mode"; "none" keeps the pod IPs).
func applyWindowsKubeletDefault(res *MaxPodsResult) {
	res.Cap = windowsKubeletDefaultMaxPods
	if res.MaxPods > res.Cap {
		res.MaxPods = res.Cap
		res.steps.capped = capWindowsKubeletDefault
	}
}
