package sizing

import (
	"fmt"
	"strings"

	"github.com/ekssize/terraform-provider-ekssize/internal/ec2data"
)

// This file models the addresses a Windows node takes from its subnet. Windows
// pods get their IPv4 addresses from the VPC resource controller
// (github.com/aws/amazon-vpc-resource-controller-k8s, mirrored at v1.8.2), not
// from ipamd: only the primary ENI carries them, as secondary IPs or, with
// enable-windows-prefix-delegation on a Nitro type, /28 prefixes. Its warm
// pool (pkg/pool) is sized by the amazon-vpc-cni ConfigMap's Windows targets,
// read by pkg/config ParseWinIPTargetConfigs and LoadResourceConfigFromConfigMap:
//
//	secondary IPs: windows-warm-ip-target W (unset 0, an explicit 0 reads as 1)
//	               and windows-minimum-ip-target M (unset 0); both 0: W = M = 3.
//	               calculateSecondaryIPDeviation keeps W spare and M in total:
//	               IPs = min(S, max(pods + W, M)), S = IPv4 per ENI - 1
//	               (getCapacity). With M alone (W = 0) nothing is allocated
//	               past M: pod M + 1 never gets an address.
//	prefixes:      W, M and windows-warm-prefix-target WP (unset 0); all three
//	               0: W = 1, M = 3. getPDDeviation: W or M non-zero (the unset
//	               one 1 and 3): prefixes = max(ceil((pods + W)/16), ceil(M/16));
//	               WP alone: prefixes = ceil(pods/16) + WP (pods fill the
//	               fullest prefix first, assignResourceFromMinGroup);
//	               at most S prefixes.
//	prefix delegation on a type that is not Nitro (utils.IsNitroInstance:
//	               nitro hypervisor or bare metal): the secondary-IP provider
//	               stays active with its default W = M = 3, whatever the
//	               ConfigMap's targets say (they go to the prefix pool).
//
// All of it assumes the ConfigMap's enable-windows-ipam: "true": without it the
// controller manages no Windows node (pkg/node/manager isSelectedForManagement,
// pkg/condition IsWindowsIPAMEnabled), so Windows pods get no address at all,
// and it reads enable-windows-prefix-delegation only with it
// (IsWindowsPrefixDelegationEnabled).
//
// The node takes its primary address plus those. Unlike ipamd the controller
// never reads kubelet's max pods: the pool is bounded by its capacity (S
// secondary IPs, or S x 16 prefix IPs), which it advertises as
// vpc.amazonaws.com/PrivateIPv4Address, so a pod past it is never scheduled.
// These closed forms agree with the controller's own pool code driven to peak
// pods for every row of testdata/vpc-resource-controller-v1.8.2-windows-pool.tsv
// (windows_pool_test.go).

// Defaults of the VPC resource controller v1.8.2 (pkg/config/loader.go).
const (
	windowsDefaultWarmIP     = 3 // IPv4DefaultWinWarmIPTarget
	windowsDefaultMinimumIP  = 3 // IPv4DefaultWinMinIPTarget
	windowsPDDefaultWarmIP   = 1 // IPv4PDDefaultWarmIPTargetSize
	windowsPDDefaultMinimum  = 3 // IPv4PDDefaultMinIPTargetSize
	windowsControllerVersion = "v1.8.2"
)

// notInControllerLimits are the embedded table's types that the VPC resource
// controller v1.8.2 has no row for in pkg/aws/vpc.Limits. Its getCapacity is 0
// for them and it reports "The instance type %s is not supported for Windows",
// so no Windows pod gets an address. TestWindowsLimitsMatchController derives
// this list from testdata/vpc-resource-controller-v1.8.2-windows-limits.tsv; every
// other table type agrees with the controller on IPv4 per ENI and on Nitro.
var notInControllerLimits = map[string]bool{
	"bmn-sf1.metal": true, "c5a.metal": true, "c5ad.metal": true, "cr1.8xlarge": true,
	"hpc6a.48xlarge": true, "hpc6id.32xlarge": true, "hpc7a.12xlarge": true, "hpc7a.24xlarge": true,
	"hpc7a.48xlarge": true, "hpc7a.96xlarge": true, "hpc8a.96xlarge": true, "hs1.8xlarge": true,
	"trn2.3xlarge": true, "trn2.48xlarge": true, "u-12tb1.metal": true, "u-18tb1.metal": true,
	"u-24tb1.metal": true, "u-6tb1.metal": true, "u-9tb1.metal": true,
}

