package sizing

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/ekssize/terraform-provider-ekssize/internal/ec2data"
)

// A Linux and a Windows node group share a /24 per zone, and each group's
// per-node figures are what NodeIPs gives for its type and OS.
//
// Secondary IPs (the defaults of both), three zones with a /24 each (251 free):
//
//	linux:   m5.large, max pods 29, 27 pods: ceil(27/9) + 1 = 4 ENIs, limited to 3, x 10 = 30 IPs per node;
//	         max_size 6 over 3 zones = 2 per zone + 2 surge = 4 nodes x 30 = 120
//	windows: m5.large, 9 pods: the controller's pool min(9, max(9 + 3, 3)) = 9 secondary IPs + the primary = 10;
//	         max_size 3 = 1 per zone + 2 surge = 3 nodes x 10 = 30
//	per zone: 120 + 30 = 150 required, 251 - 150 = 101 headroom, 7 nodes
func TestPlanMixedOSSecondaryIPs(t *testing.T) {
	in := PlanInput{Subnets: threeAZs("10.0.0.0/24", "10.0.1.0/24", "10.0.2.0/24"),
		NodeGroups: []PlanGroup{
			{Name: "linux", InstanceTypes: []string{"m5.large"}, MaxNodes: 6},
			{Name: "win", OS: "windows", InstanceTypes: []string{"m5.large"}, MaxNodes: 3},
		}}
	res, warns, err := Plan(in)
	if err != nil || len(warns) != 0 {
		t.Fatalf("%v %v", err, warns)
	}
	for i, s := range res.Subnets {
		if s.RequiredIPs != 150 || s.HeadroomIPs != 101 || s.Nodes != 7 || !s.Fits {
			t.Errorf("subnet %d: %+v", i, s)
		}
		if len(s.Uses) != 2 || s.Uses[0].IPs != 120 || s.Uses[1].IPs != 30 {
			t.Errorf("subnet %d uses %+v", i, s.Uses)
		}
	}
	want := []struct {
		os                 string
		maxPods, pods, ips int
		nodes, surge       int
		net                Networking
	}{
		{"linux", 29, 27, 30, 12, 6, Networking{}},
		{"windows", 9, 9, 10, 9, 6, Networking{OS: "windows"}},
	}
	for i, w := range want {
		g := res.Groups[i]
		if g.OS != w.os || g.Usage.MaxPods != w.maxPods || g.Usage.PodsPerNode != w.pods || g.Usage.NodeSubnetIPs != w.ips ||
			g.Nodes != w.nodes || g.SurgeNodes != w.surge {
			t.Errorf("group %d: %+v", i, g)
		}
		single, _, err := NodeIPs(NodeIPsInput{Instance: mustLookup("m5.large"), Networking: w.net})
		if err != nil || !reflect.DeepEqual(single, g.Usage) {
			t.Errorf("group %d: plan %+v, node_ips %+v (%v)", i, g.Usage, single, err)
		}
	}
}

// With prefix delegation on both (aws-node's ENABLE_PREFIX_DELEGATION for the
// Linux group, the ConfigMap's enable-windows-prefix-delegation for the
// Windows one), one node of each in a /24 (no surge) shares its 14 eligible
// /28 blocks:
//
//	linux:   m5.large, max pods 110, 108 pods: ceil(108/16) + 1 = 8 prefixes, limited to ceil(110/16) = 7; 1 + 16 x 7 = 113
//	windows: m5.large, 110 pods (kubelet's default): max(ceil((110 + 1)/16), ceil(3/16)) = 7 prefixes; 1 + 16 x 7 = 113
//	together: 14 blocks + 2 single IPs = 226 of 251 free
//	scattered: each single IP spoils a block, 14 - 2 = 12 left: 2 blocks (32 IPs) short, a /23 would hold it
//	packed:    the 2 single IPs sit in the edge blocks, all 14 blocks left: headroom min(251 - 226, 16 x 0) = 0, it fits
func TestPlanMixedOSPrefixesShareBlocks(t *testing.T) {
	sn := []PlanSubnet{{SubnetSpec: SubnetSpec{Name: "a", CIDRBlock: "10.0.0.0/24"}, AvailabilityZone: "eu-west-1a"}}
	groups := []PlanGroup{
		{Name: "linux", InstanceTypes: []string{"m5.large"}, MaxNodes: 1, SurgeNodesPerSubnet: ptr(0)},
		{Name: "win", OS: "windows", InstanceTypes: []string{"m5.large"}, MaxNodes: 1, SurgeNodesPerSubnet: ptr(0)},
	}
	for _, tc := range []struct {
		layout                     string
		headroom, blocksShort, len int
		avail                      int
		fits                       bool
	}{
		{"scattered", -32, 2, 23, 12, false},
		{"packed", 0, 0, 24, 14, true},
	} {
		res := mustPlan(t, PlanInput{Networking: Networking{PrefixDelegation: true}, Windows: &WindowsConfigMap{PrefixDelegation: true},
			PrefixLayout: tc.layout, Subnets: sn, NodeGroups: groups})
		s := res.Subnets[0]
		avail := s.PrefixBlocksAvailableScattered
		if tc.layout == "packed" {
			avail = s.PrefixBlocksAvailablePacked
		}
		if s.RequiredIPs != 226 || s.PrefixBlocksNeeded != 14 || s.HeadroomIPs != tc.headroom || s.ShortfallBlocks != tc.blocksShort ||
			avail != tc.avail || s.Fits != tc.fits || s.SmallestFittingPrefixLength != tc.len {
			t.Errorf("%s: %+v", tc.layout, s)
		}
		for i, want := range []Networking{{PrefixDelegation: true}, {OS: "windows", PrefixDelegation: true}} {
			g := res.Groups[i]
			single, _, err := NodeIPs(NodeIPsInput{Instance: mustLookup("m5.large"), Networking: want})
			if err != nil || !reflect.DeepEqual(single, g.Usage) || g.Usage.NodeSubnetIPs != 113 || g.Usage.Prefixes != 7 || g.Usage.MaxPods != 110 {
				t.Errorf("%s group %d: plan %+v, node_ips %+v (%v)", tc.layout, i, g.Usage, single, err)
			}
		}
	}
}

