package sizing

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/ekssize/terraform-provider-ekssize/internal/ec2data"
)

// This file answers "does the whole cluster fit its subnets": every node
// group, Karpenter NodePool, Fargate pod, load balancer and endpoint sharing
// the subnets, per availability zone. It re-implements nothing: one node's
// addresses come from nodeIPsResolved (the ipamd replay), a subnet's fit from
// subnetGeometry.headroom (the same geometry as SubnetCapacity). A subnet's
// load is the sum of its groups' /28 prefixes and single IPs, evaluated once,
// so groups sharing a subnet interact exactly as one group's nodes do: their
// single IPs spoil the /28 blocks the others' prefixes need, and a cluster
// subnet keeps its 5 addresses free once, not once per group.

// Subnet roles in a cluster plan.
const (
	// SubnetRoleNode is a subnet nodes launch in (their primary ENI).
	SubnetRoleNode = "node"
	// SubnetRolePod is a secondary subnet pods take addresses from: the
	// ENIConfig subnet of its availability zone with custom networking, or a
	// subnet tagged kubernetes.io/role/cni for VPC CNI subnet discovery (1.18+).
	SubnetRolePod = "pod"
)

// Group kinds in a cluster plan.
const (
	GroupKindNodeGroup = "node_group"
	GroupKindNodePool  = "node_pool"
)

// Attribute names of the cluster plan's inputs.
const (
	FieldPlanSubnet                 = "subnet"
	FieldPlanNodeGroup              = "node_group"
	FieldPlanNodePool               = "node_pool"
	FieldAvailabilityZone           = "availability_zone"
	FieldSubnetRole                 = "role"
	FieldApplicationLoadBalancers   = "application_load_balancers"
	FieldNetworkLoadBalancers       = "network_load_balancers"
	FieldInterfaceEndpoints         = "interface_endpoints"
	FieldFargatePods                = "fargate_pods"
	FieldOtherIPs                   = "other_ips"
	FieldGroupName                  = "name"
	FieldInstanceTypes              = "instance_types"
	FieldMaxSize                    = "max_size"
	FieldNodeLimit                  = "node_limit"
	FieldGroupSubnets               = "subnets"
	FieldBlueGreen                  = "blue_green"
	subnetDiscoveryMinorVersion     = 18
	planGroupLimit                  = 1000
	planSubnetLimit                 = 1000
	planInstanceTypesPerGroupLimit  = 1000
	planSubnetDiscoveryMajorVersion = 1
)

// PlanSubnet is one subnet of a cluster plan.
type PlanSubnet struct {
	// SubnetSpec holds the CIDR, free count, reservations and cluster flag;
	// Name is required and unique (groups refer to subnets by name).
	SubnetSpec
	AvailabilityZone string
	// Role is SubnetRoleNode ("" means node) or SubnetRolePod.
	Role string
	// Reserved is what else takes addresses in this subnet.
	Reserved ReservedIPs
	// Unknown marks a subnet with a value not known yet (at validate time):
	// the checks that need it are skipped.
	Unknown bool
}

// PlanGroup is a managed node group or a Karpenter NodePool.
type PlanGroup struct {
	Name string
	// InstanceTypes are the candidate types; the plan sizes each availability
	// zone with the type taking the most addresses there.
	InstanceTypes []string
	// MaxNodes is a node group's max_size or a NodePool's node limit
	// (spec.limits.nodes).
	MaxNodes int
	// Subnets names the node subnets the group launches in, at most one per
	// availability zone; nil = every node subnet. One subnet pins the group
	// to its availability zone.
	Subnets []string
	// MaxPods, PodsPerNode and BranchPodsPerNode are as in NodeIPsInput.
	MaxPods           *int
	PodsPerNode       *int
	BranchPodsPerNode int
	// SurgeNodesPerSubnet is a node group's rolling-update surge per subnet
	// with nodes; nil = DefaultSurgeNodesPerSubnet. NodePools have none.
	SurgeNodesPerSubnet *int
	// OS is the group's own os ("linux" or "windows"); "" = the plan's
	// (Networking.OS). plan_os.go says which settings size each OS.
	OS string
	// Unknown marks a group with a value not known yet (validate time).
	Unknown bool
}

// PlanInput is the whole cluster's IP plan.
type PlanInput struct {
	Networking Networking
	Warm       WarmTargets
	Subnets    []PlanSubnet
	NodeGroups []PlanGroup
	NodePools  []PlanGroup
	// BlueGreen counts a second set of every node group and NodePool in the
	// same subnets, at max size (a cluster or node-group blue/green switch).
	BlueGreen bool
	// PrefixLayout is "scattered" (default) or "packed".
	PrefixLayout string
	// Windows is the amazon-vpc-cni ConfigMap's settings for the Windows
	// groups of a plan whose os is linux; nil = not given (plan_os.go).
	Windows *WindowsConfigMap
	// NetworkingUnknown marks networking, warm or Windows settings not known
	// yet.
	NetworkingUnknown bool
}

// PlanUse is what one group takes in one subnet.
type PlanUse struct {
	Kind         string
	Group        string
	InstanceType string
	// Nodes is the group's nodes taking addresses here (surge included).
	Nodes int
	// SurgeNodes is the rolling-update surge among Nodes.
	SurgeNodes int
	Prefixes   int
	IPs        int
}