// checkWindowsInstance rejects a table type the controller does not support
// for Windows. A described instance (the instance object) is taken as given.
func checkWindowsInstance(inst ec2data.Instance) error {
	if inst.Custom || !notInControllerLimits[inst.Name] {
		return nil
	}
	return inputErr(fieldOS, "os = \"windows\": %s is not in the VPC resource controller's instance limits (amazon-vpc-resource-controller-k8s %s, pkg/aws/vpc/limits.go), which gives it no pod address capacity and reports \"The instance type %s is not supported for Windows\"; use another type, or describe a newer one with the instance object", inst.Name, windowsControllerVersion, inst.Name).
		inFunctions("os = \"windows\": %s is not in the VPC resource controller's instance limits (amazon-vpc-resource-controller-k8s %s, pkg/aws/vpc/limits.go), which gives it no pod address capacity and reports \"The instance type %s is not supported for Windows\"; use another type", inst.Name, windowsControllerVersion, inst.Name)
}

// windowsPool is the VPC resource controller's warm pool for one Windows node.
type windowsPool struct {
	prefix bool // the prefix-deconstructed pool (else secondary IPs)
	slots  int  // S: secondary IPs or prefixes on the primary ENI
	// warmIP, minimumIP and warmPrefix are the targets the pool runs with;
	// warmPrefixMode is true when warm-prefix-target alone drives it.
	warmIP, minimumIP, warmPrefix int
	warmPrefixMode                bool
}

// windowsPoolShape is a Windows node's pool before its targets: the primary
// ENI's secondary IP slots, each a /28 prefix when Windows prefix delegation
// is on and the type supports prefixes. Max pods (windowsPodAddresses) and
// the warm pool (resolveWindowsPool) both start from it.
func windowsPoolShape(inst ec2data.Instance, r Resolved) windowsPool {
	return windowsPool{slots: inst.SecondaryIPsPerENI(), prefix: r.PrefixDelegation && supportsPrefixDelegation(inst)}
}

func (p windowsPool) capacity() int {
	if p.prefix {
		return p.slots * ipsPerPrefix
	}
	return p.slots
}

// valueOr0 is a ConfigMap target as the controller parses it: an absent key
// (nil) is 0.
func valueOr0(v *int) int {
	if v == nil {
		return 0
	}
	return *v
}