// windows_config_map's targets are the ConfigMap's Windows keys: the same
// numbers as os = "windows" with the plan-level settings, and what NodeIPs
// gives with os = "windows" and those targets.
func TestPlanWindowsConfigMapEqualsWindowsPlan(t *testing.T) {
	sn := threeAZs("10.0.0.0/22", "10.0.4.0/22")
	group := PlanGroup{Name: "win", InstanceTypes: []string{"m5.large", "c5.xlarge"}, MaxNodes: 7, PodsPerNode: ptr(40)}
	legacy := PlanInput{Networking: Networking{OS: "windows", PrefixDelegation: true}, Warm: WarmTargets{WarmIPTarget: ptr(5), MinimumIPTarget: ptr(20)},
		Subnets: sn, NodeGroups: []PlanGroup{group}}
	group.OS = "windows"
	mixed := PlanInput{Windows: &WindowsConfigMap{PrefixDelegation: true, WarmIPTarget: ptr(5), MinimumIPTarget: ptr(20)},
		Subnets: sn, NodeGroups: []PlanGroup{group, {Name: "linux", InstanceTypes: []string{"m5.large"}, MaxNodes: 0, SurgeNodesPerSubnet: ptr(0)}}}
	a, b := mustPlan(t, legacy), mustPlan(t, mixed)
	if !reflect.DeepEqual(a.Groups[0], b.Groups[0]) {
		t.Errorf("groups differ:\n%+v\n%+v", a.Groups[0], b.Groups[0])
	}
	for i := range a.Subnets {
		if a.Subnets[i].RequiredIPs != b.Subnets[i].RequiredIPs || a.Subnets[i].HeadroomIPs != b.Subnets[i].HeadroomIPs {
			t.Errorf("subnet %d: %+v vs %+v", i, a.Subnets[i], b.Subnets[i])
		}
	}
	// 40 pods, warm 5, minimum 20: max(ceil(45/16), ceil(20/16)) = 3 prefixes, 1 + 48 = 49 per node on either type.
	single, _, err := NodeIPs(NodeIPsInput{Instance: mustLookup("m5.large"), PodsPerNode: ptr(40),
		Networking: Networking{OS: "windows", PrefixDelegation: true}, Warm: WarmTargets{WarmIPTarget: ptr(5), MinimumIPTarget: ptr(20)}})
	if err != nil || b.Groups[0].Usage.NodeSubnetIPs != 49 || single.NodeSubnetIPs != 49 || b.Groups[0].OS != "windows" {
		t.Errorf("per node %+v, node_ips %+v (%v)", b.Groups[0].Usage, single, err)
	}
}