// PlanSubnetResult is one subnet of the plan.
type PlanSubnetResult struct {
	Name                 string
	AvailabilityZone     string
	Role                 string
	CIDRBlock            string
	TotalIPs             int
	UsableIPs            int
	FreeIPs              int
	PrefixEligibleBlocks int
	// ReservedIPs is load balancers, endpoints, Fargate pods, other, and 6
	// for EKS's ENIs in a cluster subnet.
	ReservedIPs int
	KeepFreeIPs int
	Nodes       int
	// NodeIPs is the addresses the groups take (RequiredIPs - ReservedIPs).
	NodeIPs     int
	RequiredIPs int
	HeadroomIPs int
	Fits        bool
	// ShortfallIPs is max(0, -HeadroomIPs).
	ShortfallIPs int
	// ShortfallBlocks is the aligned /28 blocks the prefixes here lack under
	// the plan's layout (as SubnetResult.ShortfallBlocks); 0 without prefixes.
	ShortfallBlocks int
	// PrefixBlocksNeeded is the /28 blocks the groups' prefixes take here.
	PrefixBlocksNeeded int
	// PrefixBlocksAvailableScattered and PrefixBlocksAvailablePacked are the
	// eligible blocks left once single IPs are placed by each layout (the
	// conservative and the best bound); with prefix reservations, the
	// reservations' eligible blocks.
	PrefixBlocksAvailableScattered int
	PrefixBlocksAvailablePacked    int
	SmallestFittingPrefixLength    int
	Uses                           []PlanUse
}

// PlanAZResult sums an availability zone's subnets.
type PlanAZResult struct {
	AvailabilityZone string
	Nodes            int
	FreeIPs          int
	RequiredIPs      int
	HeadroomIPs      int
	ShortfallIPs     int
	Fits             bool
	// SmallestFittingPrefixLength is the longest prefix length of one fresh
	// subnet that would hold everything this zone's subnets hold (their
	// groups, reservations and kept-free addresses); 0 when a /16 would not.
	SmallestFittingPrefixLength int
}

// PlanGroupResult is one group's sizing.
type PlanGroupResult struct {
	Kind string
	Name string
	// OS is the group's os: its own, else the plan's.
	OS string
	// InstanceType is the worst candidate (most addresses per node); Usage is
	// its per-node consumption.
	InstanceType string
	Usage        NodeUsage
	// Nodes is every node counted (blue/green doubled), SurgeNodes the
	// rolling-update surge among them.
	Nodes      int
	SurgeNodes int
	// AvailabilityZones is where the group launches, in plan order.
	AvailabilityZones []string
}

// PlanResult is the whole plan.
type PlanResult struct {
	PrefixLayout      string
	Subnets           []PlanSubnetResult
	AvailabilityZones []PlanAZResult
	Groups            []PlanGroupResult
	Fits              bool
	ShortfallIPs      int
	// Shortfalls has one warning per subnet that does not fit, naming its
	// availability zone and the groups taking the most there.
	Shortfalls []Warning
}

// plan is the validated, resolved input.
type plan struct {
	r       Resolved
	warm    WarmTargets
	subnets []Subnet
	specs   []PlanSubnet
	byName  map[string]int
	azs     []string       // in order of first appearance
	azIndex map[string]int // AZ -> index in azs
	groups  []planGroup
	packed  bool
	// inNet and inWarm are the plan-level settings as given; linux and
	// windows are each OS's groups' settings (plan_os.go).
	inNet          Networking
	inWarm         WarmTargets
	linux, windows osProfile
	// warns are the plan-level warnings (checkPlanOSes).
	warns []Warning
}

type planGroup struct {
	kind, name string
	field      string // "node_group[1]"
	spec       PlanGroup
	types      []ec2data.Instance
	subnets    []int // node subnet indexes, one per AZ
	// os is the group's os ("" while the plan's is not known); prof the
	// settings it is sized with.
	os   string
	prof osProfile
	// usages and warns are each type's replayed node, filled when the
	// networking settings are known.
	usages []NodeUsage
	warns  []Warning
}

var (
	azNameRe = regexp.MustCompile(`^([a-z]{2}(?:-gov|-iso[a-z]?)?-[a-z]+-[0-9]+)(?:-[a-z]+-[0-9]+)?[a-z]$`)
	azIDRe   = regexp.MustCompile(`^[a-z]{3,5}[0-9]+-(?:[a-z]+[0-9]+-)?az[0-9]+$`)
)

// azRegion is the region of an availability zone name ("eu-west-1a" ->
// "eu-west-1", the local zone "us-west-2-lax-1a" -> "us-west-2"), or the
// "zone id" kind for IDs such as "euw1-az1"; ok is false for neither.
func azRegion(az string) (region string, isID, ok bool) {
	if m := azNameRe.FindStringSubmatch(az); m != nil {
		return m[1], false, true
	}
	if azIDRe.MatchString(az) {
		return strings.SplitN(az, "-", 2)[0], true, true
	}
	return "", false, false
}

// ValidatePlan checks a plan without sizing it: every rule Plan checks on its
// inputs, skipping those that need a value marked unknown. The provider runs
// it at terraform validate; Plan runs it first.
func ValidatePlan(in PlanInput) error {
	_, err := resolvePlan(in)
	return err
}

func resolvePlan(in PlanInput) (*plan, error) {
	p := &plan{byName: map[string]int{}, azIndex: map[string]int{}}
	layout := or(in.PrefixLayout, prefixLayoutScattered)
	if err := oneOf(fieldPrefixLayout, layout, prefixLayoutScattered, prefixLayoutPacked); err != nil {
		return nil, err
	}
	p.packed = layout == prefixLayoutPacked
	if !in.NetworkingUnknown {
		r, err := in.Networking.Validate()
		if err != nil {
			return nil, err
		}
		if _, err := in.Warm.Validate(); err != nil {
			return nil, err
		}
		p.r, p.warm = r, in.Warm
		p.inNet, p.inWarm = in.Networking, in.Warm
		if err := p.resolveProfiles(in); err != nil {
			return nil, err
		}
	}
	if err := p.resolveSubnets(in); err != nil {
		return nil, err
	}
	if err := p.resolveGroups(in); err != nil {
		return nil, err
	}
	return p, nil
}

