package sizing

import (
	"errors"
	"strings"
	"testing"
)

func threeAZs(cidrs ...string) []PlanSubnet {
	out := make([]PlanSubnet, len(cidrs))
	for i, c := range cidrs {
		az := "eu-west-1" + string(rune('a'+i))
		out[i] = PlanSubnet{SubnetSpec: SubnetSpec{Name: "private-" + az[len(az)-1:], CIDRBlock: c}, AvailabilityZone: az}
	}
	return out
}

func mustPlan(t *testing.T, in PlanInput) PlanResult {
	t.Helper()
	res, _, err := Plan(in)
	if err != nil {
		t.Fatalf("Plan: %v", err)
	}
	return res
}

// One group alone in its subnets is exactly ekssize_subnet_capacity's read.
func TestPlanOneGroupEqualsSubnetCapacity(t *testing.T) {
	for _, tc := range []struct {
		name string
		net  Networking
		pods *int
	}{
		{"secondary IPs", Networking{}, nil},
		{"prefix delegation", Networking{PrefixDelegation: true}, ptr(40)},
		{"security groups for pods", Networking{SecurityGroupsForPods: true}, ptr(16)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cidrs := []string{"10.0.0.0/24", "10.0.1.0/25", "10.0.2.0/24"}
			res := mustPlan(t, PlanInput{Networking: tc.net, Subnets: threeAZs(cidrs...),
				NodeGroups: []PlanGroup{{Name: "a", InstanceTypes: []string{"m5.large"}, MaxNodes: 10, PodsPerNode: tc.pods}}})
			single, _, err := SubnetCapacity(SubnetCapacityInput{
				NodeIPsInput: NodeIPsInput{Instance: mustLookup("m5.large"), Networking: tc.net, PodsPerNode: tc.pods},
				Subnets:      subnets(cidrs...), NodeCount: 10})
			if err != nil {
				t.Fatal(err)
			}
			for i, s := range single.Subnets {
				got := res.Subnets[i]
				if got.RequiredIPs != s.RequiredIPs || got.HeadroomIPs != s.HeadroomIPs || got.Fits != s.Fits ||
					got.SmallestFittingPrefixLength != s.SmallestFittingPrefixLength || got.Nodes != s.PlannedNodes+s.SurgeNodes {
					t.Errorf("subnet %d: plan %+v, subnet_capacity %+v", i, got, s)
				}
			}
			if res.Fits != single.Fits || res.ShortfallIPs != single.ShortfallIPs {
				t.Errorf("fits %v/%v shortfall %d/%d", res.Fits, single.Fits, res.ShortfallIPs, single.ShortfallIPs)
			}
		})
	}
	// The worked numbers: m5.large, 27 pods: 3 ENIs x 10 = 30 IPs; 10 nodes
	// over 3 zones are 4, 3, 3, each + 2 surge.
	res := mustPlan(t, PlanInput{Subnets: threeAZs("10.0.0.0/24", "10.0.1.0/24", "10.0.2.0/24"),
		NodeGroups: []PlanGroup{{Name: "a", InstanceTypes: []string{"m5.large"}, MaxNodes: 10}}})
	for i, want := range []int{180, 150, 150} {
		if got := res.Subnets[i].RequiredIPs; got != want {
			t.Errorf("subnet %d required %d, want %d", i, got, want)
		}
		if got := res.Subnets[i].HeadroomIPs; got != 251-want {
			t.Errorf("subnet %d headroom %d, want %d", i, got, 251-want)
		}
	}
}