// Custom networking and subnet discovery are aws-node's: a Windows group
// takes all its addresses in its node subnet, and needs no ENIConfig subnet.
func TestPlanMixedOSPodSubnets(t *testing.T) {
	sn := []PlanSubnet{
		{SubnetSpec: SubnetSpec{Name: "node-a", CIDRBlock: "10.0.0.0/26"}, AvailabilityZone: "eu-west-1a"},
		{SubnetSpec: SubnetSpec{Name: "pod-a", CIDRBlock: "100.64.0.0/24"}, AvailabilityZone: "eu-west-1a", Role: SubnetRolePod},
		{SubnetSpec: SubnetSpec{Name: "node-b", CIDRBlock: "10.0.0.64/26"}, AvailabilityZone: "eu-west-1b"},
	}
	groups := []PlanGroup{
		{Name: "linux", InstanceTypes: []string{"m5.large"}, MaxNodes: 10, Subnets: []string{"node-a"}},
		{Name: "win", OS: "windows", InstanceTypes: []string{"m5.large"}, MaxNodes: 2},
	}
	// Custom networking: linux 12 nodes x 1 in node-a and 12 x 20 = 240 in
	// pod-a (TestPlanCustomNetworking); win 1 + 2 surge nodes x 10 = 30 in
	// node-a and in node-b, whose zone has no ENIConfig subnet.
	res := mustPlan(t, PlanInput{Networking: Networking{CustomNetworking: true}, Subnets: sn, NodeGroups: groups})
	for i, want := range []int{42, 240, 30} {
		if got := res.Subnets[i].RequiredIPs; got != want {
			t.Errorf("custom networking: subnet %d required %d, want %d", i, got, want)
		}
	}
	if u := res.Groups[1].Usage; u.CustomNetworking || u.NodeSubnetIPs != 10 || u.PodSubnetIPs != 0 {
		t.Errorf("windows usage %+v", u)
	}
	// Subnet discovery (pod-a tagged kubernetes.io/role/cni): linux's
	// further ENIs may go to pod-a, win's addresses never do. linux: 12
	// nodes x 3 ENIs of 10 (27 pods); each primary ENI stays in node-a (120),
	// and its 2 further ENIs go where the most addresses are free: node-a
	// (59 free) already holds 120 + win's 30, so all 24 go to pod-a (240 of
	// 251). win: 3 nodes x 10 in node-a and in node-b.
	res = mustPlan(t, PlanInput{Subnets: sn, NodeGroups: groups})
	for i, want := range []int{150, 240, 30} {
		if got := res.Subnets[i].RequiredIPs; got != want {
			t.Errorf("discovery: subnet %d required %d, want %d", i, got, want)
		}
	}
	for _, u := range res.Subnets[1].Uses {
		if u.Group == "win" {
			t.Errorf("windows group in the discovered subnet: %+v", res.Subnets[1].Uses)
		}
	}
}

// Security groups for pods are aws-node's and the controller's trunk ENI on
// Linux nodes: a Windows group has no trunk ENI.
func TestPlanMixedOSSecurityGroupsForPods(t *testing.T) {
	res := mustPlan(t, PlanInput{Networking: Networking{SecurityGroupsForPods: true},
		Subnets: threeAZs("10.0.0.0/24"),
		NodeGroups: []PlanGroup{
			{Name: "linux", InstanceTypes: []string{"m5.large"}, MaxNodes: 1, SurgeNodesPerSubnet: ptr(0), PodsPerNode: ptr(10), BranchPodsPerNode: 3},
			{Name: "win", OS: "windows", InstanceTypes: []string{"m5.large"}, MaxNodes: 1, SurgeNodesPerSubnet: ptr(0)},
		}})
	if w := res.Groups[1].Usage; w.TrunkENI != 0 || w.NodeSubnetIPs != 10 {
		t.Errorf("windows %+v", w)
	}
	// The Linux node: the trunk ENI takes one of m5.large's 3 ENIs, so max
	// pods 2 x 9 + 2 = 20; 10 pods: ceil(10/9) + 1 = 3 ENIs, limited to 2 x
	// 10 = 20, + 1 trunk ENI IP + 3 branch pod IPs = 24 (NodeIPs' figures).
	single, _, err := NodeIPs(NodeIPsInput{Instance: mustLookup("m5.large"), Networking: Networking{SecurityGroupsForPods: true},
		PodsPerNode: ptr(10), BranchPodsPerNode: 3})
	if l := res.Groups[0].Usage; err != nil || !reflect.DeepEqual(l, single) || l.TrunkENI != 1 || l.MaxPods != 20 || l.PodENIs != 2 ||
		l.NodeSubnetIPs != 24 || res.Subnets[0].RequiredIPs != 34 {
		t.Errorf("linux %+v, node_ips %+v (%v), required %d", l, single, err, res.Subnets[0].RequiredIPs)
	}
	// max_eni (aws-node's MAX_ENI) limits the Linux group only: m5.large with
	// 2 ENIs has max pods 2 x 9 + 2 = 20, 18 pods on 2 ENIs x 10 = 20 IPs;
	// the Windows node keeps its 9 pods and 10 IPs on the primary ENI.
	res = mustPlan(t, PlanInput{Networking: Networking{MaxENI: ptr(2)}, Subnets: threeAZs("10.0.0.0/24"),
		NodeGroups: []PlanGroup{
			{Name: "linux", InstanceTypes: []string{"m5.large"}, MaxNodes: 1},
			{Name: "win", OS: "windows", InstanceTypes: []string{"m5.large"}, MaxNodes: 1},
		}})
	if l, w := res.Groups[0].Usage, res.Groups[1].Usage; l.MaxPods != 20 || l.NodeSubnetIPs != 20 || w.MaxPods != 9 || w.NodeSubnetIPs != 10 {
		t.Errorf("max_eni: linux %+v windows %+v", l, w)
	}
}