func (p *plan) resolveSubnets(in PlanInput) error {
	if len(in.Subnets) == 0 {
		return inputErr(FieldPlanSubnet, "no subnet blocks; give at least one subnet block with its name, availability_zone and cidr_block")
	}
	if len(in.Subnets) > planSubnetLimit {
		return inputErr(FieldPlanSubnet, "%d subnet blocks; at most %d are supported", len(in.Subnets), planSubnetLimit)
	}
	anyPod := false
	var zones zoneConsistency
	p.specs = slices.Clone(in.Subnets)
	p.subnets = make([]Subnet, len(in.Subnets))
	for i, sp := range in.Subnets {
		path := fmt.Sprintf("%s[%d]", FieldPlanSubnet, i)
		role := or(sp.Role, SubnetRoleNode)
		if !sp.Unknown || sp.Role != "" {
			if err := oneOf(path+"."+FieldSubnetRole, role, SubnetRoleNode, SubnetRolePod); err != nil {
				return err
			}
		}
		p.specs[i].Role = role
		anyPod = anyPod || role == SubnetRolePod
		if sp.Unknown {
			continue
		}
		if err := p.resolveSubnet(in, i, path, &zones); err != nil {
			return err
		}
	}
	if anyPod && !in.NetworkingUnknown {
		return p.checkPodSubnetsAllowed()
	}
	return nil
}

// resolveSubnet checks and parses one known subnet: its name, its zone against
// the others', its CIDR and reservations, and overlaps with earlier subnets.
func (p *plan) resolveSubnet(in PlanInput, i int, path string, zones *zoneConsistency) error {
	sp := in.Subnets[i]
	if strings.TrimSpace(sp.Name) == "" {
		return inputErr(path+"."+fieldSubnetName, "%s.name is empty; give each subnet a unique name (such as its subnet ID or \"private-a\"): node_group and node_pool blocks refer to subnets by name", path)
	}
	if j, dup := p.byName[sp.Name]; dup {
		return inputErr(path+"."+fieldSubnetName, "%s.name %q is also the name of %s[%d]; subnet names must be unique, node_group and node_pool blocks refer to subnets by name", path, sp.Name, FieldPlanSubnet, j)
	}
	p.byName[sp.Name] = i
	if err := zones.check(path+"."+FieldAvailabilityZone, sp.AvailabilityZone); err != nil {
		return err
	}
	s, err := ParseSubnet(path, sp.SubnetSpec)
	if err != nil {
		return err
	}
	if err := sp.Reserved.validateAt(path); err != nil {
		return err
	}
	for j := range i {
		if !in.Subnets[j].Unknown && s.Overlaps(p.subnets[j]) {
			f := path + "." + FieldCIDRBlock
			return inputErr(f, "%s %s overlaps %s[%d] %s; subnets in a VPC cannot overlap, and each subnet is listed once", f, s.CIDR, FieldPlanSubnet, j, p.subnets[j].CIDR)
		}
	}
	p.subnets[i] = s
	if _, seen := p.azIndex[sp.AvailabilityZone]; !seen {
		p.azIndex[sp.AvailabilityZone] = len(p.azs)
		p.azs = append(p.azs, sp.AvailabilityZone)
	}
	return nil
}

// zoneConsistency checks that every subnet's zone is a zone name or ID, all
// of one form and in one region.
type zoneConsistency struct {
	first, firstField, region string
	isID                      bool
}

func (z *zoneConsistency) check(field, az string) error {
	region, isID, ok := azRegion(az)
	switch {
	case !ok:
		return inputErr(field, "%s %q is not an availability zone name such as \"eu-west-1a\" (aws_subnet.availability_zone) or a zone ID such as \"euw1-az1\" (availability_zone_id)", field, az)
	case z.first == "":
		*z = zoneConsistency{first: az, firstField: field, region: region, isID: isID}
	case isID != z.isID:
		return inputErr(field, "%s is %q but %s is %q; use zone names (availability_zone) or zone IDs (availability_zone_id) throughout, not both: the same zone has a different name in each account", field, az, z.firstField, z.first)
	case region != z.region:
		return inputErr(field, "%s %q is in %s but %s %q is in %s; an EKS cluster's subnets are all in one region", field, az, region, z.firstField, z.first, z.region)
	}
	return nil
}

// checkPodSubnetsAllowed: pod subnets need IPv4, and without custom
// networking they are subnet discovery subnets, which need VPC CNI 1.18.
func (p *plan) checkPodSubnetsAllowed() error {
	switch {
	case p.r.OS == osWindows:
		return inputErr(fieldOS, "subnets with role = \"pod\" are given but os is \"windows\": the VPC resource controller gives Windows pods addresses of the primary ENI, in the node's subnet, with neither custom networking nor subnet discovery; remove the pod subnets or use os = \"linux\"")
	case p.r.IPFamily == ipFamilyIPv6:
		return inputErr(fieldIPFamily, "subnets with role = \"pod\" are given but ip_family is \"ipv6\": IPv6 pods take IPv6 addresses from the node's subnet, with neither custom networking nor subnet discovery; remove the pod subnets or use ip_family = \"ipv4\"")
	case !p.r.CustomNetworking && !p.r.CNI.AtLeast(planSubnetDiscoveryMajorVersion, subnetDiscoveryMinorVersion):
		return inputErr(fieldCNIVersion, "subnets with role = \"pod\" are given without custom_networking, so they are subnet discovery subnets (tagged kubernetes.io/role/cni), which need VPC CNI 1.18.0 or later; cni_version is %q. Upgrade, or set custom_networking = true for ENIConfig subnets", p.r.CNI)
	}
	return nil
}