// Groups that do not interact (secondary IPs, no cluster subnet): each
// subnet's required IPs are the sum of the single-group reads, and headroom
// is free minus that sum.
func TestPlanSumOfSingleGroupReads(t *testing.T) {
	cidrs := []string{"10.0.0.0/23", "10.0.2.0/23", "10.0.4.0/23"}
	groups := []PlanGroup{
		{Name: "system", InstanceTypes: []string{"m5.large"}, MaxNodes: 6},
		{Name: "web", InstanceTypes: []string{"c5.xlarge"}, MaxNodes: 7, SurgeNodesPerSubnet: ptr(1)},
		{Name: "batch", InstanceTypes: []string{"m5.2xlarge"}, MaxNodes: 3, PodsPerNode: ptr(30)},
	}
	alb := ReservedIPs{ApplicationLoadBalancers: 1, FargatePods: 5}
	sn := threeAZs(cidrs...)
	for i := range sn {
		sn[i].Reserved = alb
	}
	res := mustPlan(t, PlanInput{Subnets: sn, NodeGroups: groups})
	sum := make([]int, 3)
	for _, g := range groups {
		single, _, err := SubnetCapacity(SubnetCapacityInput{
			NodeIPsInput: NodeIPsInput{Instance: mustLookup(g.InstanceTypes[0]), PodsPerNode: g.PodsPerNode},
			Subnets:      subnets(cidrs...), NodeCount: g.MaxNodes, SurgeNodesPerSubnet: g.SurgeNodesPerSubnet})
		if err != nil {
			t.Fatal(err)
		}
		for i, s := range single.Subnets {
			sum[i] += s.RequiredIPs
		}
	}
	for i := range sum {
		got := res.Subnets[i]
		if got.RequiredIPs != sum[i]+alb.IPs() || got.HeadroomIPs != 507-sum[i]-alb.IPs() {
			t.Errorf("subnet %d: required %d headroom %d, want %d and %d", i, got.RequiredIPs, got.HeadroomIPs, sum[i]+alb.IPs(), 507-sum[i]-alb.IPs())
		}
		if len(got.Uses) != 3 {
			t.Errorf("subnet %d uses %+v", i, got.Uses)
		}
	}
	// Worked: zone a holds system (2 + 2 surge) x 30, web (3 + 1) x 60 and
	// batch (1 + 2) x 60 (m5.2xlarge, 30 pods: ceil(30/14) + 1 = 4 ENIs x 15),
	// plus 8 for the ALB and 5 Fargate pods: 553 in a /23 with 507 free.
	if az := res.AvailabilityZones[0]; az.RequiredIPs != 553 || az.HeadroomIPs != -46 || az.Fits || az.Nodes != 11 {
		t.Errorf("zone a %+v", az)
	}
}

// A cluster subnet reserves 6 addresses for EKS's ENIs and keeps 5 free once,
// however many groups share it.
func TestPlanClusterSubnetKeptFreeOnce(t *testing.T) {
	sn := []PlanSubnet{{SubnetSpec: SubnetSpec{Name: "a", CIDRBlock: "10.0.0.0/24", ClusterSubnet: true}, AvailabilityZone: "eu-west-1a"}}
	zero := ptr(0)
	res := mustPlan(t, PlanInput{Subnets: sn, NodeGroups: []PlanGroup{
		{Name: "one", InstanceTypes: []string{"m5.large"}, MaxNodes: 1, SurgeNodesPerSubnet: zero},
		{Name: "two", InstanceTypes: []string{"m5.large"}, MaxNodes: 1, SurgeNodesPerSubnet: zero},
	}})
	s := res.Subnets[0]
	// 2 nodes x 30 + 6 EKS ENI IPs = 66; 251 - 66 - 5 kept free = 180.
	if s.RequiredIPs != 66 || s.ReservedIPs != 6 || s.KeepFreeIPs != 5 || s.HeadroomIPs != 180 {
		t.Errorf("got required %d reserved %d keep %d headroom %d, want 66, 6, 5, 180", s.RequiredIPs, s.ReservedIPs, s.KeepFreeIPs, s.HeadroomIPs)
	}
	// Two single-group reads would count the 6 and the 5 twice: 251 - 2 x (30 + 6 + 5) = 169.
	single, _, _ := SubnetCapacity(SubnetCapacityInput{NodeIPsInput: NodeIPsInput{Instance: mustLookup("m5.large")},
		Subnets: []SubnetSpec{{CIDRBlock: "10.0.0.0/24", ClusterSubnet: true}}, NodeCount: 1, SurgeNodesPerSubnet: zero})
	if h := single.Subnets[0].HeadroomIPs; h != 210 {
		t.Errorf("single read headroom %d, want 210", h)
	}
}