// resolveWindowsPool derives the pool's targets from the ConfigMap values the
// user gave (nil = key absent), and warns about the ones the controller
// ignores in this mode. prefix is where the user gave the ConfigMap's
// settings ("" or "windows_config_map."; NodeIPsInput.windowsFieldPrefix):
// the warnings name them by that path. warm_eni_target, which the ConfigMap
// has no key for, is only ever given as itself.
func resolveWindowsPool(inst ec2data.Instance, r Resolved, given WarmTargets, prefix string) (windowsPool, []Warning) {
	pool := windowsPoolShape(inst, r)
	var warns []Warning
	ignored := func(v *int, field, why string) {
		if v != nil {
			warns = append(warns, Warning{Field: field, Summary: field + " has no effect here", Detail: why})
		}
	}
	ignored(given.WarmENITarget, fieldWarmENITarget, "With os = \"windows\" the VPC resource controller manages pod addresses on the primary ENI only and has no warm ENI target.")
	fWarmIP, fMinimumIP, fWarmPrefix := prefix+fieldWarmIPTarget, prefix+fieldMinimumIPTarget, prefix+fieldWarmPrefixTarget
	switch {
	case pool.prefix:
		w, m, wp := valueOr0(given.WarmIPTarget), valueOr0(given.MinimumIPTarget), valueOr0(given.WarmPrefixTarget)
		why := fmt.Sprintf("%s or %s is set, and the VPC resource controller then ignores windows-warm-prefix-target.", fWarmIP, fMinimumIP)
		if w == 0 && m == 0 && wp == 0 {
			w, m = windowsPDDefaultWarmIP, windowsPDDefaultMinimum
			why = fmt.Sprintf("With all three targets 0 or unset the VPC resource controller uses warm %d and minimum %d, not a warm prefix target.", w, m)
		}
		if w == 0 && m == 0 {
			pool.warmPrefixMode, pool.warmPrefix = true, wp
			return pool, warns
		}
		pool.warmIP, pool.minimumIP = or0(w, windowsPDDefaultWarmIP), or0(m, windowsPDDefaultMinimum)
		ignored(given.WarmPrefixTarget, fWarmPrefix, why)
	case r.PrefixDelegation:
		pool.warmIP, pool.minimumIP = windowsDefaultWarmIP, windowsDefaultMinimumIP
		why := fmt.Sprintf("%s is not Nitro, so the VPC resource controller keeps it in secondary-IP mode with its default targets (warm %d, minimum %d); the ConfigMap's targets apply to the prefix pool of Nitro nodes only.",
			instName(inst), windowsDefaultWarmIP, windowsDefaultMinimumIP)
		ignored(given.WarmIPTarget, fWarmIP, why)
		ignored(given.MinimumIPTarget, fMinimumIP, why)
		ignored(given.WarmPrefixTarget, fWarmPrefix, why)
	default:
		w := valueOr0(given.WarmIPTarget)
		if given.WarmIPTarget != nil && w == 0 {
			w = 1 // ParseWinIPTargetConfigs: an explicit 0 is not supported in secondary-IP mode
		}
		m := valueOr0(given.MinimumIPTarget)
		if w == 0 && m == 0 {
			w, m = windowsDefaultWarmIP, windowsDefaultMinimumIP
		}
		pool.warmIP, pool.minimumIP = w, m
		ignored(given.WarmPrefixTarget, fWarmPrefix, "Prefix delegation is off, so the VPC resource controller ignores windows-warm-prefix-target.")
	}
	return pool, warns
}

func or0(v, def int) int {
	if v == 0 {
		return def
	}
	return v
}

// units is the pool's secondary IPs (or prefixes) at p pods: what the
// targets ask for, and that within capacity.
func (p windowsPool) units(pods int) (asked, units int) {
	switch {
	case !p.prefix:
		asked = max(pods+p.warmIP, p.minimumIP)
	case p.warmPrefixMode:
		asked = ceilDiv(pods, ipsPerPrefix) + p.warmPrefix
	default:
		asked = max(ceilDiv(pods+p.warmIP, ipsPerPrefix), ceilDiv(p.minimumIP, ipsPerPrefix))
	}
	return asked, min(asked, p.slots)
}

// windowsExplanation records a Windows node's numbers; NodeUsage.Formula
// writes them out when read.
type windowsExplanation struct {
	on                 bool
	pool               windowsPool
	pods, asked, units int
}

func (e windowsExplanation) write(f *strings.Builder, nodeIPs int) {
	f.WriteString("VPC resource controller (windows): ")
	p := e.pool
	switch {
	case !p.prefix:
		fmt.Fprintf(f, "secondary IPs = max(%d + %d, %d) = %d", e.pods, p.warmIP, p.minimumIP, e.asked)
	case p.warmPrefixMode:
		fmt.Fprintf(f, "prefixes = ceil(%d/16) + %d = %d", e.pods, p.warmPrefix, e.asked)
	default:
		fmt.Fprintf(f, "prefixes = max(ceil((%d + %d)/16), ceil(%d/16)) = %d", e.pods, p.warmIP, p.minimumIP, e.asked)
	}
	if e.units < e.asked {
		fmt.Fprintf(f, ", limited to %d (the primary ENI: %d - 1)", e.units, p.slots+1)
	}
	if p.prefix {
		fmt.Fprintf(f, " on the primary ENI; node IPs = 1 + 16 x %d = %d", e.units, nodeIPs)
	} else {
		fmt.Fprintf(f, " on the primary ENI; node IPs = 1 + %d = %d", e.units, nodeIPs)
	}
}

