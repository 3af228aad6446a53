package sizing

import (
	"encoding/binary"
	"fmt"
	"math/rand/v2"
	"net/netip"
	"strings"
	"testing"
)

func subnets(cidrs ...string) []SubnetSpec {
	out := make([]SubnetSpec, len(cidrs))
	for i, c := range cidrs {
		out[i] = SubnetSpec{CIDRBlock: c}
	}
	return out
}

func nodeIn(instance string, net Networking, warm WarmTargets, maxPods *int, pods int) NodeIPsInput {
	return NodeIPsInput{Instance: mustLookup(instance), Networking: net, Warm: warm, MaxPods: maxPods, PodsPerNode: ptr(pods)}
}

// The worked subnet values, each its own case.
func TestSubnetCapacityWorkedValues(t *testing.T) {
	pd := Networking{PrefixDelegation: true}
	warm := WarmTargets{WarmIPTarget: ptr(5), MinimumIPTarget: ptr(10)}
	alb1ep2 := ReservedIPs{ApplicationLoadBalancers: 1, InterfaceEndpoints: 2}
	type want struct {
		maxNodes, required, headroom, smallest int
		fits                                   bool
	}
	tests := []struct {
		name string
		in   SubnetCapacityInput
		// checks on subnet 0 (or pod subnet 0 when pod is set)
		pod  bool
		want want
	}{
		{name: "m5.large defaults 10 pods: /24 fits 8 nodes",
			in:   SubnetCapacityInput{NodeIPsInput: nodeIn("m5.large", Networking{}, WarmTargets{}, nil, 10), Subnets: subnets("10.0.0.0/24")},
			want: want{maxNodes: 8, required: 0, headroom: 251, smallest: 28, fits: true}},
		{name: "m5.large WARM_IP_TARGET=5 MINIMUM_IP_TARGET=10: /24 fits 14 nodes",
			in:   SubnetCapacityInput{NodeIPsInput: nodeIn("m5.large", Networking{}, warm, nil, 10), Subnets: subnets("10.0.0.0/24")},
			want: want{maxNodes: 14, headroom: 251, smallest: 28, fits: true}},
		{name: "/24 warm IPs, 12 planned + 2 surge, 1 ALB, 2 interface endpoints: required 248, headroom 3, fits",
			in:   SubnetCapacityInput{NodeIPsInput: nodeIn("m5.large", Networking{}, warm, nil, 10), Subnets: subnets("10.0.0.0/24"), NodeCount: 12, Reserved: alb1ep2},
			want: want{maxNodes: 14, required: 248, headroom: 3, smallest: 24, fits: true}},
		{name: "/24 defaults, 12 planned + 2 surge, 1 ALB, 2 interface endpoints: required 430, does not fit",
			in:   SubnetCapacityInput{NodeIPsInput: nodeIn("m5.large", Networking{}, WarmTargets{}, nil, 10), Subnets: subnets("10.0.0.0/24"), NodeCount: 12, Reserved: alb1ep2},
			want: want{maxNodes: 8, required: 430, headroom: -179, smallest: 23, fits: false}},
		{name: "/24 warm IPs as a cluster subnet too: required 254, does not fit",
			in: SubnetCapacityInput{NodeIPsInput: nodeIn("m5.large", Networking{}, warm, nil, 10),
				Subnets: []SubnetSpec{{CIDRBlock: "10.0.0.0/24", ClusterSubnet: true}}, NodeCount: 12, Reserved: alb1ep2},
			want: want{maxNodes: 13, required: 254, headroom: 251 - 254 - 5, smallest: 23, fits: false}},
		{name: "m5.large prefix delegation max pods 110 10 pods: /24 fits 4 scattered",
			in:   SubnetCapacityInput{NodeIPsInput: nodeIn("m5.large", pd, WarmTargets{}, ptr(110), 10), Subnets: subnets("10.0.0.0/24")},
			want: want{maxNodes: 4, headroom: 251, smallest: 28, fits: true}},
		{name: "m5.large prefix delegation max pods 110 10 pods: /24 fits 7 packed",
			in:   SubnetCapacityInput{NodeIPsInput: nodeIn("m5.large", pd, WarmTargets{}, ptr(110), 10), Subnets: subnets("10.0.0.0/24"), PrefixLayout: prefixLayoutPacked},
			want: want{maxNodes: 7, headroom: 251, smallest: 28, fits: true}},
		{name: "c5.4xlarge prefix delegation max pods 110 100 pods: /20 fits 31 scattered",
			in:   SubnetCapacityInput{NodeIPsInput: nodeIn("c5.4xlarge", pd, WarmTargets{}, ptr(110), 100), Subnets: subnets("10.0.0.0/20")},
			want: want{maxNodes: 31, headroom: 4091, smallest: 28, fits: true}},
		{name: "c5.4xlarge prefix delegation max pods 110 100 pods: /20 fits 36 packed",
			in:   SubnetCapacityInput{NodeIPsInput: nodeIn("c5.4xlarge", pd, WarmTargets{}, ptr(110), 100), Subnets: subnets("10.0.0.0/20"), PrefixLayout: prefixLayoutPacked},
			want: want{maxNodes: 36, headroom: 4091, smallest: 28, fits: true}},
		{name: "c5.4xlarge secondary IPs max pods 234 100 pods: /20 fits 27",
			in:   SubnetCapacityInput{NodeIPsInput: nodeIn("c5.4xlarge", Networking{}, WarmTargets{}, ptr(234), 100), Subnets: subnets("10.0.0.0/20")},
			want: want{maxNodes: 27, headroom: 4091, smallest: 28, fits: true}},
		{name: "m5.large custom networking 10 pods: pod subnet 100.64.0.0/19 fits 409 nodes", pod: true,
			in: SubnetCapacityInput{NodeIPsInput: nodeIn("m5.large", Networking{CustomNetworking: true}, WarmTargets{}, nil, 10),
				Subnets: subnets("10.0.0.0/24"), PodSubnets: subnets("100.64.0.0/19")},
			want: want{maxNodes: 409, headroom: 8187, smallest: 28, fits: true}},
		{name: "m5.large security groups for pods 8 pods + 5 branch pods: /24 fits 9",
			in: SubnetCapacityInput{NodeIPsInput: NodeIPsInput{Instance: mustLookup("m5.large"), Networking: Networking{SecurityGroupsForPods: true}, PodsPerNode: ptr(8), BranchPodsPerNode: 5},
				Subnets: subnets("10.0.0.0/24")},
			want: want{maxNodes: 9, headroom: 251, smallest: 28, fits: true}},
		{name: "inverse: 50 nodes m5.large defaults 10 pods, surge 2, one ALB: 1568 IPs, smallest fitting /21",
			in: SubnetCapacityInput{NodeIPsInput: nodeIn("m5.large", Networking{}, WarmTargets{}, nil, 10), Subnets: subnets("10.0.0.0/24"),
				NodeCount: 50, SurgeNodesPerSubnet: ptr(2), Reserved: ReservedIPs{ApplicationLoadBalancers: 1}},
			want: want{maxNodes: 8, required: 1568, headroom: 251 - 1568, smallest: 21, fits: false}},
		{name: "IPv6 50 pods: /24 fits 251 nodes",
			in:   SubnetCapacityInput{NodeIPsInput: nodeIn("m5.large", Networking{IPFamily: ipFamilyIPv6}, WarmTargets{}, nil, 50), Subnets: subnets("10.0.0.0/24")},
			want: want{maxNodes: 251, headroom: 251, smallest: 28, fits: true}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res, _, err := SubnetCapacity(tc.in)
			if err != nil {
				t.Fatal(err)
			}
			r := res.Subnets[0]
			if tc.pod {
				r = res.PodSubnets[0]
			}
			got := want{maxNodes: r.MaxNodes, required: r.RequiredIPs, headroom: r.HeadroomIPs, smallest: r.SmallestFittingPrefixLength, fits: r.Fits}
			if got != tc.want {
				t.Errorf("{max nodes, required, headroom, smallest, fits} = %+v, want %+v", got, tc.want)
			}
			if res.Fits != tc.want.fits || (res.ShortfallIPs > 0) == tc.want.fits {
				t.Errorf("totals: fits %v, shortfall %d", res.Fits, res.ShortfallIPs)
			}
			if !tc.want.fits && (len(res.Shortfalls) != 1 || res.Shortfalls[0].Field != "subnets[0]") {
				t.Errorf("shortfalls = %+v, want one on subnets[0]", res.Shortfalls)
			}
		})
	}
}

