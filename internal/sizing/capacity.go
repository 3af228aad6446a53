package sizing

import (
	"fmt"
	"sort"
	"strings"
)

// Prefix layouts: how single IPs sit among a subnet's /28 blocks.
const (
	// prefixLayoutScattered assumes every single IP spoils one eligible /28
	// (conservative; what a long-lived subnet drifts to).
	prefixLayoutScattered = "scattered"
	// prefixLayoutPacked assumes single IPs fill the two edge blocks (27 IPs)
	// first and then whole /28s (the best case).
	prefixLayoutPacked = "packed"
)

// IPs that other things take in a subnet.
const (
	ipsPerApplicationLoadBalancer = 8 // AWS asks for at least 8 free IPs per ALB subnet
	ipsPerNetworkLoadBalancer     = 1
	ipsPerInterfaceEndpoint       = 1
	ipsPerFargatePod              = 1 // every Fargate pod is its own node with one IP
	// clusterSubnetENIIPs is the addresses EKS's cross-account control plane
	// ENIs may take in a cluster subnet.
	clusterSubnetENIIPs = 6
	// clusterSubnetKeepFree is the addresses a cluster subnet must keep free
	// for EKS version upgrades.
	clusterSubnetKeepFree = 5
	// defaultSurgeNodesPerSubnet is the extra nodes a managed node group
	// rolling update adds per availability zone.
	defaultSurgeNodesPerSubnet = 2
)

// Attribute names of the capacity inputs.
const (
	fieldNodeCount                       = "node_count"
	fieldSurgeNodesPerSubnet             = "surge_nodes_per_subnet"
	fieldPrefixLayout                    = "prefix_layout"
	fieldReserved                        = "reserved"
	fieldReservedApplicationLoadBalancer = "reserved.application_load_balancers"
	fieldReservedNetworkLoadBalancers    = "reserved.network_load_balancers"
	fieldReservedInterfaceEndpoints      = "reserved.interface_endpoints"
	fieldReservedFargatePods             = "reserved.fargate_pods"
	fieldReservedOtherIPs                = "reserved.other_ips"
)

// ReservedIPs is what else takes addresses in every node subnet.
type ReservedIPs struct {
	ApplicationLoadBalancers int
	NetworkLoadBalancers     int
	InterfaceEndpoints       int
	FargatePods              int
	OtherIPs                 int
}

// IPs is the addresses the reservations take in one subnet.
func (r ReservedIPs) IPs() int {
	return r.ApplicationLoadBalancers*ipsPerApplicationLoadBalancer + r.NetworkLoadBalancers*ipsPerNetworkLoadBalancer +
		r.InterfaceEndpoints*ipsPerInterfaceEndpoint + r.FargatePods*ipsPerFargatePod + r.OtherIPs
}

// inputCountLimit bounds counts so the arithmetic stays far from overflow.
const inputCountLimit = 1 << 24

func (r ReservedIPs) validate() error {
	for _, c := range []struct {
		v     int
		field string
	}{
		{r.ApplicationLoadBalancers, fieldReservedApplicationLoadBalancer},
		{r.NetworkLoadBalancers, fieldReservedNetworkLoadBalancers},
		{r.InterfaceEndpoints, fieldReservedInterfaceEndpoints},
		{r.FargatePods, fieldReservedFargatePods},
		{r.OtherIPs, fieldReservedOtherIPs},
	} {
		if c.v < 0 || c.v > inputCountLimit {
			return inputErr(c.field, "%s is %d; it must be between 0 and %d", c.field, c.v, inputCountLimit)
		}
	}
	return nil
}