// validateAt runs ReservedIPs' checks for the counts given as a subnet's own
// attributes (subnet[2].fargate_pods rather than reserved.fargate_pods).
func (r ReservedIPs) validateAt(path string) error {
	err := r.validate()
	var ie *InputError
	if errors.As(err, &ie) {
		return inputErr(path+"."+strings.TrimPrefix(ie.Field, fieldReserved+"."), "%s.%s", path, strings.TrimPrefix(ie.Msg, fieldReserved+"."))
	}
	return err
}

func (p *plan) resolveGroups(in PlanInput) error {
	if len(in.NodeGroups)+len(in.NodePools) > planGroupLimit {
		return inputErr(FieldPlanNodeGroup, "%d node_group and node_pool blocks; at most %d are supported", len(in.NodeGroups)+len(in.NodePools), planGroupLimit)
	}
	names := map[string]string{}
	subnetsKnown := !slices.ContainsFunc(in.Subnets, func(s PlanSubnet) bool { return s.Unknown })
	planOS, groupsKnown := "", true
	if !in.NetworkingUnknown {
		planOS = p.r.OS
	}
	for _, kind := range []string{GroupKindNodeGroup, GroupKindNodePool} {
		list := in.NodeGroups
		if kind == GroupKindNodePool {
			list = in.NodePools
		}
		for i, g := range list {
			if g.Unknown {
				groupsKnown = false
				continue
			}
			pg := planGroup{kind: kind, name: g.Name, field: fmt.Sprintf("%s[%d]", kind, i), spec: g}
			if err := p.resolveGroup(&pg, names, planOS, subnetsKnown); err != nil {
				return err
			}
			p.groups = append(p.groups, pg)
		}
	}
	if groupsKnown && !in.NetworkingUnknown {
		if err := p.checkPlanOSes(in); err != nil {
			return err
		}
	}
	if subnetsKnown && !in.NetworkingUnknown && p.r.CustomNetworking {
		return p.checkOnePodSubnetPerZone()
	}
	return nil
}

// resolveGroup checks one known group and, with the networking settings
// known (planOS set), replays its candidate types: its own inputs, its os,
// and its subnets when every subnet is known.
func (p *plan) resolveGroup(g *planGroup, names map[string]string, planOS string, subnetsKnown bool) error {
	if err := g.checkSpec(names); err != nil {
		return err
	}
	if err := p.resolveGroupOS(g, planOS); err != nil {
		return err
	}
	if subnetsKnown {
		if err := p.resolveGroupSubnets(g); err != nil {
			return err
		}
	}
	if planOS == "" {
		return nil
	}
	return p.replayTypes(g)
}

// checkSpec checks a group's own inputs: a unique name, its instance types,
// its node count and its surge.
func (g *planGroup) checkSpec(names map[string]string) error {
	spec, field := g.spec, g.field
	if strings.TrimSpace(spec.Name) == "" {
		return inputErr(field+"."+FieldGroupName, "%s.name is empty; give each node_group and node_pool a unique name, used in the results and messages", field)
	}
	if other, dup := names[spec.Name]; dup {
		return inputErr(field+"."+FieldGroupName, "%s.name %q is also the name of %s; node_group and node_pool names must be unique", field, spec.Name, other)
	}
	names[spec.Name] = field
	if err := g.resolveTypes(); err != nil {
		return err
	}
	countField, what := field+"."+FieldMaxSize, "max_size, the node group's most nodes"
	if g.kind == GroupKindNodePool {
		countField, what = field+"."+FieldNodeLimit, "node_limit, the NodePool's spec.limits.nodes"
	}
	if spec.MaxNodes < 0 || spec.MaxNodes > inputCountLimit {
		return inputErr(countField, "%s is %d; it must be between 0 and %d (%s)", countField, spec.MaxNodes, inputCountLimit, what)
	}
	if spec.SurgeNodesPerSubnet == nil {
		return nil
	}
	f := field + "." + fieldSurgeNodesPerSubnet
	if g.kind == GroupKindNodePool {
		return inputErr(f, "%s is set on a node_pool; Karpenter replaces nodes within the NodePool's node limit, so a NodePool has no rolling-update surge (count replacements in node_limit)", f)
	}
	if *spec.SurgeNodesPerSubnet < 0 || *spec.SurgeNodesPerSubnet > inputCountLimit {
		return inputErr(f, "%s is %d; it must be between 0 and %d (extra nodes a rolling update adds per subnet)", f, *spec.SurgeNodesPerSubnet, inputCountLimit)
	}
	return nil
}

// replayTypes replays one node of each candidate type (once: validation and
// sizing share it).
func (p *plan) replayTypes(g *planGroup) error {
	for _, inst := range g.types {
		u, w, err := p.nodeUsage(*g, inst)
		if err != nil {
			return err
		}
		g.usages = append(g.usages, u)
		g.warns = appendNew(g.warns, w...)
	}
	return nil
}

// checkOnePodSubnetPerZone: with custom networking and
// ENI_CONFIG_LABEL_DEF=topology.kubernetes.io/zone there is one ENIConfig, so
// one pod subnet, per availability zone with Linux nodes (Windows nodes take
// their addresses in their node subnet: plan_os.go).
func (p *plan) checkOnePodSubnetPerZone() error {
	for _, g := range p.groups {
		if g.os == osWindows {
			continue
		}
		for _, si := range g.subnets {
			az := p.specs[si].AvailabilityZone
			if n := len(p.podSubnets(az)); n != 1 {
				return inputErr(g.field+"."+FieldGroupSubnets, "%s %q launches nodes in %s, which has %d subnets with role = \"pod\"; with custom_networking each availability zone's ENIConfig names exactly one pod subnet, so give one subnet block with role = \"pod\" in %s", g.kind, g.name, az, n, az)
			}
		}
	}
	return nil
}