func TestSubnetCapacitySpreadAndTotals(t *testing.T) {
	res, _, err := SubnetCapacity(SubnetCapacityInput{
		NodeIPsInput: nodeIn("m5.large", Networking{}, WarmTargets{}, nil, 10),
		Subnets:      []SubnetSpec{{CIDRBlock: "10.0.0.0/24", Name: "a"}, {CIDRBlock: "10.0.1.0/24", Name: "b"}, {CIDRBlock: "10.0.2.0/25", Name: "c"}},
		NodeCount:    10,
	})
	if err != nil {
		t.Fatal(err)
	}
	var planned, surge []int
	for _, s := range res.Subnets {
		planned = append(planned, s.PlannedNodes)
		surge = append(surge, s.SurgeNodes)
	}
	if fmt.Sprint(planned) != "[4 3 3]" || fmt.Sprint(surge) != "[2 2 2]" {
		t.Errorf("planned %v surge %v, want [4 3 3] [2 2 2]", planned, surge)
	}
	// /25: 123 usable / 30 = 4 nodes; 3 planned + 2 surge = 150 > 123.
	c := res.Subnets[2]
	if c.MaxNodes != 4 || c.RequiredIPs != 150 || c.Fits || c.ShortfallIPs != 27 || c.SmallestFittingPrefixLength != 24 {
		t.Errorf("subnet c = %+v", c)
	}
	if res.MaxNodes != 8+8+4 || res.MaxPodsTotal != 20*10 || res.Fits || res.ShortfallIPs != 27 {
		t.Errorf("totals: max nodes %d, max pods %d, fits %v, shortfall %d", res.MaxNodes, res.MaxPodsTotal, res.Fits, res.ShortfallIPs)
	}
	if len(res.Shortfalls) != 1 || res.Shortfalls[0].Field != "subnets[2]" ||
		res.Shortfalls[0].Summary != "Subnet is short of IPs" ||
		!strings.Contains(res.Shortfalls[0].Detail, `The node subnet "c" (10.0.2.0/25) is 27 IPs short: it needs`) ||
		!strings.Contains(res.Shortfalls[0].Detail, "needs 150 IPs: 5 nodes (3 planned + 2 surge) x 30 IPs, but has 123 free") ||
		!strings.Contains(res.Shortfalls[0].Detail, "a fresh /24 would") {
		t.Errorf("shortfalls = %+v", res.Shortfalls)
	}

	// No surge where no node is planned; an explicit surge of 0.
	res, _, err = SubnetCapacity(SubnetCapacityInput{
		NodeIPsInput: nodeIn("m5.large", Networking{}, WarmTargets{}, nil, 10),
		Subnets:      subnets("10.0.0.0/24", "10.0.1.0/24", "10.0.2.0/24"), NodeCount: 2,
	})
	if err != nil {
		t.Fatal(err)
	}
	if s := res.Subnets[2]; s.PlannedNodes != 0 || s.SurgeNodes != 0 || res.Subnets[0].SurgeNodes != 2 {
		t.Errorf("surge without planned nodes: %+v", res.Subnets)
	}
	res, _, _ = SubnetCapacity(SubnetCapacityInput{
		NodeIPsInput: nodeIn("m5.large", Networking{}, WarmTargets{}, nil, 10),
		Subnets:      subnets("10.0.0.0/24"), NodeCount: 8, SurgeNodesPerSubnet: ptr(0),
	})
	if s := res.Subnets[0]; s.SurgeNodes != 0 || s.RequiredIPs != 240 || !s.Fits || s.HeadroomIPs != 11 {
		t.Errorf("surge 0: %+v", s)
	}
}