// SubnetCapacityInput is the question "do these nodes fit in these subnets".
type SubnetCapacityInput struct {
	NodeIPsInput
	// Subnets are the node subnets, one per availability zone typically.
	Subnets []SubnetSpec
	// PodSubnets are the custom networking (ENIConfig) subnets, paired with
	// Subnets by index; required with custom networking and only then.
	PodSubnets []SubnetSpec
	// NodeCount is the planned nodes, spread evenly over Subnets.
	NodeCount int
	// SurgeNodesPerSubnet is the extra nodes a rolling update adds in each
	// subnet that has planned nodes; nil = defaultSurgeNodesPerSubnet.
	SurgeNodesPerSubnet *int
	// Reserved is what else takes addresses in each node subnet (not in pod
	// subnets: load balancers, endpoints and Fargate pods use the VPC's
	// ordinary subnets).
	Reserved ReservedIPs
	// PrefixLayout is "scattered" (default) or "packed".
	PrefixLayout string

	// nodeSubnets names the node subnets in fields and messages; the zero
	// value is the data source's list, "subnets".
	nodeSubnets subnetList
}

// subnetList names the subnets of one list in fields and messages.
type subnetList struct {
	// name is the list attribute ("subnets", "pod_subnets"); "" means the
	// data source's "subnets".
	name string
	// topLevel names the only subnet by its attributes alone (cidr_block,
	// prefix_reservations[0], ...), as the subnet_max_nodes function takes it.
	topLevel bool
}

func (l subnetList) listName() string { return or(l.name, FieldSubnets) }

// path is subnet i's attribute path ("subnets[2]"), "" at the top level.
func (l subnetList) path(i int) string {
	if l.topLevel {
		return ""
	}
	return fmt.Sprintf("%s[%d]", l.listName(), i)
}

// ref names subnet i as a whole in fields and messages: its path, or its
// cidr_block at the top level.
func (l subnetList) ref(i int) string {
	if l.topLevel {
		return FieldCIDRBlock
	}
	return l.path(i)
}

// SubnetResult is one subnet's capacity.
type SubnetResult struct {
	Name                 string
	CIDRBlock            string
	TotalIPs             int
	UsableIPs            int
	FreeIPs              int
	PrefixEligibleBlocks int
	// ReservedIPs is the addresses other things take: load balancers,
	// endpoints, Fargate pods, other, and 6 for EKS's ENIs in a cluster subnet.
	ReservedIPs int
	// KeepFreeIPs is the addresses that must stay free (5 in a cluster subnet).
	KeepFreeIPs  int
	PlannedNodes int
	SurgeNodes   int
	// IPsPerNode is what one node takes in this subnet.
	IPsPerNode int
	// RequiredIPs = (planned + surge) x IPsPerNode + ReservedIPs.
	RequiredIPs int
	// HeadroomIPs is what is left after RequiredIPs and KeepFreeIPs; in
	// prefix mode it is also at most 16 x the spare /28 blocks. Negative is a
	// shortfall.
	HeadroomIPs int
	// MaxNodes is the most nodes this subnet holds with its reservations.
	MaxNodes int
	Fits     bool
	// ShortfallIPs is max(0, -HeadroomIPs). It never exceeds RequiredIPs +
	// KeepFreeIPs (the whole demand), so a demand that a fresh subnet of this
	// size would hold is never more than the subnet's addresses short.
	ShortfallIPs int
	// ShortfallBlocks is, with prefix delegation in this subnet, the aligned
	// /28 blocks missing for the nodes' prefixes (16 IPs each): the real cause
	// when the addresses are there but scattered single IPs spoil the blocks.
	// 0 without prefixes here or when the blocks suffice.
	ShortfallBlocks int
	// SmallestFittingPrefixLength is the longest prefix length of a fresh
	// subnet that holds the planned and surge nodes and the reservations; 0 when
	// even a /16 does not.
	SmallestFittingPrefixLength int
	// PrefixBlocksNeeded and PrefixBlocksSpoiled explain a prefix-mode result:
	// the /28 blocks the nodes' prefixes take, and the eligible blocks the
	// layout assumes single IPs (in use, node and extra) take, at most all of
	// them. Zero when no prefixes are placed in this subnet or it has prefix
	// reservations.
	PrefixBlocksNeeded  int
	PrefixBlocksSpoiled int
}