func TestPlanMixedOSBadInput(t *testing.T) {
	mixed := func() PlanInput {
		return PlanInput{Subnets: threeAZs("10.0.0.0/24"), NodeGroups: []PlanGroup{
			{Name: "linux", InstanceTypes: []string{"m5.large"}, MaxNodes: 3},
			{Name: "win", OS: "windows", InstanceTypes: []string{"m5.large"}, MaxNodes: 3},
		}}
	}
	for _, tc := range []struct {
		name  string
		edit  func(*PlanInput)
		field string
		msg   string
	}{
		{"bad group os", func(in *PlanInput) { in.NodeGroups[1].OS = "Windows" }, "node_group[1].os", `node_group[1].os is "Windows"; it must be one of "linux" or "windows"`},
		{"config map in a windows plan", func(in *PlanInput) {
			in.Networking.OS = "windows"
			in.Windows = &WindowsConfigMap{}
		}, "windows_config_map", `windows_config_map is given, but os is "windows": the plan-level prefix_delegation and warm targets then already stand for the amazon-vpc-cni ConfigMap's Windows keys, so the same settings would be given twice. Either remove windows_config_map, or set os = "linux" (the default) on the plan, os = "windows" on the Windows groups, and keep the Windows settings in windows_config_map`},
		{"config map without a windows group", func(in *PlanInput) {
			in.NodeGroups[1].OS = ""
			in.Windows = &WindowsConfigMap{PrefixDelegation: true}
		}, "windows_config_map", `windows_config_map is given, but no node_group or node_pool has os = "windows": it configures the VPC resource controller for Windows nodes only; set os = "windows" on the Windows groups, or remove windows_config_map`},
		{"linux group with windows plan-level settings", func(in *PlanInput) {
			in.Networking = Networking{OS: "windows", PrefixDelegation: true}
			in.NodeGroups[0].OS = "linux"
			in.NodeGroups[1].OS = ""
		}, "node_group[0].os", `node_group "linux" has os = "linux" in a plan whose os is "windows", where the plan-level prefix_delegation stands for the amazon-vpc-cni ConfigMap's Windows key, not for aws-node's setting that sizes Linux nodes; set os = "linux" (the default) on the plan, os = "windows" on the Windows groups and their settings in windows_config_map, so that the plan-level settings are aws-node's`},
		{"warm_eni_target beside a windows-key setting in a windows plan", func(in *PlanInput) {
			in.Networking = Networking{OS: "windows"}
			in.Warm = WarmTargets{WarmENITarget: ptr(1), MinimumIPTarget: ptr(3)}
			in.NodeGroups[0].OS = "linux"
			in.NodeGroups[1].OS = ""
		}, "node_group[0].os", `node_group "linux" has os = "linux" in a plan whose os is "windows", where the plan-level minimum_ip_target stands for the amazon-vpc-cni ConfigMap's Windows key, not for aws-node's setting that sizes Linux nodes; set os = "linux" (the default) on the plan, os = "windows" on the Windows groups and their settings in windows_config_map, so that the plan-level settings are aws-node's`},
		{"aws-node settings with only windows groups", func(in *PlanInput) {
			in.NodeGroups = in.NodeGroups[1:]
			in.Warm.WarmIPTarget = ptr(2)
		}, "warm_ip_target", `warm_ip_target is set on the plan, but every node_group and node_pool has os = "windows": in a plan whose os is "linux" the plan-level warm_ip_target is aws-node's setting, which sizes Linux nodes only; give the Windows setting in windows_config_map (its windows_config_map.warm_ip_target, the ConfigMap's windows-warm-ip-target), or set os = "windows" on the plan`},
		{"windows group in an ipv6 plan", func(in *PlanInput) { in.Networking.IPFamily = "ipv6" }, "node_group[1].os",
			`node_group "win" has os = "windows", but ip_family is "ipv6": EKS does not support IPv6 on Windows nodes (EKS User Guide, "Deploy Windows nodes on EKS clusters", considerations), so an IPv6 cluster cannot run them; plan the Windows groups in an IPv4 cluster`},
		{"branch pods on a windows group", func(in *PlanInput) {
			in.Networking.SecurityGroupsForPods = true
			in.NodeGroups[1].BranchPodsPerNode = 2
		}, "node_group[1].branch_pods_per_node", `node_group[1].branch_pods_per_node is 2, but node_group "win" has os = "windows": security groups for pods are not supported for pods on Windows nodes (EKS User Guide, "Deploy Windows nodes on EKS clusters", considerations), so its nodes have no trunk or branch ENIs; remove branch_pods_per_node (security_groups_for_pods applies to the Linux groups only)`},
		{"negative windows target", func(in *PlanInput) { in.Windows = &WindowsConfigMap{MinimumIPTarget: ptr(-1)} }, "windows_config_map.minimum_ip_target",
			`windows_config_map.minimum_ip_target is -1; it must be between 0 and 1048576 (the amazon-vpc-cni ConfigMap's windows-minimum-ip-target)`},
		{"windows minimum alone", func(in *PlanInput) { in.Windows = &WindowsConfigMap{MinimumIPTarget: ptr(4)} }, "windows_config_map.minimum_ip_target",
			`node_group "win", instance type m5.large: windows_config_map.minimum_ip_target = 4 without windows_config_map.warm_ip_target freezes each Windows node at 4 IPs: the VPC resource controller v1.8.2 reads an absent windows-warm-ip-target as 0 once windows-minimum-ip-target is set (its default 3 applies only when both are absent), allocates up to the minimum and never more, so pod number 5 on a node never gets an IP (pods_per_node is 9 (the default: max_pods 9)). Set windows_config_map.warm_ip_target too (0 counts as 1), raise windows_config_map.minimum_ip_target to at least 9, or lower pods_per_node to 4.`},
		{"windows pods past the capacity", func(in *PlanInput) { in.NodeGroups[1].MaxPods, in.NodeGroups[1].PodsPerNode = ptr(20), ptr(12) }, "node_group[1].pods_per_node",
			`node_group "win", instance type m5.large: pods_per_node is 12, but the VPC resource controller gives a Windows m5.large at most 9 secondary IPs on the primary ENI (IPv4 per ENI 10 - 1), its vpc.amazonaws.com/PrivateIPv4Address capacity, so pod number 10 on a node is never scheduled; lower pods_per_node or enable windows_config_map.prefix_delegation`},
		{"type the controller lacks", func(in *PlanInput) { in.NodeGroups[1].InstanceTypes = []string{"hpc7a.12xlarge"} }, "node_group[1].os",
			`node_group "win", instance type hpc7a.12xlarge: os = "windows": hpc7a.12xlarge is not in the VPC resource controller's instance limits (amazon-vpc-resource-controller-k8s v1.8.2, pkg/aws/vpc/limits.go), which gives it no pod address capacity and reports "The instance type hpc7a.12xlarge is not supported for Windows"; use another type`},
		// A group that takes os = "windows" from the plan is refused branch pods
		// as one that sets it (not told to turn security groups for pods on).
		{"branch pods on a group windows by the plan", func(in *PlanInput) {
			in.Networking.OS = osWindows
			in.NodeGroups = in.NodeGroups[1:]
			in.NodeGroups[0].OS, in.NodeGroups[0].BranchPodsPerNode = "", 2
		}, "node_group[0].branch_pods_per_node", `node_group[0].branch_pods_per_node is 2, but node_group "win" has os = "windows": security groups for pods are not supported for pods on Windows nodes (EKS User Guide, "Deploy Windows nodes on EKS clusters", considerations), so its nodes have no trunk or branch ENIs; remove branch_pods_per_node (security_groups_for_pods applies to the Linux groups only)`},
		// The plan has no instance object: its advice is the functions' (FunctionMsg).
		{"vCPU count unknown", func(in *PlanInput) { in.NodeGroups[0].InstanceTypes = []string{"c7i.32xlarge"} }, "cap_policy",
			`node_group "linux", instance type c7i.32xlarge: cap_policy "eks" needs the vCPU count, which is unknown for c7i.32xlarge; set cap_policy = "none" (with max_pods_limit for a cap of your own), or give vcpus in the instance object of the matching data source`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := mixed()
			tc.edit(&in)
			_, _, err := Plan(in)
			var ie *InputError
			if !errors.As(err, &ie) || ie.Field != tc.field || ie.Msg != tc.msg {
				t.Fatalf("got %#v, want field %s with %q", err, tc.field, tc.msg)
			}
			if err := ValidatePlan(in); err == nil || err.Error() != ie.Msg {
				t.Errorf("ValidatePlan gave %v", err)
			}
		})
	}
	// A Linux group in a Windows plan with none of those settings: aws-node's defaults.
	in := mixed()
	in.Networking.OS = "windows"
	in.NodeGroups[0].OS, in.NodeGroups[1].OS = "linux", ""
	res := mustPlan(t, in)
	if res.Groups[0].OS != "linux" || res.Groups[0].Usage.NodeSubnetIPs != 30 || res.Groups[1].OS != "windows" || res.Groups[1].Usage.NodeSubnetIPs != 10 {
		t.Errorf("groups %+v", res.Groups)
	}
	// The group's os and windows_config_map not known yet: the checks that need them wait.
	in = mixed()
	in.NodeGroups[1] = PlanGroup{Unknown: true}
	in.Windows = &WindowsConfigMap{}
	if err := ValidatePlan(in); err != nil {
		t.Errorf("unknown group: %v", err)
	}
}