func TestSubnetCapacityReservedAndFree(t *testing.T) {
	res, _, err := SubnetCapacity(SubnetCapacityInput{
		NodeIPsInput: nodeIn("m5.large", Networking{}, WarmTargets{}, nil, 10),
		Subnets:      []SubnetSpec{{CIDRBlock: "10.0.0.0/24", AvailableIPAddressCount: ptr(200), ClusterSubnet: true}},
		NodeCount:    3,
		Reserved:     ReservedIPs{ApplicationLoadBalancers: 2, NetworkLoadBalancers: 3, InterfaceEndpoints: 4, FargatePods: 5, OtherIPs: 6},
	})
	if err != nil {
		t.Fatal(err)
	}
	s := res.Subnets[0]
	// 16 + 3 + 4 + 5 + 6 = 34, + 6 for EKS's ENIs; 5 kept free.
	if s.ReservedIPs != 40 || s.KeepFreeIPs != 5 || s.FreeIPs != 200 || s.RequiredIPs != 5*30+40 || s.HeadroomIPs != 200-190-5 ||
		s.MaxNodes != (200-40-5)/30 {
		t.Errorf("%+v", s)
	}
}

func TestSubnetCapacityPrefixReservations(t *testing.T) {
	in := SubnetCapacityInput{
		NodeIPsInput: nodeIn("m5.large", Networking{PrefixDelegation: true}, WarmTargets{}, ptr(110), 10),
		Subnets:      []SubnetSpec{{CIDRBlock: "10.0.0.0/24", PrefixReservations: []string{"10.0.0.128/26"}}},
	}
	res, _, err := SubnetCapacity(in)
	if err != nil {
		t.Fatal(err)
	}
	// 4 reserved /28s hold 2 nodes of 2 prefixes; singles have 251 - 64 = 187 outside.
	if s := res.Subnets[0]; s.MaxNodes != 2 {
		t.Errorf("reservation /26: max nodes %d, want 2", s.MaxNodes)
	}
	// Reservations of 9 eligible blocks hold 4 nodes, whatever the layout.
	in.Subnets[0].PrefixReservations = []string{"10.0.0.64/26", "10.0.0.128/26", "10.0.0.224/27"}
	for _, layout := range []string{prefixLayoutScattered, prefixLayoutPacked} {
		in.PrefixLayout = layout
		res, _, err = SubnetCapacity(in)
		if err != nil {
			t.Fatal(err)
		}
		// blocks: 4 + 4 + (2 - 1 last) = 9 -> 4 nodes; singles outside: 251 - (64 + 64 + 31) = 92.
		if s := res.Subnets[0]; s.MaxNodes != 4 {
			t.Errorf("%s: max nodes %d, want 4", layout, s.MaxNodes)
		}
	}
	// Secondary IPs never go into a prefix reservation.
	res, _, err = SubnetCapacity(SubnetCapacityInput{
		NodeIPsInput: nodeIn("m5.large", Networking{}, WarmTargets{}, nil, 10),
		Subnets:      []SubnetSpec{{CIDRBlock: "10.0.0.0/24", PrefixReservations: []string{"10.0.0.128/25"}}},
	})
	if err != nil {
		t.Fatal(err)
	}
	if s := res.Subnets[0]; s.MaxNodes != (251-127)/30 {
		t.Errorf("secondary IPs with a reservation: max nodes %d, want %d", s.MaxNodes, (251-127)/30)
	}
}