// SubnetCapacityResult is every number ekssize_subnet_capacity reports.
type SubnetCapacityResult struct {
	PerNode             NodeUsage
	PrefixLayout        string
	SurgeNodesPerSubnet int
	Subnets             []SubnetResult
	// PodSubnets is empty without custom networking.
	PodSubnets []SubnetResult
	// MaxNodes is the most nodes all subnets hold (with custom networking, per
	// pair the smaller of the node subnet's and the pod subnet's).
	MaxNodes int
	// MaxPodsTotal = MaxNodes x (pods + branch pods per node).
	MaxPodsTotal int
	Fits         bool
	ShortfallIPs int
	// ShortfallBlocks is the sum of the subnets' ShortfallBlocks.
	ShortfallBlocks int
	// Shortfalls has one entry per subnet that does not fit, naming it; the
	// provider shows them as warnings, or as errors with fail_on_shortfall.
	Shortfalls []Warning
}

// maxNodesSearchLimit caps the node search; a /16 holds fewer nodes than this
// whenever a node takes an address in it.
const maxNodesSearchLimit = 1 << 20

// SubnetCapacity answers "how many nodes and pods fit in these subnets, and do
// the planned nodes (with surge and other users of the subnets) fit". Per-node
// consumption comes from NodeIPs; per subnet:
//
//	secondary IPs / IPv6: fits when n x node IPs + reserved + keep-free <= free
//	prefixes, scattered:  also n x P + min(singles, E) <= E
//	prefixes, packed:     also n x P + min(ceil(max(0, singles - 27)/16), E) <= E
//	prefix reservations:  n x P <= eligible /28s in the reservations, singles fit outside them
//
// where E is the subnet's eligible /28 blocks and singles are every non-prefix
// address: node ENI primaries, trunk and branch IPs, reservations, and
// addresses already in use (usable - free). Single IPs spoil at most every
// eligible block, so a prefix shortfall is at most n x P blocks (16 IPs each):
// the shortfall never exceeds the demand itself.
func SubnetCapacity(in SubnetCapacityInput) (SubnetCapacityResult, []Warning, error) {
	net, err := in.Networking.Validate()
	if err != nil {
		return SubnetCapacityResult{}, nil, err
	}
	res, err := checkCapacitySettings(in)
	if err != nil {
		return SubnetCapacityResult{}, nil, err
	}
	subnets, podSubnets, err := parseCapacitySubnets(in, net.CustomNetworking)
	if err != nil {
		return SubnetCapacityResult{}, nil, err
	}
	perNode, warns, err := nodeIPsResolved(in.NodeIPsInput, net)
	if err != nil {
		return SubnetCapacityResult{}, nil, err
	}
	res.PerNode = perNode
	if !perNode.PrefixDelegation && in.PrefixLayout != "" {
		warns = append(warns, Warning{Field: fieldPrefixLayout, Summary: "prefix_layout has no effect here",
			Detail: "Prefix delegation is not in use, so no /28 blocks are needed and the layout of single IPs does not matter."})
	}
	res.evalSubnets(in, subnets, podSubnets)
	res.MaxPodsTotal = res.MaxNodes * (perNode.PodsPerNode + perNode.BranchPodsPerNode)
	return res, warns, nil
}