// warm_eni_target is aws-node's WARM_ENI_TARGET in either plan (the
// ConfigMap has no Windows key for it), and the aws-node settings without a
// Windows counterpart configure no group of a linux plan whose every group
// is Windows: a warning each.
func TestPlanMixedOSAWSNodeOnlySettings(t *testing.T) {
	// os = "windows" with a Linux group: warm_eni_target 0 sizes the Linux
	// group (10 pods: ceil(10/9) = 2 ENIs x 10 = 20, not 2 + 1 warm = 30),
	// and the Windows group's "has no effect" warning is left out.
	in := PlanInput{Networking: Networking{OS: osWindows}, Warm: WarmTargets{WarmENITarget: ptr(0)}, Subnets: threeAZs("10.0.0.0/24"),
		NodeGroups: []PlanGroup{
			{Name: "linux", OS: osLinux, InstanceTypes: []string{"m5.large"}, MaxNodes: 1, PodsPerNode: ptr(10)},
			{Name: "win", InstanceTypes: []string{"m5.large"}, MaxNodes: 1},
		}}
	res, warns, err := Plan(in)
	single, _, _ := NodeIPs(NodeIPsInput{Instance: mustLookup("m5.large"), PodsPerNode: ptr(10), Warm: WarmTargets{WarmENITarget: ptr(0)}})
	if err != nil || len(warns) != 0 || res.Groups[0].Usage.NodeSubnetIPs != 20 || !reflect.DeepEqual(res.Groups[0].Usage, single) ||
		res.Groups[1].Usage.NodeSubnetIPs != 10 {
		t.Errorf("windows plan with a linux group: %v %v %+v", err, warns, res.Groups)
	}
	// Without the Linux group it sizes nothing: os = "windows"'s warning.
	in.NodeGroups = in.NodeGroups[1:]
	_, warns, err = Plan(in)
	want := []Warning{{Field: "warm_eni_target", Summary: "warm_eni_target has no effect here",
		Detail: `With os = "windows" the VPC resource controller manages pod addresses on the primary ENI only and has no warm ENI target.`}}
	if err != nil || !reflect.DeepEqual(warns, want) {
		t.Errorf("windows plan: %v %#v", err, warns)
	}

	// A linux plan whose every group is Windows.
	const tail = ` (Windows pods take addresses of the primary ENI, in the node subnet, from the VPC resource controller), so it changes no number here; remove it, or add the Linux groups it is meant for.`
	const start = ` is set on the plan, but every node_group and node_pool has os = "windows": `
	sn := []PlanSubnet{
		{SubnetSpec: SubnetSpec{Name: "node-a", CIDRBlock: "10.0.0.0/24"}, AvailabilityZone: "eu-west-1a"},
		{SubnetSpec: SubnetSpec{Name: "pod-a", CIDRBlock: "100.64.0.0/24"}, AvailabilityZone: "eu-west-1a", Role: SubnetRolePod},
	}
	res, warns, err = Plan(PlanInput{
		Networking: Networking{CustomNetworking: true, SecurityGroupsForPods: true, MaxENI: ptr(2), ReservedENIs: 1},
		Warm:       WarmTargets{WarmENITarget: ptr(2)}, Subnets: sn,
		NodeGroups: []PlanGroup{{Name: "win", OS: osWindows, InstanceTypes: []string{"m5.large"}, MaxNodes: 1}},
	})
	want = []Warning{
		{Field: "warm_eni_target", Summary: "warm_eni_target configures no group of this plan",
			Detail: "warm_eni_target" + start + "it configures aws-node (WARM_ENI_TARGET), which no group of this plan runs, and the VPC resource controller has no warm ENI target" + tail},
		{Field: "custom_networking", Summary: "custom_networking configures no group of this plan",
			Detail: "custom_networking" + start + "it configures aws-node (AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG), which no group of this plan runs" + tail},
		{Field: "security_groups_for_pods", Summary: "security_groups_for_pods configures no group of this plan",
			Detail: "security_groups_for_pods" + start + "it configures aws-node (ENABLE_POD_ENI), which no group of this plan runs, and EKS does not support security groups for pods on Windows nodes" + tail},
		{Field: "max_eni", Summary: "max_eni configures no group of this plan",
			Detail: "max_eni" + start + "it configures aws-node (MAX_ENI), which no group of this plan runs" + tail},
		{Field: "reserved_enis", Summary: "reserved_enis configures no group of this plan",
			Detail: "reserved_enis" + start + "it keeps ENIs away from pods in the Linux max pods arithmetic, which no group of this plan uses" + tail},
		{Field: "subnet[1].role", Summary: "Pod subnet used by no group of this plan",
			Detail: `subnet[1].role is "pod", but every node_group and node_pool has os = "windows": a pod subnet is aws-node's (the ENIConfig subnet of custom networking, or a subnet discovery subnet), which no group of this plan runs (Windows pods take addresses of the primary ENI, in the node subnet, from the VPC resource controller), so no address of this plan goes there; remove it, or add the Linux groups it is meant for.`},
	}
	if err != nil || !reflect.DeepEqual(warns, want) {
		t.Fatalf("%v\n%#v", err, warns)
	}
	// The numbers are the same without them: 1 + 2 surge nodes x 10 in node-a, nothing in pod-a.
	if res.Subnets[0].RequiredIPs != 30 || res.Subnets[1].RequiredIPs != 0 || res.Groups[0].Usage.NodeSubnetIPs != 10 {
		t.Errorf("numbers %+v %+v", res.Subnets, res.Groups)
	}
}