func TestSubnetCapacityUsedAddressesSpoilBlocks(t *testing.T) {
	in := SubnetCapacityInput{
		NodeIPsInput: nodeIn("m5.large", Networking{PrefixDelegation: true}, WarmTargets{}, ptr(110), 10),
		Subnets:      []SubnetSpec{{CIDRBlock: "10.0.0.0/24", AvailableIPAddressCount: ptr(241)}},
	}
	res, _, _ := SubnetCapacity(in)
	// 10 addresses in use: scattered they spoil 10 of 14 blocks, leaving 4 for one node (2 prefixes + 1 single).
	if got := res.Subnets[0].MaxNodes; got != 1 {
		t.Errorf("scattered with 10 in use: %d nodes, want 1", got)
	}
	in.PrefixLayout = prefixLayoutPacked
	res, _, _ = SubnetCapacity(in)
	if got := res.Subnets[0].MaxNodes; got != 7 {
		t.Errorf("packed with 10 in use: %d nodes, want 7", got)
	}
}

func TestSubnetCapacityCustomNetworkingPairs(t *testing.T) {
	res, _, err := SubnetCapacity(SubnetCapacityInput{
		NodeIPsInput: nodeIn("m5.large", Networking{CustomNetworking: true, PrefixDelegation: true}, WarmTargets{}, ptr(110), 30),
		Subnets:      subnets("10.0.0.0/27", "10.0.0.32/27"),
		PodSubnets:   subnets("100.64.0.0/24", "100.64.1.0/26"),
		NodeCount:    4,
		Reserved:     ReservedIPs{NetworkLoadBalancers: 1},
	})
	if err != nil {
		t.Fatal(err)
	}
	// Per node: node subnet 1 IP; pod subnet 1 ENI + 3 prefixes = 49.
	if res.PerNode.NodeSubnetIPs != 1 || res.PerNode.PodSubnetIPs != 49 {
		t.Fatalf("per node %+v", res.PerNode)
	}
	n0, p0, p1 := res.Subnets[0], res.PodSubnets[0], res.PodSubnets[1]
	// Node subnet /27: 27 - 1 NLB = 26 nodes, prefixes are not needed there.
	if n0.MaxNodes != 26 || n0.ReservedIPs != 1 || !n0.Fits {
		t.Errorf("node subnet %+v", n0)
	}
	// Pod subnet /24 scattered: 3n + n <= 14 -> 3; no reservations in pod subnets.
	if p0.MaxNodes != 3 || p0.ReservedIPs != 0 || p0.PlannedNodes != 2 || p0.SurgeNodes != 2 || p0.Fits {
		t.Errorf("pod subnet 0 %+v", p0)
	}
	// Pod subnet /26: 2 eligible blocks, none fits.
	if p1.MaxNodes != 0 || p1.Fits {
		t.Errorf("pod subnet 1 %+v", p1)
	}
	if res.MaxNodes != 3+0 || res.Fits || len(res.Shortfalls) != 2 || res.Shortfalls[0].Field != "pod_subnets[0]" {
		t.Errorf("totals %d %v %+v", res.MaxNodes, res.Fits, res.Shortfalls)
	}
}