// windowsNodeUsage fills in what one Windows node takes at its peak pods.
func windowsNodeUsage(in NodeIPsInput, r Resolved, usage *NodeUsage) ([]Warning, error) {
	pool, warns := resolveWindowsPool(in.Instance, r, in.Warm, in.windowsFieldPrefix)
	if err := windowsPodsFit(in.Instance, pool, *usage, in.PodsPerNode != nil, in.windowsFieldPrefix); err != nil {
		return nil, err
	}
	asked, units := pool.units(usage.PodsPerNode)
	usage.PrefixDelegation = pool.prefix
	usage.WarmIPMode = !pool.warmPrefixMode
	usage.NetworkInterfaces, usage.PodENIs = 1, 1
	if pool.prefix {
		usage.Prefixes = units
		usage.NodeSubnetIPs = 1 + units*ipsPerPrefix
	} else {
		usage.SecondaryIPs = units
		usage.NodeSubnetIPs = 1 + units
	}
	usage.windows = windowsExplanation{on: true, pool: pool, pods: usage.PodsPerNode, asked: asked, units: units}
	return warns, nil
}

// windowsPodsFit rejects pod counts the controller never gives addresses to,
// naming the first pod that gets none: past a minimum target that has no warm
// target, or past its capacity. prefix is as in resolveWindowsPool: the
// ConfigMap's settings are named by the path the user gave them at.
func windowsPodsFit(inst ec2data.Instance, pool windowsPool, u NodeUsage, podsGiven bool, prefix string) error {
	p := u.PodsPerNode
	defaulted := ""
	if !podsGiven {
		defaulted = fmt.Sprintf(" (the default: max_pods %d)", u.MaxPods)
	}
	if !pool.prefix && pool.warmIP == 0 && p > pool.minimumIP && pool.minimumIP < pool.capacity() {
		fMinimumIP, fWarmIP := prefix+fieldMinimumIPTarget, prefix+fieldWarmIPTarget
		return inputErr(fMinimumIP, "%s = %d without %s freezes each Windows node at %d IPs: the VPC resource controller %s reads an absent windows-warm-ip-target as 0 once windows-minimum-ip-target is set (its default 3 applies only when both are absent), allocates up to the minimum and never more, so pod number %d on a node never gets an IP (pods_per_node is %d%s). Set %s too (0 counts as 1), raise %s to at least %d, or lower pods_per_node to %d.",
			fMinimumIP, pool.minimumIP, fWarmIP, pool.minimumIP, windowsControllerVersion, pool.minimumIP+1, p, defaulted, fWarmIP, fMinimumIP, p, pool.minimumIP)
	}
	if c := pool.capacity(); p > c {
		what := fmt.Sprintf("%d secondary IPs on the primary ENI (IPv4 per ENI %d - 1)", c, pool.slots+1)
		hint := "lower pods_per_node or enable " + prefix + fieldPrefixDelegation
		if pool.prefix {
			what = fmt.Sprintf("%d addresses (%d prefixes on the primary ENI x 16)", c, pool.slots)
			hint = "lower pods_per_node"
		}
		return inputErr(FieldPodsPerNode, "pods_per_node is %d%s, but the VPC resource controller gives a Windows %s at most %s, its vpc.amazonaws.com/PrivateIPv4Address capacity, so pod number %d on a node is never scheduled; %s",
			p, defaulted, instName(inst), what, c+1, hint)
	}
	return nil
}