// A plan-level prefix_delegation in a linux plan with Windows groups and no
// windows_config_map sizes the Linux groups only: a warning, which an empty
// windows_config_map silences; the numbers are the same either way.
func TestPlanPrefixDelegationLinuxOnlyWarning(t *testing.T) {
	in := PlanInput{Networking: Networking{PrefixDelegation: true}, Subnets: threeAZs("10.0.0.0/22"), NodeGroups: []PlanGroup{
		{Name: "linux", InstanceTypes: []string{"m5.large"}, MaxNodes: 1},
		{Name: "win", OS: osWindows, InstanceTypes: []string{"m5.large"}, MaxNodes: 1},
	}, NodePools: []PlanGroup{{Name: "win-pool", OS: osWindows, InstanceTypes: []string{"m5.large"}, MaxNodes: 1}}}
	res, warns, err := Plan(in)
	want := []Warning{{Field: "prefix_delegation", Summary: "prefix_delegation sizes the Linux groups only",
		Detail: `In a plan whose os is "linux" prefix_delegation is aws-node's ENABLE_PREFIX_DELEGATION, which configures Linux nodes; windows_config_map is not given, so the Windows groups (node_group "win", node_pool "win-pool") are sized with the VPC resource controller's secondary IPs. If the cluster's amazon-vpc-cni ConfigMap has enable-windows-prefix-delegation: "true", set windows_config_map { prefix_delegation = true }; to plan secondary IPs on Windows, give windows_config_map {} to say so.`}}
	if err != nil || !reflect.DeepEqual(warns, want) {
		t.Fatalf("%v %#v", err, warns)
	}
	in.Windows = &WindowsConfigMap{}
	quiet, warns, err := Plan(in)
	if err != nil || len(warns) != 0 || !reflect.DeepEqual(quiet, res) || res.Groups[0].Usage.Prefixes == 0 || res.Groups[1].Usage.SecondaryIPs != 9 {
		t.Errorf("with windows_config_map {}: %v %v %+v", err, warns, quiet.Groups)
	}
}