// Prefix delegation in a shared /25 (6 eligible /28 blocks): each m5.large
// node with 10 pods takes 2 prefixes and its ENI's primary IP. Alone, one node
// leaves 48 IPs (3 spare blocks); each group's single IP spoils a block the
// others' prefixes need, so three groups of one node are 48 IPs short
// (scattered) although 24 addresses are still free, and fit exactly when
// single IPs pack into the edge blocks.
func TestPlanSharedSubnetFragmentation(t *testing.T) {
	pd := Networking{PrefixDelegation: true}
	sn := []PlanSubnet{{SubnetSpec: SubnetSpec{Name: "a", CIDRBlock: "10.0.0.0/25"}, AvailabilityZone: "eu-west-1a"}}
	g := func(name string) PlanGroup {
		return PlanGroup{Name: name, InstanceTypes: []string{"m5.large"}, MaxNodes: 1, PodsPerNode: ptr(10), SurgeNodesPerSubnet: ptr(0)}
	}
	for _, tc := range []struct {
		groups                   []PlanGroup
		layout                   string
		headroom, scattered, pkd int
	}{
		{[]PlanGroup{g("one")}, "", 48, 5, 6},
		{[]PlanGroup{g("one"), g("two")}, "", 0, 4, 6},
		{[]PlanGroup{g("one"), g("two"), g("three")}, "", -48, 3, 6},
		{[]PlanGroup{g("one"), g("two"), g("three")}, prefixLayoutPacked, 0, 3, 6},
	} {
		res := mustPlan(t, PlanInput{Networking: pd, Subnets: sn, NodeGroups: tc.groups, PrefixLayout: tc.layout})
		s := res.Subnets[0]
		n := len(tc.groups)
		if s.RequiredIPs != 33*n || s.PrefixBlocksNeeded != 2*n || s.HeadroomIPs != tc.headroom ||
			s.PrefixBlocksAvailableScattered != tc.scattered || s.PrefixBlocksAvailablePacked != tc.pkd {
			t.Errorf("%d groups %q: required %d blocks %d headroom %d available %d/%d, want %d %d %d %d/%d", n, tc.layout,
				s.RequiredIPs, s.PrefixBlocksNeeded, s.HeadroomIPs, s.PrefixBlocksAvailableScattered, s.PrefixBlocksAvailablePacked,
				33*n, 2*n, tc.headroom, tc.scattered, tc.pkd)
		}
	}
	res, _, _ := Plan(PlanInput{Networking: pd, Subnets: sn, NodeGroups: []PlanGroup{g("one"), g("two"), g("three")}})
	if res.Fits || res.ShortfallIPs != 48 || len(res.Shortfalls) != 1 || res.Subnets[0].ShortfallBlocks != 3 {
		t.Fatalf("fits %v shortfall %d %+v", res.Fits, res.ShortfallIPs, res.Shortfalls)
	}
	w := res.Shortfalls[0]
	for _, want := range []string{"In eu-west-1a, node subnet \"a\" (10.0.0.0/25) is 48 IPs short", "needs 99 IPs",
		`node_group "one" (m5.large) 33 IPs for 1 node`, "needs 6 aligned free /28 blocks here; the scattered layout leaves 3 of the 6 eligible blocks once single IPs are placed: 3 /28 blocks short."} {
		if !strings.Contains(w.Detail, want) {
			t.Errorf("shortfall detail %q lacks %q", w.Detail, want)
		}
	}
	if w.Field != "subnet[0]" || w.Summary != "Subnet too small for the cluster's IP plan" {
		t.Errorf("shortfall %+v", w)
	}
}