// checkCapacitySettings checks the layout, node counts and reservations, and
// starts the result with their resolved values.
func checkCapacitySettings(in SubnetCapacityInput) (SubnetCapacityResult, error) {
	res := SubnetCapacityResult{
		PrefixLayout:        or(in.PrefixLayout, prefixLayoutScattered),
		SurgeNodesPerSubnet: defaultSurgeNodesPerSubnet,
	}
	if err := oneOf(fieldPrefixLayout, res.PrefixLayout, prefixLayoutScattered, prefixLayoutPacked); err != nil {
		return res, err
	}
	if in.NodeCount < 0 || in.NodeCount > inputCountLimit {
		return res, inputErr(fieldNodeCount, "node_count is %d; it must be between 0 and %d (planned nodes, spread evenly over the subnets)", in.NodeCount, inputCountLimit)
	}
	if in.SurgeNodesPerSubnet != nil {
		res.SurgeNodesPerSubnet = *in.SurgeNodesPerSubnet
		if res.SurgeNodesPerSubnet < 0 || res.SurgeNodesPerSubnet > inputCountLimit {
			return res, inputErr(fieldSurgeNodesPerSubnet, "surge_nodes_per_subnet is %d; it must be 0 or more (extra nodes a rolling update adds per subnet)", res.SurgeNodesPerSubnet)
		}
	}
	return res, in.Reserved.validate()
}

// parseCapacitySubnets parses the node subnets and, with custom networking,
// the pod subnets paired with them by index.
func parseCapacitySubnets(in SubnetCapacityInput, customNetworking bool) (subnets, podSubnets []Subnet, err error) {
	subnets, err = parseSubnets(in.nodeSubnets, in.Subnets, nil, subnetList{})
	if err != nil {
		return nil, nil, err
	}
	if len(subnets) == 0 {
		return nil, nil, inputErr(FieldSubnets, "subnets is empty; give at least one subnet (its cidr_block, and available_ip_address_count from aws_subnet if it is in use)")
	}
	switch {
	case customNetworking && len(in.PodSubnets) == 0:
		return nil, nil, inputErr(FieldPodSubnets, "custom_networking is on, so pods take their addresses from the ENIConfig subnets: give pod_subnets, one for each of the %d subnets, paired by index", len(subnets))
	case !customNetworking && len(in.PodSubnets) > 0:
		return nil, nil, inputErr(FieldPodSubnets, "pod_subnets is given but custom_networking is off; without custom networking pods take their addresses from the node's subnet, so remove pod_subnets or set custom_networking = true")
	case !customNetworking:
		return subnets, nil, nil
	case len(in.PodSubnets) != len(subnets):
		return nil, nil, inputErr(FieldPodSubnets, "pod_subnets has %d entries but subnets has %d; they are paired by index (node subnet i puts its pods in pod subnet i), so give one pod subnet per subnet", len(in.PodSubnets), len(subnets))
	}
	podSubnets, err = parseSubnets(subnetList{name: FieldPodSubnets}, in.PodSubnets, subnets, in.nodeSubnets)
	if err != nil {
		return nil, nil, err
	}
	return subnets, podSubnets, nil
}

// evalSubnets spreads the planned nodes evenly over the subnets (the first
// node_count mod subnets get one more), evaluates each subnet and its pod
// subnet, and sums what they hold.
func (res *SubnetCapacityResult) evalSubnets(in SubnetCapacityInput, subnets, podSubnets []Subnet) {
	perNode := res.PerNode
	packed := res.PrefixLayout == prefixLayoutPacked
	res.Fits = true
	count := len(subnets)
	res.Subnets = make([]SubnetResult, count)
	if podSubnets != nil {
		res.PodSubnets = make([]SubnetResult, count)
	}
	for i := range subnets {
		planned := in.NodeCount / count
		if i < in.NodeCount%count {
			planned++
		}
		surge := 0
		if planned > 0 {
			surge = res.SurgeNodesPerSubnet
		}
		nodeResult := evalSubnet(subnets[i], perNode.nodeShare(), planned, surge, in.Reserved.IPs(), packed)
		res.Subnets[i] = nodeResult
		if !nodeResult.Fits {
			res.addShortfall(in.nodeSubnets.ref(i), subnets[i], nodeResult, perNode, "node", packed)
		}
		maxNodes := nodeResult.MaxNodes
		if podSubnets != nil {
			podResult := evalSubnet(podSubnets[i], perNode.podShare(), planned, surge, 0, packed)
			res.PodSubnets[i] = podResult
			if !podResult.Fits {
				res.addShortfall(fmt.Sprintf("%s[%d]", FieldPodSubnets, i), podSubnets[i], podResult, perNode, "pod", packed)
			}
			maxNodes = min(maxNodes, podResult.MaxNodes)
		}
		res.MaxNodes += maxNodes
	}
}