// windows_config_map's settings are named by their path in the warnings the
// Windows pool gives too (ekssize_subnet_capacity and node_ips() keep the
// bare names: their settings are the input's own attributes).
func TestPlanWindowsConfigMapWarnings(t *testing.T) {
	for _, tc := range []struct {
		name string
		cm   WindowsConfigMap
		want []Warning
	}{
		{"warm prefix target without prefix delegation", WindowsConfigMap{WarmPrefixTarget: ptr(2)}, []Warning{{
			Field: "windows_config_map.warm_prefix_target", Summary: "windows_config_map.warm_prefix_target has no effect here",
			Detail: `node_group "win", instance type m5.large: Prefix delegation is off, so the VPC resource controller ignores windows-warm-prefix-target.`}}},
		{"warm prefix target beside a warm IP target", WindowsConfigMap{PrefixDelegation: true, WarmIPTarget: ptr(1), WarmPrefixTarget: ptr(2)}, []Warning{{
			Field: "windows_config_map.warm_prefix_target", Summary: "windows_config_map.warm_prefix_target has no effect here",
			Detail: `node_group "win", instance type m5.large: windows_config_map.warm_ip_target or windows_config_map.minimum_ip_target is set, and the VPC resource controller then ignores windows-warm-prefix-target.`}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cm := tc.cm
			_, warns, err := Plan(PlanInput{Windows: &cm, Subnets: threeAZs("10.0.0.0/22"), NodeGroups: []PlanGroup{
				{Name: "linux", InstanceTypes: []string{"m5.large"}, MaxNodes: 1},
				{Name: "win", OS: osWindows, InstanceTypes: []string{"m5.large"}, MaxNodes: 1, PodsPerNode: ptr(4)},
			}})
			if err != nil || !reflect.DeepEqual(warns, tc.want) {
				t.Errorf("got %#v (%v), want %#v", warns, err, tc.want)
			}
		})
	}
}