// Subnet discovery: the primary ENI (1 + 9 secondary IPs) stays in the node
// subnet; each further ENI goes to the subnet with the most free addresses.
func TestPlanSubnetDiscovery(t *testing.T) {
	one := []PlanGroup{{Name: "a", InstanceTypes: []string{"m5.large"}, MaxNodes: 1, SurgeNodesPerSubnet: ptr(0)}}
	for _, tc := range []struct {
		pod            string
		node, podTaken int
	}{
		// /24 and /24: ENI 2 to the pod subnet (251 > 241 free), ENI 3 ties
		// at 241 and stays in the node subnet (listed first).
		{"10.1.0.0/24", 20, 10},
		// A /22 pod subnet takes both further ENIs.
		{"10.1.0.0/22", 10, 20},
	} {
		sn := []PlanSubnet{
			{SubnetSpec: SubnetSpec{Name: "node-a", CIDRBlock: "10.0.0.0/24"}, AvailabilityZone: "eu-west-1a"},
			{SubnetSpec: SubnetSpec{Name: "cni-a", CIDRBlock: tc.pod}, AvailabilityZone: "eu-west-1a", Role: SubnetRolePod},
		}
		res := mustPlan(t, PlanInput{Subnets: sn, NodeGroups: one})
		if res.Subnets[0].RequiredIPs != tc.node || res.Subnets[1].RequiredIPs != tc.podTaken {
			t.Errorf("pod subnet %s: node %d pod %d, want %d and %d", tc.pod, res.Subnets[0].RequiredIPs, res.Subnets[1].RequiredIPs, tc.node, tc.podTaken)
		}
		if res.Subnets[1].Uses[0].Nodes != 1 || res.Subnets[0].Nodes != 1 || res.Subnets[1].Nodes != 0 {
			t.Errorf("uses %+v %+v", res.Subnets[0], res.Subnets[1])
		}
	}
	// Prefix delegation with 40 pods: 4 prefixes (ceil(40/16) + 1) fit the
	// primary ENI, so nothing goes to the discovered subnet.
	sn := []PlanSubnet{
		{SubnetSpec: SubnetSpec{Name: "node-a", CIDRBlock: "10.0.0.0/24"}, AvailabilityZone: "eu-west-1a"},
		{SubnetSpec: SubnetSpec{Name: "cni-a", CIDRBlock: "10.1.0.0/20"}, AvailabilityZone: "eu-west-1a", Role: SubnetRolePod},
	}
	res := mustPlan(t, PlanInput{Networking: Networking{PrefixDelegation: true}, Subnets: sn,
		NodeGroups: []PlanGroup{{Name: "a", InstanceTypes: []string{"m5.large"}, MaxNodes: 1, PodsPerNode: ptr(40), SurgeNodesPerSubnet: ptr(0)}}})
	if res.Subnets[0].RequiredIPs != 65 || res.Subnets[1].RequiredIPs != 0 {
		t.Errorf("prefix delegation: node %d pod %d, want 65 and 0", res.Subnets[0].RequiredIPs, res.Subnets[1].RequiredIPs)
	}
	// Security groups for pods: the trunk ENI and its 3 branch ENIs go
	// together (the VPC resource controller puts branch ENIs in the trunk's
	// subnet): m5.large 10 pods, 2 ENIs of 10, trunk 1 + 3.
	res = mustPlan(t, PlanInput{Networking: Networking{SecurityGroupsForPods: true}, Subnets: sn,
		NodeGroups: []PlanGroup{{Name: "a", InstanceTypes: []string{"m5.large"}, MaxNodes: 1, PodsPerNode: ptr(10), BranchPodsPerNode: 3, SurgeNodesPerSubnet: ptr(0)}}})
	if res.Subnets[0].RequiredIPs != 10 || res.Subnets[1].RequiredIPs != 14 {
		t.Errorf("security groups for pods: node %d pod %d, want 10 and 14", res.Subnets[0].RequiredIPs, res.Subnets[1].RequiredIPs)
	}
}