func TestSubnetCapacityErrors(t *testing.T) {
	base := func() SubnetCapacityInput {
		return SubnetCapacityInput{NodeIPsInput: nodeIn("m5.large", Networking{}, WarmTargets{}, nil, 10), Subnets: subnets("10.0.0.0/24", "10.0.1.0/24")}
	}
	tests := []struct {
		name     string
		edit     func(*SubnetCapacityInput)
		field    string
		contains []string
	}{
		{name: "IPv6 CIDR", edit: func(in *SubnetCapacityInput) { in.Subnets[1].CIDRBlock = "2600:1f18::/64" },
			field: "subnets[1].cidr_block", contains: []string{"is an IPv6 CIDR"}},
		{name: "/29", edit: func(in *SubnetCapacityInput) { in.Subnets[1].CIDRBlock = "10.0.1.0/29" },
			field: "subnets[1].cidr_block", contains: []string{"is a /29", "/16 (65,536 addresses) to /28 (16 addresses)"}},
		{name: "/15", edit: func(in *SubnetCapacityInput) { in.Subnets[0].CIDRBlock = "10.2.0.0/15" },
			field: "subnets[0].cidr_block", contains: []string{"is a /15"}},
		{name: "reservation outside the subnet", edit: func(in *SubnetCapacityInput) { in.Subnets[1].PrefixReservations = []string{"10.0.0.64/28"} },
			field: "subnets[1].prefix_reservations[0]", contains: []string{"is not inside the subnet 10.0.1.0/24"}},
		{name: "overlapping reservations", edit: func(in *SubnetCapacityInput) {
			in.Subnets[0].PrefixReservations = []string{"10.0.0.0/25", "10.0.0.64/26"}
		}, field: "subnets[0].prefix_reservations[1]", contains: []string{"overlaps subnets[0].prefix_reservations[0]"}},
		{name: "overlapping subnets", edit: func(in *SubnetCapacityInput) { in.Subnets[1].CIDRBlock = "10.0.0.128/25" },
			field: "subnets[1].cidr_block", contains: []string{"subnets[1].cidr_block 10.0.0.128/25 overlaps subnets[0] 10.0.0.0/24"}},
		{name: "the same subnet twice", edit: func(in *SubnetCapacityInput) { in.Subnets[1].CIDRBlock = "10.0.0.0/24" },
			field: "subnets[1].cidr_block", contains: []string{"overlaps subnets[0]", "each subnet is listed once"}},
		{name: "no subnets", edit: func(in *SubnetCapacityInput) { in.Subnets = nil },
			field: "subnets", contains: []string{"subnets is empty"}},
		{name: "custom networking without pod subnets", edit: func(in *SubnetCapacityInput) { in.Networking.CustomNetworking = true },
			field: "pod_subnets", contains: []string{"custom_networking is on", "give pod_subnets, one for each of the 2 subnets"}},
		{name: "pod subnets without custom networking", edit: func(in *SubnetCapacityInput) { in.PodSubnets = subnets("100.64.0.0/24", "100.64.1.0/24") },
			field: "pod_subnets", contains: []string{"custom_networking is off"}},
		{name: "pod subnets not paired", edit: func(in *SubnetCapacityInput) {
			in.Networking.CustomNetworking = true
			in.PodSubnets = subnets("100.64.0.0/24")
		}, field: "pod_subnets", contains: []string{"pod_subnets has 1 entries but subnets has 2"}},
		{name: "pod subnet overlapping a node subnet", edit: func(in *SubnetCapacityInput) {
			in.Networking.CustomNetworking = true
			in.PodSubnets = subnets("100.64.0.0/24", "10.0.1.0/25")
		}, field: "pod_subnets[1].cidr_block", contains: []string{"overlaps subnets[1] 10.0.1.0/24", "cannot share addresses with a node subnet"}},
		{name: "overlapping pod subnets", edit: func(in *SubnetCapacityInput) {
			in.Networking.CustomNetworking = true
			in.PodSubnets = subnets("100.64.0.0/24", "100.64.0.0/24")
		}, field: "pod_subnets[1].cidr_block", contains: []string{"overlaps pod_subnets[0]"}},
		{name: "bad pod subnet", edit: func(in *SubnetCapacityInput) {
			in.Networking.CustomNetworking = true
			in.PodSubnets = subnets("100.64.0.0/24", "100.64.0.0/30")
		}, field: "pod_subnets[1].cidr_block", contains: []string{"is a /30"}},
		{name: "branch pods on a t3", edit: func(in *SubnetCapacityInput) {
			in.Instance = mustLookup("t3.large")
			in.Networking.SecurityGroupsForPods = true
			in.BranchPodsPerNode = 3
		}, field: "branch_pods_per_node", contains: []string{"t3.large is not trunking compatible"}},
		{name: "MINIMUM_IP_TARGET alone with too many pods", edit: func(in *SubnetCapacityInput) {
			in.Warm.MinimumIPTarget = ptr(12)
			in.PodsPerNode = ptr(13)
		}, field: "minimum_ip_target", contains: []string{"pod number 13 on a node never gets an IP"}},
		{name: "bad prefix layout", edit: func(in *SubnetCapacityInput) { in.PrefixLayout = "tight" },
			field: "prefix_layout", contains: []string{`prefix_layout is "tight"; it must be one of "scattered" or "packed"`}},
		{name: "negative node count", edit: func(in *SubnetCapacityInput) { in.NodeCount = -1 },
			field: "node_count", contains: []string{"node_count is -1"}},
		{name: "negative surge", edit: func(in *SubnetCapacityInput) { in.SurgeNodesPerSubnet = ptr(-1) },
			field: "surge_nodes_per_subnet", contains: []string{"surge_nodes_per_subnet is -1"}},
		{name: "negative ALBs", edit: func(in *SubnetCapacityInput) { in.Reserved.ApplicationLoadBalancers = -1 },
			field: "reserved.application_load_balancers", contains: []string{"reserved.application_load_balancers is -1"}},
		{name: "negative other IPs", edit: func(in *SubnetCapacityInput) { in.Reserved.OtherIPs = -5 },
			field: "reserved.other_ips", contains: []string{"reserved.other_ips is -5"}},
		{name: "custom networking with IPv6", edit: func(in *SubnetCapacityInput) {
			in.Networking.CustomNetworking = true
			in.Networking.IPFamily = ipFamilyIPv6
		}, field: "custom_networking", contains: []string{"IPv4 clusters only"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			in := base()
			tc.edit(&in)
			_, _, err := SubnetCapacity(in)
			checkInputErr(t, err, tc.field, tc.contains...)
		})
	}
}