// parseSubnets validates the subnets of list; others (named by othersList)
// are the node subnets a pod subnet must not overlap.
func parseSubnets(list subnetList, specs []SubnetSpec, others []Subnet, othersList subnetList) ([]Subnet, error) {
	out := make([]Subnet, 0, len(specs))
	for i, spec := range specs {
		s, err := parseSubnet(func() string { return list.path(i) }, spec)
		if err != nil {
			return nil, err
		}
		field := func() string { return subnetField(list.path(i), FieldCIDRBlock) }
		for j, o := range out {
			if s.Overlaps(o) {
				field := field()
				return nil, inputErr(field, "%s %s overlaps %s %s; subnets in a VPC cannot overlap, and each subnet is listed once", field, s.CIDR, list.ref(j), o.CIDR)
			}
		}
		for j, o := range others {
			if s.Overlaps(o) {
				field := field()
				return nil, inputErr(field, "%s %s overlaps %s %s; a pod subnet cannot share addresses with a node subnet", field, s.CIDR, othersList.ref(j), o.CIDR)
			}
		}
		out = append(out, s)
	}
	return out, nil
}

// subnetGeometry is what the fit check needs to know about a subnet.
type subnetGeometry struct {
	free, used, eligible int
	reservations         bool
	resBlocks, resIPs    int
}

func geometryOf(s Subnet) subnetGeometry {
	return subnetGeometry{
		free: s.FreeIPs(), used: s.UsedIPs(), eligible: s.PrefixEligibleBlocks(),
		reservations: len(s.Reservations) > 0, resBlocks: s.ReservedPrefixBlocks(), resIPs: s.ReservationIPs(),
	}
}

// headroom is the spare addresses with n nodes taking sh each, extras single
// IPs and keep addresses kept free; negative is the shortfall. When /28 blocks
// are the limit, each missing block counts 16 addresses.
//
// Addresses already in use (a free count below usable) are single IPs too: in
// the scattered layout each spoils a block, in the packed one they pack with
// the others. Prefix reservations are assumed empty and counted in the free
// count (AWS reports unused reserved addresses as available); single IPs never
// land in them and prefixes come only from them.
func (g subnetGeometry) headroom(sh subnetShare, n, extras, keep int, packed bool) int {
	singles := n*sh.singles + extras
	blocks := n * sh.prefixes
	if g.reservations {
		// Free addresses below the reservations' size mean some reserved
		// addresses are in use; single IPs then have none outside (never less).
		h := max(0, g.free-g.resIPs) - singles - keep
		if blocks > 0 {
			h = min(h, -ipsPerPrefix*g.blocksShort(sh, n, extras, packed))
		}
		return h
	}
	h := g.free - blocks*ipsPerPrefix - singles - keep
	if blocks > 0 {
		h = min(h, -ipsPerPrefix*g.blocksShort(sh, n, extras, packed))
	}
	return h
}

// blocksShort is the /28 blocks n nodes' prefixes lack (negative: spare
// blocks). Single IPs spoil at most every eligible block, so the lack is never
// more than the blocks the prefixes need.
func (g subnetGeometry) blocksShort(sh subnetShare, n, extras int, packed bool) int {
	blocks := n * sh.prefixes
	if g.reservations {
		return blocks - g.resBlocks
	}
	return blocks - (g.eligible - g.spoiled(n*sh.singles+extras, packed))
}