// Custom networking: 1 IP per node in the node subnet, the rest in the zone's
// ENIConfig subnet (m5.large: 2 pod ENIs x 10).
func TestPlanCustomNetworking(t *testing.T) {
	sn := []PlanSubnet{
		{SubnetSpec: SubnetSpec{Name: "node-a", CIDRBlock: "10.0.0.0/26"}, AvailabilityZone: "eu-west-1a"},
		{SubnetSpec: SubnetSpec{Name: "pod-a", CIDRBlock: "100.64.0.0/24"}, AvailabilityZone: "eu-west-1a", Role: SubnetRolePod},
	}
	res := mustPlan(t, PlanInput{Networking: Networking{CustomNetworking: true}, Subnets: sn,
		NodeGroups: []PlanGroup{{Name: "a", InstanceTypes: []string{"m5.large"}, MaxNodes: 10}}})
	// 10 + 2 surge nodes: 12 x 1 in the node subnet, 12 x 20 = 240 in the pod subnet.
	if res.Subnets[0].RequiredIPs != 12 || res.Subnets[1].RequiredIPs != 240 || res.Subnets[1].HeadroomIPs != 11 {
		t.Errorf("node %d pod %d headroom %d, want 12, 240, 11", res.Subnets[0].RequiredIPs, res.Subnets[1].RequiredIPs, res.Subnets[1].HeadroomIPs)
	}
	if az := res.AvailabilityZones[0]; az.RequiredIPs != 252 || az.Nodes != 12 || az.SmallestFittingPrefixLength != 23 {
		t.Errorf("zone %+v", az)
	}
}

// Node pools take their worst type; blue/green doubles every group without
// surge; a pinned group loads one zone only.
func TestPlanGroupsPoolsBlueGreen(t *testing.T) {
	sn := threeAZs("10.0.0.0/22", "10.0.4.0/22", "10.0.8.0/22")
	in := PlanInput{Subnets: sn,
		NodeGroups: []PlanGroup{{Name: "db-a", InstanceTypes: []string{"m5.large"}, MaxNodes: 3, Subnets: []string{"private-a"}}},
		NodePools:  []PlanGroup{{Name: "default", InstanceTypes: []string{"m5.large", "c5.xlarge"}, MaxNodes: 10}},
	}
	res := mustPlan(t, in)
	if g := res.Groups[1]; g.InstanceType != "c5.xlarge" || g.Usage.NodeSubnetIPs != 60 || g.Nodes != 10 || g.SurgeNodes != 0 {
		t.Errorf("pool %+v", g)
	}
	if g := res.Groups[0]; g.Nodes != 5 || g.SurgeNodes != 2 || len(g.AvailabilityZones) != 1 {
		t.Errorf("group %+v", g)
	}
	// zone a: 5 x 30 + 4 x 60 = 390; zones b and c: 3 x 60 = 180.
	for i, want := range []int{390, 180, 180} {
		if got := res.AvailabilityZones[i].RequiredIPs; got != want {
			t.Errorf("zone %d required %d, want %d", i, got, want)
		}
	}
	in.BlueGreen = true
	res = mustPlan(t, in)
	// zone a: 6 x 30 + 8 x 60 = 660; zones b and c: 6 x 60 = 360.
	for i, want := range []int{660, 360, 360} {
		if got := res.AvailabilityZones[i].RequiredIPs; got != want {
			t.Errorf("blue/green zone %d required %d, want %d", i, got, want)
		}
	}
}

func TestPlanOneZoneFails(t *testing.T) {
	sn := threeAZs("10.0.0.0/24", "10.0.1.0/24", "10.0.2.0/26")
	res := mustPlan(t, PlanInput{Subnets: sn, NodeGroups: []PlanGroup{{Name: "web", InstanceTypes: []string{"m5.large"}, MaxNodes: 9}}})
	// 3 + 2 nodes x 30 = 150 per zone; the /26 has 59 free.
	if res.Fits || res.ShortfallIPs != 91 || res.AvailabilityZones[2].Fits || !res.AvailabilityZones[0].Fits ||
		res.AvailabilityZones[2].SmallestFittingPrefixLength != 24 {
		t.Errorf("fits %v shortfall %d zones %+v", res.Fits, res.ShortfallIPs, res.AvailabilityZones)
	}
	if !strings.Contains(res.Shortfalls[0].Detail, "In eu-west-1c") || !strings.Contains(res.Shortfalls[0].Detail, `node_group "web"`) {
		t.Errorf("shortfall %q", res.Shortfalls[0].Detail)
	}
}