func (g *planGroup) resolveTypes() error {
	f := g.field + "." + FieldInstanceTypes
	if len(g.spec.InstanceTypes) == 0 {
		return inputErr(f, "%s is empty; give at least one instance type such as \"m5.large\" (the plan sizes each zone with the type taking the most addresses)", f)
	}
	if len(g.spec.InstanceTypes) > planInstanceTypesPerGroupLimit {
		return inputErr(f, "%s has %d types; at most %d are supported", f, len(g.spec.InstanceTypes), planInstanceTypesPerGroupLimit)
	}
	for j, name := range g.spec.InstanceTypes {
		inst, err := ResolveInstance(&name, nil)
		if err != nil {
			// The plan takes table types only: drop the lookup's hint about
			// the instance object, which only single-type data sources take.
			msg, _, _ := strings.Cut(err.Error(), " For a type newer than the table")
			return inputErr(fmt.Sprintf("%s[%d]", f, j), "%s[%d]: %s The cluster plan takes types from the table only; size a newer type with ekssize_subnet_capacity and its instance object.", f, j, msg)
		}
		if slices.ContainsFunc(g.types, func(o ec2data.Instance) bool { return o.Name == inst.Name }) {
			return inputErr(fmt.Sprintf("%s[%d]", f, j), "%s[%d] %q is listed twice; list each instance type once", f, j, name)
		}
		g.types = append(g.types, inst)
	}
	return nil
}

func (p *plan) resolveGroupSubnets(g *planGroup) error {
	f := g.field + "." + FieldGroupSubnets
	how := fmt.Sprintf("%s %q launches in", g.kind, g.name)
	if g.spec.Subnets == nil {
		how = fmt.Sprintf("%s is not set, so %s %q launches in every node subnet, and", f, g.kind, g.name)
	}
	seenAZ := map[string]string{}
	add := func(si int, ref string) error {
		sp := p.specs[si]
		if sp.Role != SubnetRoleNode {
			return inputErr(f, "%s names %q, a subnet with role = %q; nodes launch in node subnets, and pods take addresses from pod subnets by themselves (custom networking or subnet discovery), so name only role = \"node\" subnets", f, ref, sp.Role)
		}
		if other, dup := seenAZ[sp.AvailabilityZone]; dup {
			return inputErr(f, "%s %s has two node subnets (%q and %q); an Auto Scaling group or Karpenter balances nodes across availability zones, not subnets, so give the group one node subnet per zone", how, sp.AvailabilityZone, other, sp.Name)
		}
		seenAZ[sp.AvailabilityZone] = sp.Name
		g.subnets = append(g.subnets, si)
		return nil
	}
	if g.spec.Subnets == nil {
		for si, sp := range p.specs {
			if sp.Role != SubnetRoleNode {
				continue
			}
			if err := add(si, sp.Name); err != nil {
				return err
			}
		}
		if len(g.subnets) == 0 {
			return inputErr(f, "%s %q has no subnet to launch in: no subnet block has role = \"node\"", g.kind, g.name)
		}
		return nil
	}
	if len(g.spec.Subnets) == 0 {
		return inputErr(f, "%s is empty; name the node subnets %s %q launches in (one per availability zone), or leave subnets unset for every node subnet", f, g.kind, g.name)
	}
	for _, ref := range g.spec.Subnets {
		si, ok := p.byName[ref]
		if !ok {
			known := make([]string, 0, len(p.byName))
			for _, sp := range p.specs {
				known = append(known, sp.Name)
			}
			return inputErr(f, "%s names %q, but no subnet block has that name; subnet names are %s", f, ref, quoteList(known))
		}
		if err := add(si, ref); err != nil {
			return err
		}
	}
	return nil
}

// podSubnets is the role = "pod" subnets of an availability zone.
func (p *plan) podSubnets(az string) []int {
	var out []int
	for i, sp := range p.specs {
		if sp.Role == SubnetRolePod && sp.AvailabilityZone == az {
			out = append(out, i)
		}
	}
	return out
}

// groupFields are the per-node inputs a group sets; errors and warnings on
// them are moved under the group's path.
var groupFields = map[string]bool{FieldMaxPods: true, FieldPodsPerNode: true, fieldBranchPodsPerNode: true}

// nodeUsage is one node's consumption for a candidate type of a group, with
// errors and warnings moved onto the group's attribute paths.
func (p *plan) nodeUsage(g planGroup, inst ec2data.Instance) (NodeUsage, []Warning, error) {
	u, warns, err := nodeIPsResolved(NodeIPsInput{
		Instance: inst, Warm: g.prof.warm, MaxPods: g.spec.MaxPods, PodsPerNode: g.spec.PodsPerNode,
		BranchPodsPerNode: g.spec.BranchPodsPerNode, windowsFieldPrefix: g.prof.prefix,
	}, g.prof.r)
	if err != nil {
		return u, nil, g.moveGroupError(err, inst.Name)
	}
	for i := range warns {
		if field, moved := g.groupField(warns[i].Field); moved {
			warns[i].Field = field
			warns[i].Detail = fmt.Sprintf("%s %q, instance type %s: %s", g.kind, g.name, inst.Name, warns[i].Detail)
		}
	}
	return u, warns, nil
}