// A Windows group's per-node figures in a mixed plan are NodeIPs' for the
// same type with os = "windows" and the ConfigMap's settings as warm targets
// (what ekssize_subnet_capacity and node_ips() answer), over every 15th table
// type; a type NodeIPs rejects is rejected by the plan too.
func TestPlanMixedOSAgreesWithNodeIPs(t *testing.T) {
	configs := []WindowsConfigMap{
		{},
		{WarmIPTarget: ptr(0)},
		{WarmIPTarget: ptr(2), MinimumIPTarget: ptr(6)},
		{PrefixDelegation: true},
		{PrefixDelegation: true, WarmIPTarget: ptr(5), MinimumIPTarget: ptr(20)},
		{PrefixDelegation: true, WarmPrefixTarget: ptr(2)},
	}
	checked, rejected, warned := 0, 0, 0
	for i, name := range ec2data.MustDefault().Names() {
		if i%15 != 0 {
			continue
		}
		for _, cm := range configs {
			for _, pods := range []*int{nil, ptr(4)} {
				in := NodeIPsInput{Instance: mustLookup(name), PodsPerNode: pods,
					Networking: Networking{OS: osWindows, PrefixDelegation: cm.PrefixDelegation},
					Warm:       WarmTargets{WarmIPTarget: cm.WarmIPTarget, MinimumIPTarget: cm.MinimumIPTarget, WarmPrefixTarget: cm.WarmPrefixTarget}}
				single, singleWarns, want := NodeIPs(in)
				c := cm
				res, warns, err := Plan(PlanInput{Windows: &c, Subnets: threeAZs("10.0.0.0/16"), NodeGroups: []PlanGroup{
					{Name: "linux", InstanceTypes: []string{"m5.large"}, MaxNodes: 1},
					{Name: "win", OS: osWindows, InstanceTypes: []string{name}, MaxNodes: 1, PodsPerNode: pods},
				}})
				switch {
				case (err == nil) != (want == nil):
					t.Errorf("%s %+v: plan error %v, node_ips error %v", name, cm, err, want)
				case err != nil:
					rejected++
				case !reflect.DeepEqual(res.Groups[1].Usage, single):
					t.Errorf("%s %+v: plan %+v, node_ips %+v", name, cm, res.Groups[1].Usage, single)
				case !reflect.DeepEqual(warns, planWindowsWarnings(singleWarns, name)):
					t.Errorf("%s %+v: plan warnings %#v, node_ips warnings %#v", name, cm, warns, singleWarns)
				default:
					checked++
					warned += len(warns)
				}
			}
		}
	}
	if checked < 300 || warned == 0 {
		t.Errorf("only %d cases agreed (%d rejected by both, %d warnings)", checked, rejected, warned)
	}
	t.Logf("%d cases agree (%d warnings), %d rejected by both", checked, warned, rejected)
}

// planWindowsWarnings is what the mixed plan says for NodeIPs' warnings of
// the Windows group "win" (node_group[1]): each on the attribute the user
// wrote (the ConfigMap's settings under windows_config_map, the group's own
// under the group), every name in its text that path, and its detail naming
// the group and type. The Linux group (m5.large, defaults) warns of nothing.
func planWindowsWarnings(ws []Warning, inst string) []Warning {
	const cm = "windows_config_map."
	var out []Warning
	for _, w := range ws {
		switch w.Field {
		case fieldPrefixDelegation, fieldWarmIPTarget, fieldMinimumIPTarget, fieldWarmPrefixTarget:
			for _, f := range []string{fieldWarmIPTarget, fieldMinimumIPTarget, fieldWarmPrefixTarget} {
				w.Summary = strings.ReplaceAll(w.Summary, f, cm+f)
				w.Detail = strings.ReplaceAll(w.Detail, f+" ", cm+f+" ")
			}
			w.Field = cm + w.Field
		case FieldMaxPods, FieldPodsPerNode:
			w.Field = "node_group[1]." + w.Field
		}
		w.Detail = `node_group "win", instance type ` + inst + ": " + w.Detail
		out = append(out, w)
	}
	return out
}