func TestPlanBadInput(t *testing.T) {
	good := func() PlanInput {
		return PlanInput{Subnets: threeAZs("10.0.0.0/24", "10.0.1.0/24"),
			NodeGroups: []PlanGroup{{Name: "a", InstanceTypes: []string{"m5.large"}, MaxNodes: 3}}}
	}
	for _, tc := range []struct {
		name  string
		edit  func(*PlanInput)
		field string
		msg   string
	}{
		{"no subnets", func(in *PlanInput) { in.Subnets = nil }, "subnet", "no subnet blocks"},
		{"bad az", func(in *PlanInput) { in.Subnets[1].AvailabilityZone = "eu-west-1" }, "subnet[1].availability_zone", `"eu-west-1" is not an availability zone name`},
		{"two regions", func(in *PlanInput) { in.Subnets[1].AvailabilityZone = "us-east-1b" }, "subnet[1].availability_zone", "is in us-east-1 but subnet[0].availability_zone \"eu-west-1a\" is in eu-west-1"},
		{"names and ids", func(in *PlanInput) { in.Subnets[1].AvailabilityZone = "euw1-az2" }, "subnet[1].availability_zone", "use zone names (availability_zone) or zone IDs"},
		{"empty name", func(in *PlanInput) { in.Subnets[0].Name = "" }, "subnet[0].name", "give each subnet a unique name"},
		{"dup name", func(in *PlanInput) { in.Subnets[1].Name = "private-a" }, "subnet[1].name", `"private-a" is also the name of subnet[0]`},
		{"overlap", func(in *PlanInput) { in.Subnets[1].CIDRBlock = "10.0.0.128/25" }, "subnet[1].cidr_block", "overlaps subnet[0] 10.0.0.0/24"},
		{"bad cidr", func(in *PlanInput) { in.Subnets[0].CIDRBlock = "10.0.0.0/29" }, "subnet[0].cidr_block", "is a /29"},
		{"bad role", func(in *PlanInput) { in.Subnets[0].Role = "pods" }, "subnet[0].role", `must be one of "node" or "pod"`},
		{"negative alb", func(in *PlanInput) { in.Subnets[0].Reserved.ApplicationLoadBalancers = -1 }, "subnet[0].application_load_balancers", "subnet[0].application_load_balancers is -1"},
		{"no types", func(in *PlanInput) { in.NodeGroups[0].InstanceTypes = nil }, "node_group[0].instance_types", "is empty"},
		{"unknown type", func(in *PlanInput) { in.NodeGroups[0].InstanceTypes = []string{"m5.larg"} }, "node_group[0].instance_types[0]", "did you mean m5.large?"},
		{"dup type", func(in *PlanInput) { in.NodeGroups[0].InstanceTypes = []string{"m5.large", "m5.large"} }, "node_group[0].instance_types[1]", "listed twice"},
		{"dup group", func(in *PlanInput) { in.NodePools = []PlanGroup{{Name: "a", InstanceTypes: []string{"m5.large"}}} }, "node_pool[0].name", `"a" is also the name of node_group[0]`},
		{"negative size", func(in *PlanInput) { in.NodeGroups[0].MaxNodes = -1 }, "node_group[0].max_size", "max_size is -1"},
		{"pool surge", func(in *PlanInput) {
			in.NodePools = []PlanGroup{{Name: "p", InstanceTypes: []string{"m5.large"}, SurgeNodesPerSubnet: ptr(1)}}
		}, "node_pool[0].surge_nodes_per_subnet", "no rolling-update surge"},
		{"unknown subnet ref", func(in *PlanInput) { in.NodeGroups[0].Subnets = []string{"private-z"} }, "node_group[0].subnets", `names "private-z", but no subnet block has that name; subnet names are "private-a" or "private-b"`},
		{"two subnets one az", func(in *PlanInput) { in.Subnets[1].AvailabilityZone = "eu-west-1a" }, "node_group[0].subnets", "launches in every node subnet, and eu-west-1a has two node subnets (\"private-a\" and \"private-b\")"},
		{"pod subnet ref", func(in *PlanInput) {
			in.Subnets[1].Role = SubnetRolePod
			in.NodeGroups[0].Subnets = []string{"private-b"}
		}, "node_group[0].subnets", `a subnet with role = "pod"`},
		{"pods per node", func(in *PlanInput) { in.NodeGroups[0].PodsPerNode = ptr(40) }, "node_group[0].pods_per_node", `node_group "a", instance type m5.large: pods_per_node is 40`},
		{"custom networking no pod subnet", func(in *PlanInput) { in.Networking.CustomNetworking = true }, "node_group[0].subnets", "which has 0 subnets with role = \"pod\""},
		{"discovery old cni", func(in *PlanInput) {
			in.Subnets = append(in.Subnets, PlanSubnet{SubnetSpec: SubnetSpec{Name: "cni", CIDRBlock: "10.1.0.0/24"}, AvailabilityZone: "eu-west-1a", Role: SubnetRolePod})
			in.Networking.CNIVersion = "1.17.1"
		}, "cni_version", "need VPC CNI 1.18.0 or later"},
		{"bad layout", func(in *PlanInput) { in.PrefixLayout = "dense" }, "prefix_layout", "must be one of"},
		{"bad networking", func(in *PlanInput) { in.Networking.CapPolicy = "EKS" }, "cap_policy", "must be one of"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := good()
			tc.edit(&in)
			_, _, err := Plan(in)
			var ie *InputError
			if !errors.As(err, &ie) || ie.Field != tc.field || !strings.Contains(ie.Msg, tc.msg) {
				t.Fatalf("got %#v, want field %s with %q", err, tc.field, tc.msg)
			}
			if err := ValidatePlan(in); err == nil || err.Error() != ie.Msg {
				t.Errorf("ValidatePlan gave %v", err)
			}
		})
	}
}