// chunk is addresses placed together: one ENI's primary IP and its
// secondary IPs or prefixes, or a node's share of a subnet.
type chunk = subnetShare

// planLoad accumulates what lands in one subnet.
type planLoad struct {
	share    subnetShare
	nodes    int
	uses     []PlanUse
	placed   int // IPs placed so far (subnet discovery's greedy choice)
	reserved int
	keep     int
}

func (l *planLoad) add(g planGroup, inst string, nodes, surge int, sh subnetShare) {
	l.share.prefixes += sh.prefixes
	l.share.singles += sh.singles
	l.placed += sh.ips()
	for i := range l.uses {
		u := &l.uses[i]
		if u.Kind == g.kind && u.Group == g.name {
			u.Nodes += nodes
			u.SurgeNodes += surge
			u.Prefixes += sh.prefixes
			u.IPs += sh.ips()
			return
		}
	}
	l.uses = append(l.uses, PlanUse{Kind: g.kind, Group: g.name, InstanceType: inst, Nodes: nodes, SurgeNodes: surge, Prefixes: sh.prefixes, IPs: sh.ips()})
}

// Plan sizes the whole cluster's IP plan. For each group it replays one node
// of every candidate type (NodeIPs) and keeps the type taking the most
// addresses (ties: the most /28 prefixes), spreads max size evenly over the
// group's subnets (earlier subnets first, like ekssize_subnet_capacity), adds
// the rolling-update surge of node groups, and doubles everything for a
// blue/green switch. Where each node's addresses land:
//
//	no pod subnets:      all in the node's subnet
//	custom networking:   the primary ENI's address in the node subnet, the rest in the zone's pod subnet (ENIConfig)
//	subnet discovery:    the primary ENI and its secondary IPs or prefixes in the node subnet; each further ENI
//	                     (and the trunk ENI with its branch ENIs) in whichever of the node subnet and the zone's
//	                     pod subnets has the most free addresses when it is created, as ipamd's createENI does
//	                     (VPC CNI v1.23.2 pkg/awsutils: DescribeSubnets sorted by AvailableIpAddressCount)
//
// Every subnet's load (its groups' prefixes and single IPs, reservations and
// kept-free addresses) is then checked once with SubnetCapacity's geometry.
func Plan(in PlanInput) (PlanResult, []Warning, error) {
	var res PlanResult
	// Everything is known when sizing: clear the validate-time marks on copies.
	in.NetworkingUnknown = false
	in.Subnets = slices.Clone(in.Subnets)
	for i := range in.Subnets {
		in.Subnets[i].Unknown = false
	}
	in.NodeGroups, in.NodePools = known(in.NodeGroups), known(in.NodePools)
	p, err := resolvePlan(in)
	if err != nil {
		return res, nil, err
	}
	res.PrefixLayout = layoutName(p.packed)
	loads := p.initialLoads()
	warns := slices.Clone(p.warns)
	var discovery []deferredENIs
	for _, g := range p.groups {
		warns = appendNew(warns, g.warns...)
		gr, deferred := p.placeGroup(g, in.BlueGreen, loads)
		res.Groups = append(res.Groups, gr)
		discovery = append(discovery, deferred...)
	}
	p.placeDiscoveredENIs(discovery, loads)
	p.summarize(&res, loads)
	return res, warns, nil
}

// deferredENIs are one group's further ENIs in one zone, placed by subnet
// discovery once every node is up.
type deferredENIs struct {
	g      planGroup
	inst   string
	node   int // node subnet
	nodes  int
	chunks []chunk
}

// initialLoads is each subnet's reservations before any node.
func (p *plan) initialLoads() []planLoad {
	loads := make([]planLoad, len(p.subnets))
	for i, s := range p.subnets {
		loads[i].reserved = p.specs[i].Reserved.IPs()
		if s.ClusterSubnet {
			loads[i].reserved += clusterSubnetENIIPs
			loads[i].keep = clusterSubnetKeepFree
		}
		loads[i].placed = loads[i].reserved
	}
	return loads
}

// worst is the candidate type taking the most addresses per node (ties: the
// most prefixes, then the first listed).
func (g planGroup) worst() (NodeUsage, ec2data.Instance) {
	var worst NodeUsage
	var worstInst ec2data.Instance
	for j, inst := range g.types {
		u := g.usages[j]
		a, b := u.NodeSubnetIPs+u.PodSubnetIPs, worst.NodeSubnetIPs+worst.PodSubnetIPs
		if j == 0 || a > b || (a == b && u.Prefixes > worst.Prefixes) {
			worst, worstInst = u, inst
		}
	}
	return worst, worstInst
}

// surgePerSubnet is a node group's rolling-update surge; none for NodePools
// and during a blue/green switch.
func (g planGroup) surgePerSubnet(blueGreen bool) int {
	if g.kind != GroupKindNodeGroup || blueGreen {
		return 0
	}
	if g.spec.SurgeNodesPerSubnet != nil {
		return *g.spec.SurgeNodesPerSubnet
	}
	return defaultSurgeNodesPerSubnet
}