// spoiled is the eligible /28 blocks the layout assumes single IPs take: in
// the scattered layout every single IP (new or already in use) spoils one; in
// the packed one they fill the two edge blocks (27 addresses) first and then
// whole blocks.
func (g subnetGeometry) spoiled(singles int, packed bool) int {
	spoilers := singles + g.used
	if packed {
		spoilers = ceilDiv(max(0, spoilers-edgeBlockIPs), ipsPerPrefix)
	}
	return min(spoilers, g.eligible)
}

// maxNodes is the most nodes for which headroom stays >= 0 (0 when even the
// extras do not fit).
func (g subnetGeometry) maxNodes(sh subnetShare, extras, keep int, packed bool) int {
	limit := maxNodesSearchLimit
	if per := sh.ips(); per > 0 {
		limit = min(limit, g.free/per+1)
	}
	// The first n in [0, limit] that does not fit; headroom falls as n grows.
	n := sort.Search(limit+1, func(n int) bool { return g.headroom(sh, n, extras, keep, packed) < 0 })
	return max(0, n-1)
}

func evalSubnet(s Subnet, sh subnetShare, planned, surge, reserved int, packed bool) SubnetResult {
	keep := 0
	if s.ClusterSubnet {
		reserved += clusterSubnetENIIPs
		keep = clusterSubnetKeepFree
	}
	g := geometryOf(s)
	nodes := planned + surge
	r := SubnetResult{
		Name:                 s.Name,
		CIDRBlock:            s.CIDR.String(),
		TotalIPs:             s.TotalIPs(),
		UsableIPs:            s.UsableIPs(),
		FreeIPs:              s.FreeIPs(),
		PrefixEligibleBlocks: s.PrefixBlocksAvailable(),
		ReservedIPs:          reserved,
		KeepFreeIPs:          keep,
		PlannedNodes:         planned,
		SurgeNodes:           surge,
		IPsPerNode:           sh.ips(),
		RequiredIPs:          nodes*sh.ips() + reserved,
		HeadroomIPs:          g.headroom(sh, nodes, reserved, keep, packed),
		MaxNodes:             g.maxNodes(sh, reserved, keep, packed),
	}
	r.Fits = r.HeadroomIPs >= 0
	r.ShortfallIPs = max(0, -r.HeadroomIPs)
	if blocks := nodes * sh.prefixes; blocks > 0 {
		r.ShortfallBlocks = max(0, g.blocksShort(sh, nodes, reserved, packed))
		if !g.reservations {
			r.PrefixBlocksNeeded = blocks
			r.PrefixBlocksSpoiled = g.spoiled(nodes*sh.singles+reserved, packed)
		}
	}
	r.SmallestFittingPrefixLength = smallestFittingPrefixLength(func(usable, eligible int) bool {
		fresh := subnetGeometry{free: usable, eligible: eligible}
		return fresh.headroom(sh, nodes, reserved, keep, packed) >= 0
	})
	return r
}

func layoutName(packed bool) string {
	if packed {
		return prefixLayoutPacked
	}
	return prefixLayoutScattered
}

// Summaries of the shortfall warnings, one per kind of subnet.
const (
	ShortfallSummary    = "Subnet is short of IPs"
	PodShortfallSummary = "Pod subnet is short of IPs"
)

func (res *SubnetCapacityResult) addShortfall(path string, s Subnet, r SubnetResult, u NodeUsage, role string, packed bool) {
	if r.Fits {
		return
	}
	res.Fits = false
	res.ShortfallIPs += r.ShortfallIPs
	res.ShortfallBlocks += r.ShortfallBlocks
	// The summary is fixed per kind and the subnet goes in the detail: Terraform
	// groups warnings with equal summaries, and rendering 1,000 distinct ones
	// took the CLI about 20 seconds (BENCHMARKS.md).
	summary := ShortfallSummary
	if role == "pod" {
		summary = PodShortfallSummary
	}
	res.Shortfalls = append(res.Shortfalls, Warning{Field: path, Summary: summary, Detail: shortfallDetail(s, r, u, role, packed)})
}