// Values not known yet skip only the checks that need them.
func TestValidatePlanUnknown(t *testing.T) {
	in := PlanInput{Subnets: threeAZs("10.0.0.0/24", "10.0.1.0/24"),
		NodeGroups: []PlanGroup{{Name: "a", InstanceTypes: []string{"m5.large"}, Subnets: []string{"private-b"}}}}
	in.Subnets[1] = PlanSubnet{Unknown: true}
	if err := ValidatePlan(in); err != nil {
		t.Errorf("unknown subnet: %v", err)
	}
	in.Subnets[0].CIDRBlock = "10.0.0.0/33"
	if err := ValidatePlan(in); err == nil || !strings.Contains(err.Error(), "not a CIDR block") {
		t.Errorf("known bad subnet: %v", err)
	}
	in.Subnets[0].CIDRBlock = "10.0.0.0/24"
	in.NetworkingUnknown = true
	in.NodeGroups[0].PodsPerNode = ptr(1000)
	if err := ValidatePlan(in); err != nil {
		t.Errorf("networking unknown: %v", err)
	}
	in.NodeGroups = append(in.NodeGroups, PlanGroup{Unknown: true}, PlanGroup{Name: "b", InstanceTypes: []string{"nope.large"}})
	if err := ValidatePlan(in); err == nil || !strings.Contains(err.Error(), "node_group[2].instance_types[0]") {
		t.Errorf("known bad group: %v", err)
	}
}