// placeGroup spreads a group's nodes over its subnets and adds what they take
// to the loads; further ENIs under subnet discovery are returned for later.
func (p *plan) placeGroup(g planGroup, blueGreen bool, loads []planLoad) (PlanGroupResult, []deferredENIs) {
	worst, worstInst := g.worst()
	gr := PlanGroupResult{Kind: g.kind, Name: g.name, OS: g.os, InstanceType: worstInst.Name, Usage: worst}
	surgePer := g.surgePerSubnet(blueGreen)
	var deferred []deferredENIs
	k := len(g.subnets)
	for idx, si := range g.subnets {
		planned := g.spec.MaxNodes / k
		if idx < g.spec.MaxNodes%k {
			planned++
		}
		surge := 0
		if planned > 0 {
			surge = surgePer
		}
		if blueGreen {
			planned *= 2
		}
		n := planned + surge
		gr.Nodes += n
		gr.SurgeNodes += surge
		az := p.specs[si].AvailabilityZone
		gr.AvailabilityZones = append(gr.AvailabilityZones, az)
		pods := p.podSubnets(az)
		nodeShare := worst.nodeShare()
		switch {
		case worst.CustomNetworking:
			loads[pods[0]].add(g, worstInst.Name, n, surge, scale(worst.podShare(), n))
		case len(pods) > 0 && !worst.IPv6 && g.os != osWindows:
			var rest []chunk
			nodeShare, rest = discoveryChunks(worst, worstInst)
			if len(rest) > 0 {
				deferred = append(deferred, deferredENIs{g: g, inst: worstInst.Name, node: si, nodes: n, chunks: rest})
			}
		}
		loads[si].add(g, worstInst.Name, n, surge, scale(nodeShare, n))
		loads[si].nodes += n
	}
	return gr, deferred
}

// placeDiscoveredENIs places subnet discovery's further ENIs: the nodes are up
// (primary ENIs placed), and each further ENI goes where the most addresses
// are free at that moment, ties to the node subnet.
func (p *plan) placeDiscoveredENIs(discovery []deferredENIs, loads []planLoad) {
	for _, d := range discovery {
		cands := append([]int{d.node}, p.podSubnets(p.specs[d.node].AvailabilityZone)...)
		counted := map[int]bool{}
		for range d.nodes {
			clear(counted)
			for _, c := range d.chunks {
				best := cands[0]
				for _, ci := range cands[1:] {
					if p.subnets[ci].FreeIPs()-loads[ci].placed > p.subnets[best].FreeIPs()-loads[best].placed {
						best = ci
					}
				}
				nodes := 0
				if !counted[best] && best != d.node {
					nodes, counted[best] = 1, true
				}
				loads[best].add(d.g, d.inst, nodes, 0, c)
			}
		}
	}
}

// summarize checks every subnet's load, sums the zones and names the short
// subnets.
func (p *plan) summarize(res *PlanResult, loads []planLoad) {
	res.Fits = true
	azs := make([]PlanAZResult, len(p.azs))
	azLoad := make([]planLoad, len(p.azs))
	for i := range azs {
		azs[i] = PlanAZResult{AvailabilityZone: p.azs[i], Fits: true}
	}
	for i, s := range p.subnets {
		l := loads[i]
		sr := p.evalLoad(i, s, l)
		res.Subnets = append(res.Subnets, sr)
		a := p.azIndex[sr.AvailabilityZone]
		az := &azs[a]
		az.Nodes += sr.Nodes
		az.FreeIPs += sr.FreeIPs
		az.RequiredIPs += sr.RequiredIPs
		az.HeadroomIPs += sr.HeadroomIPs
		az.ShortfallIPs += sr.ShortfallIPs
		az.Fits = az.Fits && sr.Fits
		azLoad[a].share.prefixes += l.share.prefixes
		azLoad[a].share.singles += l.share.singles
		azLoad[a].reserved += l.reserved
		azLoad[a].keep = max(azLoad[a].keep, l.keep)
		if !sr.Fits {
			res.Fits = false
			res.ShortfallIPs += sr.ShortfallIPs
			res.Shortfalls = append(res.Shortfalls, p.shortfall(i, sr))
		}
	}
	for i := range azs {
		l := azLoad[i]
		azs[i].SmallestFittingPrefixLength = p.smallestFitting(l.share, l.reserved, l.keep)
	}
	res.AvailabilityZones = azs
}

func known(gs []PlanGroup) []PlanGroup {
	out := slices.Clone(gs)
	for i := range out {
		out[i].Unknown = false
	}
	return out
}

func scale(sh subnetShare, n int) subnetShare {
	return subnetShare{prefixes: sh.prefixes * n, singles: sh.singles * n}
}

// discoveryChunks splits one node's addresses for subnet discovery: the
// primary ENI (its own address and its secondary IPs or prefixes), which
// stays in the node's subnet, and each further ENI, placed on its own. ipamd
// fills ENIs in attachment order, so every ENI but the last is full; the trunk
// ENI (security groups for pods) carries its branch ENIs' addresses, which the
// VPC resource controller creates in the trunk's subnet.
func discoveryChunks(u NodeUsage, inst ec2data.Instance) (subnetShare, []chunk) {
	slots := inst.SecondaryIPsPerENI()
	units := u.SecondaryIPs
	if u.PrefixDelegation {
		units = u.Prefixes
	}
	unitShare := func(k int) subnetShare {
		if u.PrefixDelegation {
			return subnetShare{prefixes: k, singles: 1}
		}
		return subnetShare{singles: 1 + k}
	}
	first := min(units, slots)
	primary := unitShare(first)
	left := units - first
	var rest []chunk
	for e := 1; e < u.PodENIs; e++ {
		k := min(left, slots)
		rest = append(rest, unitShare(k))
		left -= k
	}
	if u.TrunkENI > 0 {
		rest = append(rest, subnetShare{singles: 1 + u.BranchPodsPerNode})
	}
	return primary, rest
}