// shortfallDetail says how short the subnet is: what it needs, what it has,
// the /28 blocks prefix delegation needs, and what would hold the nodes.
func shortfallDetail(s Subnet, r SubnetResult, u NodeUsage, role string, packed bool) string {
	var b strings.Builder
	b.Grow(480) // the detail is 165 to 475 bytes long
	nodes := r.PlannedNodes + r.SurgeNodes
	fmt.Fprintf(&b, "The %s subnet %s is %d %s short: it needs %d %s: %d %s (%d planned + %d surge) x %d %s",
		role, s.Label(), r.ShortfallIPs, plural(r.ShortfallIPs, "IP", "IPs"), r.RequiredIPs, plural(r.RequiredIPs, "IP", "IPs"),
		nodes, plural(nodes, "node", "nodes"), r.PlannedNodes, r.SurgeNodes, r.IPsPerNode, plural(r.IPsPerNode, "IP", "IPs"))
	if r.ReservedIPs > 0 {
		fmt.Fprintf(&b, " + %d reserved", r.ReservedIPs)
	}
	if r.KeepFreeIPs > 0 {
		fmt.Fprintf(&b, ", and %d kept free for EKS upgrades", r.KeepFreeIPs)
	}
	fmt.Fprintf(&b, ", but has %d free.", r.FreeIPs)
	writePrefixShortfall(&b, r, u, role, packed)
	fmt.Fprintf(&b, " It holds at most %d %s; ", r.MaxNodes, plural(r.MaxNodes, "node", "nodes"))
	if r.SmallestFittingPrefixLength > 0 {
		fmt.Fprintf(&b, "a fresh /%d would.", r.SmallestFittingPrefixLength)
	} else {
		b.WriteString("no subnet up to a /16 holds them.")
	}
	return b.String()
}

// writePrefixShortfall writes the /28 blocks prefix delegation needs in the
// subnet, and how many it is short of.
func writePrefixShortfall(b *strings.Builder, r SubnetResult, u NodeUsage, role string, packed bool) {
	nodes := r.PlannedNodes + r.SurgeNodes
	if r.PrefixBlocksNeeded > 0 {
		fmt.Fprintf(b, " Prefix delegation also needs %d %s (%d %s per node); of the subnet's %d %s, the %s layout assumes %d are taken by single IPs (%d already in use, the rest nodes' and reserved IPs), leaving %d.",
			r.PrefixBlocksNeeded, plural(r.PrefixBlocksNeeded, "aligned free /28 block", "aligned free /28 blocks"), u.Prefixes, plural(u.Prefixes, "prefix", "prefixes"),
			r.PrefixEligibleBlocks, plural(r.PrefixEligibleBlocks, "eligible block", "eligible blocks"), layoutName(packed), r.PrefixBlocksSpoiled, r.UsableIPs-r.FreeIPs, max(0, r.PrefixEligibleBlocks-r.PrefixBlocksSpoiled))
	} else if u.PrefixDelegation && (role == "pod" || !u.CustomNetworking) {
		fmt.Fprintf(b, " Prefix delegation also needs %d %s (%d %s per node), taken from the prefix reservations (%d %s).",
			nodes*u.Prefixes, plural(nodes*u.Prefixes, "aligned free /28 block", "aligned free /28 blocks"), u.Prefixes, plural(u.Prefixes, "prefix", "prefixes"),
			r.PrefixEligibleBlocks, plural(r.PrefixEligibleBlocks, "eligible block", "eligible blocks"))
	}
	if r.ShortfallBlocks > 0 {
		fmt.Fprintf(b, " That is %d %s short.", r.ShortfallBlocks, plural(r.ShortfallBlocks, "/28 block", "/28 blocks"))
	}
}