func TestSubnetCapacityWarnings(t *testing.T) {
	_, warns, err := SubnetCapacity(SubnetCapacityInput{
		NodeIPsInput: nodeIn("m5.large", Networking{PrefixDelegation: true}, WarmTargets{}, ptr(29), 27),
		Subnets:      subnets("10.0.0.0/24"),
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(warns) != 1 || warns[0].Field != FieldMaxPods || !strings.Contains(warns[0].Detail, "ipamd stops at ceil(29/16) = 2 prefixes") {
		t.Errorf("warnings = %+v", warns)
	}
	_, warns, _ = SubnetCapacity(SubnetCapacityInput{
		NodeIPsInput: nodeIn("m5.large", Networking{}, WarmTargets{}, nil, 10), Subnets: subnets("10.0.0.0/24"), PrefixLayout: prefixLayoutPacked,
	})
	if len(warns) != 1 || warns[0].Field != fieldPrefixLayout {
		t.Errorf("warnings = %+v", warns)
	}
}

// Properties over random inputs: max_nodes nodes fit and one more do not,
// packed holds at least as many as scattered, and every subnet's smallest
// fitting prefix length really fits while one bit longer does not.
func TestSubnetCapacityProperties(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	types := []string{"m5.large", "c5.4xlarge", "t3.small", "m5.4xlarge", "t3a.medium", "m6i.xlarge", "c6g.16xlarge", "r5.2xlarge"}
	cidrs := []string{"10.0.0.0/16", "10.1.0.0/20", "10.2.0.0/22", "10.3.0.0/24", "10.3.1.0/25", "10.3.1.128/26", "10.3.1.192/27", "10.3.1.224/28"}
	n := 3000
	if testing.Short() {
		n = 300
	}
	for i := 0; i < n; i++ {
		inst := mustLookup(types[rng.IntN(len(types))])
		net := Networking{PrefixDelegation: rng.IntN(2) == 0}
		warm := WarmTargets{}
		switch rng.IntN(4) {
		case 1:
			warm.WarmENITarget = ptr(rng.IntN(3))
			warm.WarmPrefixTarget = ptr(rng.IntN(3))
		case 2:
			warm.WarmIPTarget = ptr(1 + rng.IntN(10))
			warm.MinimumIPTarget = ptr(rng.IntN(30))
		}
		mp, _, err := MaxPods(inst, net)
		if err != nil {
			t.Fatal(err)
		}
		capacity := inst.DefaultCardENIs * (inst.IPv4PerENI - 1)
		if mp.PrefixDelegationApplied {
			capacity *= ipsPerPrefix
		}
		pods := rng.IntN(min(mp.MaxPods, capacity) + 1)
		spec := SubnetSpec{CIDRBlock: cidrs[rng.IntN(len(cidrs))], ClusterSubnet: rng.IntN(4) == 0}
		if rng.IntN(3) == 0 {
			s, _ := ParseSubnet("x", spec)
			spec.AvailableIPAddressCount = ptr(rng.IntN(s.UsableIPs() + 1))
		}
		if rng.IntN(5) == 0 {
			// A prefix reservation over the subnet's second half.
			s, _ := ParseSubnet("x", spec)
			half := netip.PrefixFrom(s.CIDR.Addr(), s.CIDR.Bits()+1)
			if half.Bits() <= prefixLength {
				a := half.Addr().As4()
				v := binary.BigEndian.Uint32(a[:]) + uint32(s.TotalIPs()/2)
				binary.BigEndian.PutUint32(a[:], v)
				spec.PrefixReservations = []string{netip.PrefixFrom(netip.AddrFrom4(a), half.Bits()).String()}
			}
		}
		in := SubnetCapacityInput{
			NodeIPsInput: NodeIPsInput{Instance: inst, Networking: net, Warm: warm, PodsPerNode: ptr(pods)},
			Subnets:      []SubnetSpec{spec},
			Reserved:     ReservedIPs{ApplicationLoadBalancers: rng.IntN(2), InterfaceEndpoints: rng.IntN(4)},
		}
		scattered, _, err := SubnetCapacity(in)
		if err != nil {
			t.Fatalf("%+v: %v", in, err)
		}
		in.PrefixLayout = prefixLayoutPacked
		packed, _, err := SubnetCapacity(in)
		if err != nil {
			t.Fatal(err)
		}
		if packed.MaxNodes < scattered.MaxNodes {
			t.Fatalf("%s %+v pods %d: packed %d < scattered %d", inst.Name, spec, pods, packed.MaxNodes, scattered.MaxNodes)
		}
		for _, layout := range []string{prefixLayoutScattered, prefixLayoutPacked} {
			in.PrefixLayout = layout
			maxNodes := scattered.MaxNodes
			if layout == prefixLayoutPacked {
				maxNodes = packed.MaxNodes
			}
			in.SurgeNodesPerSubnet = ptr(0)
			for _, nodes := range []int{maxNodes, maxNodes + 1} {
				in.NodeCount = nodes
				r, _, err := SubnetCapacity(in)
				if err != nil {
					t.Fatal(err)
				}
				s := r.Subnets[0]
				if nodes == maxNodes && maxNodes > 0 && !s.Fits {
					t.Fatalf("%s %s %+v: max_nodes %d do not fit (headroom %d)", layout, inst.Name, spec, nodes, s.HeadroomIPs)
				}
				if nodes == maxNodes+1 && s.Fits {
					t.Fatalf("%s %s %+v: max_nodes+1 = %d fit (headroom %d)", layout, inst.Name, spec, nodes, s.HeadroomIPs)
				}
				if s.Fits != (s.ShortfallIPs == 0) || s.Fits != (s.HeadroomIPs >= 0) {
					t.Fatalf("fits %v, headroom %d, shortfall %d disagree", s.Fits, s.HeadroomIPs, s.ShortfallIPs)
				}
				checkShortfallBounds(t, fmt.Sprintf("%s %s %+v", layout, inst.Name, spec), s, r.PerNode.Prefixes)
				if bits := s.SmallestFittingPrefixLength; bits > 0 && nodes > 0 {
					checkSmallest(t, in, bits)
				}
			}
		}
	}
}

// checkShortfallBounds: a shortfall never exceeds the demand (required plus
// kept-free addresses), so a demand that a fresh subnet of this size holds is
// never more than the subnet's own addresses short; the /28 blocks short are
// at most the blocks the prefixes need and account for at most the IPs short;
// single IPs never spoil more blocks than the subnet has.
func checkShortfallBounds(t *testing.T, label string, s SubnetResult, prefixesPerNode int) {
	t.Helper()
	needed := (s.PlannedNodes + s.SurgeNodes) * prefixesPerNode
	if s.IPsPerNode == 1 && prefixesPerNode > 0 {
		needed = 0 // custom networking: the prefixes are in the pod subnet
	}
	switch {
	case s.ShortfallIPs > s.RequiredIPs+s.KeepFreeIPs:
		t.Fatalf("%s: shortfall %d > required %d + keep free %d", label, s.ShortfallIPs, s.RequiredIPs, s.KeepFreeIPs)
	case s.SmallestFittingPrefixLength >= s.cidrBits() && s.ShortfallIPs > s.TotalIPs:
		t.Fatalf("%s: a fresh /%d fits, yet %d IPs short in %d addresses", label, s.SmallestFittingPrefixLength, s.ShortfallIPs, s.TotalIPs)
	case s.ShortfallBlocks > needed:
		t.Fatalf("%s: %d blocks short of %d needed", label, s.ShortfallBlocks, needed)
	case s.ShortfallBlocks*ipsPerPrefix > s.ShortfallIPs:
		t.Fatalf("%s: %d blocks short but only %d IPs", label, s.ShortfallBlocks, s.ShortfallIPs)
	case s.PrefixBlocksSpoiled > s.PrefixEligibleBlocks:
		t.Fatalf("%s: %d of %d eligible blocks spoiled", label, s.PrefixBlocksSpoiled, s.PrefixEligibleBlocks)
	}
}

// cidrBits is the prefix length of the result's CIDR.
func (s SubnetResult) cidrBits() int { return netip.MustParsePrefix(s.CIDRBlock).Bits() }

// checkSmallest re-runs in with a fresh subnet of bits and bits+1.
func checkSmallest(t *testing.T, in SubnetCapacityInput, bits int) {
	t.Helper()
	orig := in.Subnets[0]
	for _, b := range []int{bits, bits + 1} {
		if b > subnetMaxPrefixLength {
			continue
		}
		in.Subnets = []SubnetSpec{{CIDRBlock: fmt.Sprintf("10.0.0.0/%d", b), ClusterSubnet: orig.ClusterSubnet}}
		r, _, err := SubnetCapacity(in)
		if err != nil {
			t.Fatal(err)
		}
		if fits := r.Subnets[0].Fits; fits != (b == bits) {
			t.Fatalf("smallest fitting /%d: a fresh /%d fits = %v", bits, b, fits)
		}
	}
}

func BenchmarkSubnetCapacity(b *testing.B) {
	for _, bc := range []struct {
		name string
		in   SubnetCapacityInput
	}{
		{"secondary /16 1000 nodes", SubnetCapacityInput{
			NodeIPsInput: NodeIPsInput{Instance: mustLookup("m5.large")}, Subnets: subnets("10.0.0.0/16"), NodeCount: 1000,
			Reserved: ReservedIPs{ApplicationLoadBalancers: 2, InterfaceEndpoints: 10}}},
		{"prefix /16 scattered", SubnetCapacityInput{
			NodeIPsInput: NodeIPsInput{Instance: mustLookup("c5.4xlarge"), Networking: Networking{PrefixDelegation: true}, PodsPerNode: ptr(100)},
			Subnets:      subnets("10.0.0.0/16"), NodeCount: 1000, PrefixLayout: prefixLayoutScattered}},
		{"prefix /16 packed", SubnetCapacityInput{
			NodeIPsInput: NodeIPsInput{Instance: mustLookup("c5.4xlarge"), Networking: Networking{PrefixDelegation: true}, PodsPerNode: ptr(100)},
			Subnets:      subnets("10.0.0.0/16"), NodeCount: 1000, PrefixLayout: prefixLayoutPacked}},
		{"three AZs custom networking prefix", SubnetCapacityInput{
			NodeIPsInput: NodeIPsInput{Instance: mustLookup("m5.large"), Networking: Networking{PrefixDelegation: true, CustomNetworking: true}, PodsPerNode: ptr(60)},
			Subnets:      subnets("10.0.0.0/20", "10.0.16.0/20", "10.0.32.0/20"),
			PodSubnets:   subnets("100.64.0.0/16", "100.65.0.0/16", "100.66.0.0/16"), NodeCount: 300}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			for b.Loop() {
				if _, _, err := SubnetCapacity(bc.in); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestPrefixShortfallExplainsSpoiledBlocks: a /20 with 191 addresses in use,
// 10 c6i.2xlarge prefix nodes + 2 surge (7 prefixes and 1 single each) and 28
// reserved IPs as a cluster subnet. Scattered: 191 + 12 + 28 = 231 of 254
// eligible blocks are spoiled, leaving 23 for 84 prefixes: 61 blocks (976 IPs) short.
func TestPrefixShortfallExplainsSpoiledBlocks(t *testing.T) {
	res, _, err := SubnetCapacity(SubnetCapacityInput{
		NodeIPsInput: nodeIn("c6i.2xlarge", Networking{PrefixDelegation: true}, WarmTargets{}, nil, 108),
		Subnets:      []SubnetSpec{{CIDRBlock: "10.0.16.0/20", Name: "b", AvailableIPAddressCount: ptr(3900), ClusterSubnet: true}},
		NodeCount:    10,
		Reserved:     ReservedIPs{ApplicationLoadBalancers: 2, InterfaceEndpoints: 6},
	})
	if err != nil {
		t.Fatal(err)
	}
	r := res.Subnets[0]
	if r.PrefixBlocksNeeded != 84 || r.PrefixBlocksSpoiled != 231 || r.ShortfallIPs != 976 || r.MaxNodes != 4 {
		t.Fatalf("result = %+v", r)
	}
	want := "Prefix delegation also needs 84 aligned free /28 blocks (7 prefixes per node); of the subnet's 254 eligible blocks, " +
		"the scattered layout assumes 231 are taken by single IPs (191 already in use, the rest nodes' and reserved IPs), leaving 23."
	if len(res.Shortfalls) != 1 || !strings.Contains(res.Shortfalls[0].Detail, want) {
		t.Errorf("shortfalls = %+v\nwant detail containing %q", res.Shortfalls, want)
	}
}

// TestPrefixShortfallCappedAtEligibleBlocks (issue 14 item 1): a /24 with 100
// free addresses (151 in use) and one m5.large prefix node (7 prefixes and 1
// single IP; 1 planned + 2 surge). The 151 used addresses spoil all 14
// eligible blocks, not 154: the 3 nodes lack their 21 blocks, 336 IPs, never
// more than the 339 they need (it used to say 2576).
func TestPrefixShortfallCappedAtEligibleBlocks(t *testing.T) {
	in := SubnetCapacityInput{
		NodeIPsInput: NodeIPsInput{Instance: mustLookup("m5.large"), Networking: Networking{PrefixDelegation: true}},
		Subnets:      []SubnetSpec{{CIDRBlock: "10.0.0.0/24", AvailableIPAddressCount: ptr(100)}},
		NodeCount:    1,
	}
	for _, c := range []struct {
		layout, surge                            string
		surgeNodes                               int
		spoiled, blocksShort, ipsShort, headroom int
	}{
		{prefixLayoutScattered, "2", 2, 14, 21, 336, -336},
		{prefixLayoutPacked, "2", 2, 8, 15, 240, -240},
		// Without surge: 7 blocks short (112 IPs), more than the 13 addresses short.
		{prefixLayoutScattered, "0", 0, 14, 7, 112, -112},
		{prefixLayoutPacked, "0", 0, 8, 1, 16, -16},
	} {
		in.PrefixLayout, in.SurgeNodesPerSubnet = c.layout, ptr(c.surgeNodes)
		res, _, err := SubnetCapacity(in)
		if err != nil {
			t.Fatal(err)
		}
		s := res.Subnets[0]
		if s.PrefixBlocksSpoiled != c.spoiled || s.ShortfallBlocks != c.blocksShort || s.ShortfallIPs != c.ipsShort ||
			s.HeadroomIPs != c.headroom || res.ShortfallBlocks != c.blocksShort || res.ShortfallIPs != c.ipsShort || s.MaxNodes != 0 {
			t.Errorf("%s surge %s: %+v", c.layout, c.surge, s)
		}
	}
}

// TestPrefixEligibleBlocksHonourReservations (issue 14 item 3): with prefix
// reservations, prefixes come only from them, so prefix_eligible_blocks is
// the eligible blocks inside the reservations; shortfall blocks count against them.
func TestPrefixEligibleBlocksHonourReservations(t *testing.T) {
	in := SubnetCapacityInput{
		NodeIPsInput: nodeIn("m5.large", Networking{PrefixDelegation: true}, WarmTargets{}, ptr(110), 10),
		Subnets: []SubnetSpec{
			{CIDRBlock: "10.0.0.0/24"},
			{CIDRBlock: "10.0.1.0/24", PrefixReservations: []string{"10.0.1.128/26"}},
			{CIDRBlock: "10.0.2.0/24", PrefixReservations: []string{"10.0.2.0/26", "10.0.2.224/27"}},
		},
		NodeCount:           6,
		SurgeNodesPerSubnet: ptr(0),
	}
	res, _, err := SubnetCapacity(in)
	if err != nil {
		t.Fatal(err)
	}
	// 2 nodes per subnet, 2 prefixes each: 4 blocks. /26 = 4 blocks; 10.0.2.0/26
	// loses its first block (.0-.3) and the /27 its last (broadcast): 3 + 1.
	for i, want := range []struct{ eligible, short int }{{14, 0}, {4, 0}, {4, 0}} {
		if s := res.Subnets[i]; s.PrefixEligibleBlocks != want.eligible || s.ShortfallBlocks != want.short || !s.Fits {
			t.Errorf("subnet %d: eligible %d short %d fits %v, want %d %d true", i, s.PrefixEligibleBlocks, s.ShortfallBlocks, s.Fits, want.eligible, want.short)
		}
	}
	in.NodeCount = 9 // 3 nodes per subnet: 6 blocks; the reserved subnets lack 2
	res, _, err = SubnetCapacity(in)
	if err != nil {
		t.Fatal(err)
	}
	for i, want := range []int{0, 2, 2} {
		if s := res.Subnets[i]; s.ShortfallBlocks != want || s.ShortfallIPs != 16*want {
			t.Errorf("9 nodes, subnet %d: short %d blocks %d IPs, want %d, %d", i, s.ShortfallBlocks, s.ShortfallIPs, want, 16*want)
		}
	}
	if res.ShortfallBlocks != 4 || res.ShortfallIPs != 64 {
		t.Errorf("9 nodes: total short %d blocks %d IPs, want 4, 64", res.ShortfallBlocks, res.ShortfallIPs)
	}
}