func (p *plan) evalLoad(i int, s Subnet, l planLoad) PlanSubnetResult {
	g := geometryOf(s)
	sp := p.specs[i]
	r := PlanSubnetResult{
		Name:                 s.Name,
		AvailabilityZone:     sp.AvailabilityZone,
		Role:                 sp.Role,
		CIDRBlock:            s.CIDR.String(),
		TotalIPs:             s.TotalIPs(),
		UsableIPs:            s.UsableIPs(),
		FreeIPs:              s.FreeIPs(),
		PrefixEligibleBlocks: s.PrefixBlocksAvailable(),
		ReservedIPs:          l.reserved,
		KeepFreeIPs:          l.keep,
		Nodes:                l.nodes,
		NodeIPs:              l.share.ips(),
		RequiredIPs:          l.share.ips() + l.reserved,
		HeadroomIPs:          g.headroom(l.share, 1, l.reserved, l.keep, p.packed),
		PrefixBlocksNeeded:   l.share.prefixes,
		Uses:                 l.uses,
	}
	if g.reservations {
		r.PrefixBlocksAvailableScattered = g.resBlocks
		r.PrefixBlocksAvailablePacked = g.resBlocks
	} else {
		singles := l.share.singles + l.reserved
		r.PrefixBlocksAvailableScattered = max(0, g.eligible-g.spoiled(singles, false))
		r.PrefixBlocksAvailablePacked = max(0, g.eligible-g.spoiled(singles, true))
	}
	r.Fits = r.HeadroomIPs >= 0
	r.ShortfallIPs = max(0, -r.HeadroomIPs)
	if l.share.prefixes > 0 {
		r.ShortfallBlocks = max(0, g.blocksShort(l.share, 1, l.reserved, p.packed))
	}
	r.SmallestFittingPrefixLength = p.smallestFitting(l.share, l.reserved, l.keep)
	return r
}

func (p *plan) smallestFitting(sh subnetShare, reserved, keep int) int {
	return smallestFittingPrefixLength(func(usable, eligible int) bool {
		fresh := subnetGeometry{free: usable, eligible: eligible}
		return fresh.headroom(sh, 1, reserved, keep, p.packed) >= 0
	})
}

// shortfall names the zone, the subnet and what takes its addresses.
func (p *plan) shortfall(i int, r PlanSubnetResult) Warning {
	var takers []string
	uses := slices.Clone(r.Uses)
	slices.SortStableFunc(uses, func(a, b PlanUse) int { return b.IPs - a.IPs })
	for _, u := range uses {
		t := fmt.Sprintf("%s %q (%s) %d IPs", u.Kind, u.Group, u.InstanceType, u.IPs)
		if u.Nodes > 0 {
			t += fmt.Sprintf(" for %d %s", u.Nodes, plural(u.Nodes, "node", "nodes"))
			if u.SurgeNodes > 0 {
				t += fmt.Sprintf(" (%d of them surge)", u.SurgeNodes)
			}
		}
		takers = append(takers, t)
	}
	res := p.specs[i].Reserved
	for _, c := range []struct {
		n, per    int
		one, many string
	}{
		{res.ApplicationLoadBalancers, ipsPerApplicationLoadBalancer, "ALB", "ALBs"},
		{res.NetworkLoadBalancers, ipsPerNetworkLoadBalancer, "NLB", "NLBs"},
		{res.InterfaceEndpoints, ipsPerInterfaceEndpoint, "interface endpoint", "interface endpoints"},
		{res.FargatePods, ipsPerFargatePod, "Fargate pod", "Fargate pods"},
		{res.OtherIPs, 1, "other address", "other addresses"},
	} {
		if c.n > 0 {
			takers = append(takers, fmt.Sprintf("%d IPs for %d %s", c.n*c.per, c.n, plural(c.n, c.one, c.many)))
		}
	}
	if p.subnets[i].ClusterSubnet {
		takers = append(takers, fmt.Sprintf("%d IPs for EKS's control plane ENIs", clusterSubnetENIIPs))
	}
	if len(takers) == 0 {
		takers = append(takers, "nothing")
	}
	keep := ""
	if r.KeepFreeIPs > 0 {
		keep = fmt.Sprintf(", and keeps %d free for EKS upgrades", r.KeepFreeIPs)
	}
	blocks := ""
	if r.PrefixBlocksNeeded > 0 {
		avail := r.PrefixBlocksAvailableScattered
		if p.packed {
			avail = r.PrefixBlocksAvailablePacked
		}
		blocks = fmt.Sprintf(" Prefix delegation needs %d aligned free /28 blocks here; the %s layout leaves %d of the %d eligible blocks once single IPs are placed",
			r.PrefixBlocksNeeded, layoutName(p.packed), avail, r.PrefixEligibleBlocks)
		if r.ShortfallBlocks > 0 {
			blocks += fmt.Sprintf(": %d /28 blocks short", r.ShortfallBlocks)
		}
		blocks += "."
	}
	fit := "no subnet up to a /16 would hold it"
	if r.SmallestFittingPrefixLength > 0 {
		fit = fmt.Sprintf("a fresh /%d would hold it", r.SmallestFittingPrefixLength)
	}
	return Warning{
		Field:   fmt.Sprintf("%s[%d]", FieldPlanSubnet, i),
		Summary: "Subnet too small for the cluster's IP plan",
		Detail: fmt.Sprintf("In %s, %s subnet %s is %d IPs short: it needs %d IPs (%s)%s, but has %d free.%s %s.",
			r.AvailabilityZone, r.Role, p.subnets[i].Label(), r.ShortfallIPs, r.RequiredIPs, strings.Join(takers, "; "), keep, r.FreeIPs, blocks, capitalize(fit)),
	}
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// appendNew appends warnings not already present (the same setting warns
// once, not once per group and type).
func appendNew(dst []Warning, ws ...Warning) []Warning {
	for _, w := range ws {
		if !slices.Contains(dst, w) {
			dst = append(dst, w)
		}
	}
	return dst
}