// benchPlanInput is the speed case: three zones, ten groups (seven
// managed node groups and three NodePools with several candidate types),
// prefix delegation, reservations and cluster subnets.
func benchPlanInput() PlanInput {
	sn := threeAZs("10.0.0.0/18", "10.0.64.0/18", "10.0.128.0/18")
	for i := range sn {
		sn[i].ClusterSubnet = true
		sn[i].Reserved = ReservedIPs{ApplicationLoadBalancers: 2, InterfaceEndpoints: 7, FargatePods: 20}
	}
	in := PlanInput{Networking: Networking{PrefixDelegation: true}, Subnets: sn}
	for i, types := range [][]string{{"m5.large"}, {"c6i.2xlarge"}, {"m6i.xlarge", "m5.xlarge"}, {"r6i.large"}, {"c5.4xlarge"},
		{"m5.2xlarge", "m6i.2xlarge"}, {"t3.large"}} {
		in.NodeGroups = append(in.NodeGroups, PlanGroup{Name: "group-" + string(rune('a'+i)), InstanceTypes: types, MaxNodes: 6 + 3*i})
	}
	for i, types := range [][]string{{"c6i.2xlarge", "m6i.2xlarge", "r6i.2xlarge"}, {"m5.large", "m5.xlarge", "m5.2xlarge", "m5.4xlarge"},
		{"c5.large", "c5.xlarge"}} {
		in.NodePools = append(in.NodePools, PlanGroup{Name: "pool-" + string(rune('a'+i)), InstanceTypes: types, MaxNodes: 30})
	}
	return in
}

func BenchmarkPlan(b *testing.B) {
	in := benchPlanInput()
	if res, _, err := Plan(in); err != nil || !res.Fits {
		b.Fatalf("fits %v, %v", res.Fits, err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := Plan(in); err != nil {
			b.Fatal(err)
		}
	}
}

// The guide's worked example ("Planning a cluster's subnets"): eu-west-1c's
// /24 is 308 short; pinning web to the two big zones leaves it 8 short.
func TestPlanGuideExample(t *testing.T) {
	sn := []PlanSubnet{
		{SubnetSpec: SubnetSpec{Name: "private-a", CIDRBlock: "10.0.0.0/22", ClusterSubnet: true}, AvailabilityZone: "eu-west-1a",
			Reserved: ReservedIPs{ApplicationLoadBalancers: 1, FargatePods: 20}},
		{SubnetSpec: SubnetSpec{Name: "private-b", CIDRBlock: "10.0.4.0/22", ClusterSubnet: true}, AvailabilityZone: "eu-west-1b",
			Reserved: ReservedIPs{ApplicationLoadBalancers: 1}},
		{SubnetSpec: SubnetSpec{Name: "private-c", CIDRBlock: "10.0.8.0/24", ClusterSubnet: true}, AvailabilityZone: "eu-west-1c",
			Reserved: ReservedIPs{ApplicationLoadBalancers: 1}},
	}
	in := PlanInput{Subnets: sn,
		NodeGroups: []PlanGroup{{Name: "system", InstanceTypes: []string{"m5.large"}, MaxNodes: 6},
			{Name: "web", InstanceTypes: []string{"c5.xlarge"}, MaxNodes: 9}},
		NodePools: []PlanGroup{{Name: "batch", InstanceTypes: []string{"m5.xlarge", "c5.2xlarge"}, MaxNodes: 6}},
	}
	check := func(res PlanResult, required, headroom []int, shortfall int) {
		t.Helper()
		for i, z := range res.AvailabilityZones {
			if z.RequiredIPs != required[i] || z.HeadroomIPs != headroom[i] {
				t.Errorf("zone %s: required %d headroom %d, want %d and %d", z.AvailabilityZone, z.RequiredIPs, z.HeadroomIPs, required[i], headroom[i])
			}
		}
		if res.Fits || res.ShortfallIPs != shortfall || res.Groups[2].InstanceType != "m5.xlarge" {
			t.Errorf("fits %v shortfall %d batch %s", res.Fits, res.ShortfallIPs, res.Groups[2].InstanceType)
		}
	}
	res := mustPlan(t, in)
	check(res, []int{574, 554, 554}, []int{440, 460, -308}, 308)
	if z := res.AvailabilityZones[2]; z.SmallestFittingPrefixLength != 22 {
		t.Errorf("zone c smallest /%d, want /22", z.SmallestFittingPrefixLength)
	}
	in.NodeGroups[1].Subnets = []string{"private-a", "private-b"}
	check(mustPlan(t, in), []int{694, 614, 254}, []int{320, 400, -8}, 8)
}
