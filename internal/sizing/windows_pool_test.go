package sizing

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/ekssize/terraform-provider-ekssize/internal/ec2data"
)

// readTSV reads a testdata TSV: comment lines skipped, the header names the
// columns of every row.
func readTSV(t *testing.T, name string) []map[string]string {
	t.Helper()
	f, err := os.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var header []string
	var rows []map[string]string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "#") || line == "" {
			continue
		}
		cells := strings.Split(line, "\t")
		if header == nil {
			header = cells
			continue
		}
		if len(cells) != len(header) {
			t.Fatalf("%s: %d cells, header has %d: %q", name, len(cells), len(header), line)
		}
		row := make(map[string]string, len(cells))
		for i, h := range header {
			row[h] = cells[i]
		}
		rows = append(rows, row)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return rows
}

func atoi(t *testing.T, s string) int {
	t.Helper()
	v, err := strconv.Atoi(s)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func cellPtr(t *testing.T, s string) *int {
	t.Helper()
	if s == "-" {
		return nil
	}
	v := atoi(t, s)
	return &v
}

// TestWindowsPoolMatchesController checks NodeIPs for Windows against the VPC
// resource controller's own pool code (tools/vpcrc, see testdata/README.md):
// the secondary IPs or prefixes a node holds at peak pods, and the first pod
// that never gets an address, for every type, ConfigMap and pod count run.
func TestWindowsPoolMatchesController(t *testing.T) {
	rows := readTSV(t, "testdata/vpc-resource-controller-v1.8.2-windows-pool.tsv")
	if len(rows) < 10000 {
		t.Fatalf("only %d rows", len(rows))
	}
	insts := map[string]ec2data.Instance{}
	checked, failures := 0, 0
	for _, row := range rows {
		inst, ok := insts[row["instance_type"]]
		if !ok {
			inst = lookup(t, row["instance_type"])
			insts[inst.Name] = inst
		}
		pods := atoi(t, row["pods"])
		warm := WarmTargets{WarmIPTarget: cellPtr(t, row["warm_ip_target"]), MinimumIPTarget: cellPtr(t, row["minimum_ip_target"]), WarmPrefixTarget: cellPtr(t, row["warm_prefix_target"])}
		if row["keys"] == "manifest" {
			// The un-prefixed keys the VPC CNI manifest writes win over the
			// windows-* keys: the controller reads warm 1, minimum 3, warm prefix 0.
			warm = WarmTargets{WarmIPTarget: ptr(1), MinimumIPTarget: ptr(3), WarmPrefixTarget: ptr(0)}
		}
		huge := maxPodsInputLimit
		in := NodeIPsInput{
			Instance:    inst,
			Networking:  Networking{OS: osWindows, PrefixDelegation: row["prefix_delegation"] == "true"},
			Warm:        warm,
			MaxPods:     &huge, // the controller never reads kubelet's max pods
			PodsPerNode: &pods,
		}
		name := fmt.Sprintf("%s pd=%s warm=%s min=%s prefix=%s pods=%d", inst.Name, row["prefix_delegation"], row["warm_ip_target"], row["minimum_ip_target"], row["warm_prefix_target"], pods)
		u, _, err := NodeIPs(in)
		failed := atoi(t, row["failed_pod"])
		checked++
		if failed > 0 {
			failures++
			var ie *InputError
			if !errors.As(err, &ie) || !strings.Contains(ie.Msg, fmt.Sprintf("pod number %d on a node", failed)) {
				t.Errorf("%s: the controller never gives pod %d an address; got %+v, %v", name, failed, u, err)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		sec, pre := atoi(t, row["secondary_ips"]), atoi(t, row["prefixes"])
		mode := "secondary"
		if u.PrefixDelegation {
			mode = "prefix"
		}
		if u.SecondaryIPs != sec || u.Prefixes != pre || mode != row["mode"] || u.NodeSubnetIPs != 1+sec+16*pre || u.NetworkInterfaces != 1 {
			t.Errorf("%s: got %s, %d secondary IPs, %d prefixes, %d node IPs; controller: %s, %d, %d (%s)", name, mode, u.SecondaryIPs, u.Prefixes, u.NodeSubnetIPs, row["mode"], sec, pre, u.Formula())
		}
		pool, _ := resolveWindowsPool(inst, mustResolve(t, in.Networking), in.Warm, "")
		if pool.capacity() != atoi(t, row["capacity"]) {
			t.Errorf("%s: capacity %d, controller %s", name, pool.capacity(), row["capacity"])
		}
		if pool.warmPrefixMode {
			if pool.warmPrefix != atoi(t, row["pool_warm_prefix"]) || row["pool_warm_ip"] != "0" || row["pool_min_ip"] != "0" {
				t.Errorf("%s: warm prefix %d; controller's pool runs with warm %s, minimum %s, warm prefix %s", name, pool.warmPrefix, row["pool_warm_ip"], row["pool_min_ip"], row["pool_warm_prefix"])
			}
		} else if pool.warmIP != atoi(t, row["pool_warm_ip"]) || pool.minimumIP != atoi(t, row["pool_min_ip"]) {
			t.Errorf("%s: warm %d, minimum %d; controller's pool runs with %s, %s", name, pool.warmIP, pool.minimumIP, row["pool_warm_ip"], row["pool_min_ip"])
		}
	}
	if failures == 0 || failures == checked {
		t.Fatalf("%d of %d rows fail; the reference should have both", failures, checked)
	}
}

func mustResolve(t *testing.T, n Networking) Resolved {
	t.Helper()
	r, err := n.Validate()
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// TestWindowsLimitsMatchController checks the instance facts the Windows rules
// use against the controller's own limits table: every table type it has
// agrees on IPv4 per ENI and Nitro, and notInControllerLimits is exactly the
// table types it lacks.
func TestWindowsLimitsMatchController(t *testing.T) {
	rows := readTSV(t, "testdata/vpc-resource-controller-v1.8.2-windows-limits.tsv")
	controller := map[string]map[string]string{}
	for _, r := range rows {
		controller[r["instance_type"]] = r
	}
	missing := map[string]bool{}
	for _, inst := range ec2data.MustDefault().All() {
		r, ok := controller[inst.Name]
		if !ok {
			missing[inst.Name] = true
			continue
		}
		if inst.IPv4PerENI != atoi(t, r["ipv4_per_interface"]) || strconv.FormatBool(supportsPrefixDelegation(inst)) != r["nitro"] {
			t.Errorf("%s: table IPv4 per ENI %d, Nitro %t; controller %s, %s", inst.Name, inst.IPv4PerENI, supportsPrefixDelegation(inst), r["ipv4_per_interface"], r["nitro"])
		}
		if got := inst.SecondaryIPsPerENI(); got != atoi(t, r["secondary_capacity"]) || got*ipsPerPrefix != atoi(t, r["prefix_capacity"]) {
			t.Errorf("%s: capacity %d / %d, controller %s / %s", inst.Name, got, got*ipsPerPrefix, r["secondary_capacity"], r["prefix_capacity"])
		}
	}
	for name := range missing {
		if !notInControllerLimits[name] {
			t.Errorf("%s is not in the controller's limits but not in notInControllerLimits", name)
		}
	}
	for name := range notInControllerLimits {
		if !missing[name] {
			t.Errorf("notInControllerLimits has %s, which the controller's limits (or the table) %s", name, map[bool]string{true: "has", false: "lacks"}[controller[name] != nil])
		}
	}
}

// Worked examples: what one Windows node takes, by hand from the rules in
// windows_pool.go (and the same values the controller's run gives).
func TestNodeIPsWindows(t *testing.T) {
	tests := []struct {
		name      string
		instance  string
		net       Networking
		warm      WarmTargets
		maxPods   *int
		pods      *int
		wantPods  int
		secondary int
		prefixes  int
		nodeIPs   int
		formula   string
		warnings  []string
	}{
		{name: "m5.large secondary IPs, default pods = max pods 9", instance: "m5.large", net: Networking{OS: osWindows}, wantPods: 9, secondary: 9, nodeIPs: 10,
			formula: "VPC resource controller (windows): secondary IPs = max(9 + 3, 3) = 12, limited to 9 (the primary ENI: 10 - 1) on the primary ENI; node IPs = 1 + 9 = 10"},
		{name: "m5.large secondary IPs, 4 pods", instance: "m5.large", net: Networking{OS: osWindows}, pods: ptr(4), wantPods: 4, secondary: 7, nodeIPs: 8,
			formula: "VPC resource controller (windows): secondary IPs = max(4 + 3, 3) = 7 on the primary ENI; node IPs = 1 + 7 = 8"},
		{name: "m5.large secondary IPs, no pods", instance: "m5.large", net: Networking{OS: osWindows}, pods: ptr(0), secondary: 3, nodeIPs: 4},
		{name: "m5.large prefixes, default pods = max pods 110", instance: "m5.large", net: Networking{OS: osWindows, PrefixDelegation: true}, wantPods: 110, prefixes: 7, nodeIPs: 113,
			formula: "VPC resource controller (windows): prefixes = max(ceil((110 + 1)/16), ceil(3/16)) = 7 on the primary ENI; node IPs = 1 + 16 x 7 = 113"},
		{name: "m5.large prefixes, 4 pods", instance: "m5.large", net: Networking{OS: osWindows, PrefixDelegation: true}, pods: ptr(4), wantPods: 4, prefixes: 1, nodeIPs: 17},
		{name: "m5.large prefixes, 15 and 16 pods", instance: "m5.large", net: Networking{OS: osWindows, PrefixDelegation: true}, pods: ptr(16), wantPods: 16, prefixes: 2, nodeIPs: 33},
		{name: "m5.large prefixes, all 144", instance: "m5.large", net: Networking{OS: osWindows, PrefixDelegation: true}, maxPods: ptr(144), wantPods: 144, prefixes: 9, nodeIPs: 145,
			formula: "VPC resource controller (windows): prefixes = max(ceil((144 + 1)/16), ceil(3/16)) = 10, limited to 9 (the primary ENI: 10 - 1) on the primary ENI; node IPs = 1 + 16 x 9 = 145"},
		{name: "warm prefix target alone", instance: "m5.large", net: Networking{OS: osWindows, PrefixDelegation: true}, warm: WarmTargets{WarmPrefixTarget: ptr(1)}, pods: ptr(17), wantPods: 17, prefixes: 3, nodeIPs: 49,
			formula: "VPC resource controller (windows): prefixes = ceil(17/16) + 1 = 3 on the primary ENI; node IPs = 1 + 16 x 3 = 49"},
		{name: "warm 7 minimum 20 (the controller's docs: 26 pods, 3 prefixes)", instance: "m5.large", net: Networking{OS: osWindows, PrefixDelegation: true}, warm: WarmTargets{WarmIPTarget: ptr(7), MinimumIPTarget: ptr(20)}, pods: ptr(26), wantPods: 26, prefixes: 3, nodeIPs: 49},
		{name: "warm 15 minimum 10 secondary (the controller's docs: 10 pods, 25 IPs)", instance: "c5.18xlarge", net: Networking{OS: osWindows}, warm: WarmTargets{WarmIPTarget: ptr(15), MinimumIPTarget: ptr(10)}, pods: ptr(10), wantPods: 10, secondary: 25, nodeIPs: 26},
		{name: "explicit warm 0 reads as 1", instance: "m5.large", net: Networking{OS: osWindows}, warm: WarmTargets{WarmIPTarget: ptr(0)}, pods: ptr(5), wantPods: 5, secondary: 6, nodeIPs: 7},
		{name: "t3.medium prefixes, 80 max pods", instance: "t3.medium", net: Networking{OS: osWindows, PrefixDelegation: true}, wantPods: 80, prefixes: 5, nodeIPs: 81},
		{name: "Xen type with prefix delegation keeps secondary IPs and defaults", instance: "t2.medium", net: Networking{OS: osWindows, PrefixDelegation: true}, warm: WarmTargets{WarmIPTarget: ptr(1)},
			wantPods: 5, secondary: 5, nodeIPs: 6, warnings: []string{fieldPrefixDelegation, fieldWarmIPTarget}},
		{name: "warm prefix target ignored in secondary mode", instance: "m5.large", net: Networking{OS: osWindows}, warm: WarmTargets{WarmPrefixTarget: ptr(2), WarmENITarget: ptr(1)}, pods: ptr(2), wantPods: 2, secondary: 5, nodeIPs: 6,
			warnings: []string{fieldWarmENITarget, fieldWarmPrefixTarget}},
		{name: "warm prefix target 0 alone: the defaults", instance: "m5.large", net: Networking{OS: osWindows, PrefixDelegation: true}, warm: WarmTargets{WarmPrefixTarget: ptr(0)}, pods: ptr(16), wantPods: 16, prefixes: 2, nodeIPs: 33,
			formula: "VPC resource controller (windows): prefixes = max(ceil((16 + 1)/16), ceil(3/16)) = 2 on the primary ENI; node IPs = 1 + 16 x 2 = 33", warnings: []string{fieldWarmPrefixTarget}},
		{name: "warm prefix target ignored with warm IP target", instance: "m5.large", net: Networking{OS: osWindows, PrefixDelegation: true}, warm: WarmTargets{WarmPrefixTarget: ptr(2), WarmIPTarget: ptr(5)}, pods: ptr(12), wantPods: 12, prefixes: 2, nodeIPs: 33,
			warnings: []string{fieldWarmPrefixTarget}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u, warns, err := NodeIPs(NodeIPsInput{Instance: lookup(t, tt.instance), Networking: tt.net, Warm: tt.warm, MaxPods: tt.maxPods, PodsPerNode: tt.pods})
			if err != nil {
				t.Fatal(err)
			}
			if u.PodsPerNode != tt.wantPods || u.SecondaryIPs != tt.secondary || u.Prefixes != tt.prefixes || u.NodeSubnetIPs != tt.nodeIPs || u.PodENIs != 1 || u.NetworkInterfaces != 1 || u.PodSubnetIPs != 0 {
				t.Errorf("got pods %d, secondary %d, prefixes %d, node IPs %d (%s); want %d, %d, %d, %d", u.PodsPerNode, u.SecondaryIPs, u.Prefixes, u.NodeSubnetIPs, u.Formula(), tt.wantPods, tt.secondary, tt.prefixes, tt.nodeIPs)
			}
			if tt.formula != "" && u.Formula() != tt.formula {
				t.Errorf("formula = %q, want %q", u.Formula(), tt.formula)
			}
			var fields []string
			for _, w := range warns {
				fields = append(fields, w.Field)
			}
			if strings.Join(fields, ",") != strings.Join(tt.warnings, ",") {
				t.Errorf("warnings on %v, want %v: %+v", fields, tt.warnings, warns)
			}
		})
	}
}

func TestNodeIPsWindowsErrors(t *testing.T) {
	tests := []struct {
		name  string
		in    NodeIPsInput
		field string
		msg   string
	}{
		{"pods past the secondary capacity", NodeIPsInput{Instance: mustLookup("m5.large"), Networking: Networking{OS: osWindows}, MaxPods: ptr(110)}, FieldPodsPerNode,
			"pods_per_node is 110 (the default: max_pods 110), but the VPC resource controller gives a Windows m5.large at most 9 secondary IPs on the primary ENI (IPv4 per ENI 10 - 1), its vpc.amazonaws.com/PrivateIPv4Address capacity, so pod number 10 on a node is never scheduled; lower pods_per_node or enable prefix_delegation"},
		{"pods past the prefix capacity", NodeIPsInput{Instance: mustLookup("m5.large"), Networking: Networking{OS: osWindows, PrefixDelegation: true}, MaxPods: ptr(250), PodsPerNode: ptr(150)}, FieldPodsPerNode,
			"pods_per_node is 150, but the VPC resource controller gives a Windows m5.large at most 144 addresses (9 prefixes on the primary ENI x 16), its vpc.amazonaws.com/PrivateIPv4Address capacity, so pod number 145 on a node is never scheduled; lower pods_per_node"},
		{"minimum without warm freezes", NodeIPsInput{Instance: mustLookup("m5.xlarge"), Networking: Networking{OS: osWindows}, Warm: WarmTargets{MinimumIPTarget: ptr(10)}}, fieldMinimumIPTarget,
			"minimum_ip_target = 10 without warm_ip_target freezes each Windows node at 10 IPs: the VPC resource controller v1.8.2 reads an absent windows-warm-ip-target as 0 once windows-minimum-ip-target is set (its default 3 applies only when both are absent), allocates up to the minimum and never more, so pod number 11 on a node never gets an IP (pods_per_node is 14 (the default: max_pods 14)). Set warm_ip_target too (0 counts as 1), raise minimum_ip_target to at least 14, or lower pods_per_node to 10."},
		{"type the controller lacks", NodeIPsInput{Instance: mustLookup("u-6tb1.metal"), Networking: Networking{OS: osWindows}}, fieldOS,
			"os = \"windows\": u-6tb1.metal is not in the VPC resource controller's instance limits (amazon-vpc-resource-controller-k8s v1.8.2, pkg/aws/vpc/limits.go), which gives it no pod address capacity and reports \"The instance type u-6tb1.metal is not supported for Windows\"; use another type, or describe a newer one with the instance object"},
		{"ipv6", NodeIPsInput{Instance: mustLookup("m5.large"), Networking: Networking{OS: osWindows, IPFamily: ipFamilyIPv6}}, fieldIPFamily,
			"ip_family = \"ipv6\" cannot be used with os = \"windows\": EKS does not support IPv6 on Windows nodes (EKS User Guide, \"Deploy Windows nodes on EKS clusters\", considerations); use ip_family = \"ipv4\""},
		{"custom networking", NodeIPsInput{Instance: mustLookup("m5.large"), Networking: Networking{OS: osWindows, CustomNetworking: true}}, fieldCustomNetworking,
			"custom_networking cannot be used with os = \"windows\": EKS does not support custom networking on Windows nodes (EKS User Guide, \"Deploy Windows nodes on EKS clusters\", considerations); Windows pods take addresses of the primary ENI in the node's subnet"},
		{"branch pods", NodeIPsInput{Instance: mustLookup("m5.large"), Networking: Networking{OS: osWindows}, BranchPodsPerNode: 2}, fieldBranchPodsPerNode, `branch_pods_per_node is 2, but os is "windows": security groups for pods are not supported for pods on Windows nodes (EKS User Guide, "Deploy Windows nodes on EKS clusters", considerations), so Windows nodes have no trunk or branch ENIs; remove branch_pods_per_node`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := NodeIPs(tt.in)
			var ie *InputError
			if !errors.As(err, &ie) || ie.Field != tt.field || !strings.Contains(ie.Msg, tt.msg) {
				t.Fatalf("err = %#v, want %s: %s", err, tt.field, tt.msg)
			}
		})
	}
}

// Property: a Windows node's addresses never fall as its pods rise, never
// exceed 1 + the controller's capacity, and always cover its pods plus the
// primary address.
func TestNodeIPsWindowsMonotone(t *testing.T) {
	for _, name := range []string{"t3.medium", "m5.large", "m5.4xlarge", "c6g.16xlarge", "t2.large"} {
		inst := lookup(t, name)
		for _, pd := range []bool{false, true} {
			for _, warm := range []WarmTargets{{}, {WarmIPTarget: ptr(5)}, {WarmPrefixTarget: ptr(2)}, {WarmIPTarget: ptr(2), MinimumIPTarget: ptr(30)}} {
				capacity := inst.SecondaryIPsPerENI()
				if pd && supportsPrefixDelegation(inst) {
					capacity *= ipsPerPrefix
				}
				prev := 0
				for p := 0; p <= capacity; p++ {
					u, _, err := NodeIPs(NodeIPsInput{Instance: inst, Networking: Networking{OS: osWindows, PrefixDelegation: pd}, Warm: warm, MaxPods: ptr(capacity), PodsPerNode: ptr(p)})
					if err != nil {
						t.Fatalf("%s pd=%t %+v pods %d: %v", name, pd, warm, p, err)
					}
					if u.NodeSubnetIPs < prev || u.NodeSubnetIPs > 1+capacity || u.NodeSubnetIPs < 1+p {
						t.Fatalf("%s pd=%t %+v pods %d: %d node IPs after %d (capacity %d)", name, pd, warm, p, u.NodeSubnetIPs, prev, capacity)
					}
					prev = u.NodeSubnetIPs
				}
			}
		}
	}
}

// Subnet capacity for Windows m5.large nodes, worked by hand: a /24 has 251
// usable addresses and 14 aligned /28 blocks.
func TestSubnetCapacityWindows(t *testing.T) {
	tests := []struct {
		name          string
		net           Networking
		pods          *int
		layout        string
		cidr          string
		nodes         int
		perNode       int
		maxNodes      int
		blocksNeeded  int
		blocksSpoiled int
	}{
		// 10 per node (the primary + 9 secondary IPs): floor(251/10).
		{name: "secondary IPs", net: Networking{OS: osWindows}, cidr: "10.0.0.0/24", perNode: 10, maxNodes: 25},
		// 3 nodes + 2 surge = 5 x 10 = 50 of 1019; floor(1019/10).
		{name: "secondary IPs /22", net: Networking{OS: osWindows}, cidr: "10.0.0.0/22", nodes: 3, perNode: 10, maxNodes: 101},
		// 110 pods: 7 prefixes + the primary; scattered, the primary spoils a block: floor(14/8).
		{name: "prefixes scattered", net: Networking{OS: osWindows, PrefixDelegation: true}, cidr: "10.0.0.0/24", perNode: 113, maxNodes: 1},
		{name: "prefixes packed", net: Networking{OS: osWindows, PrefixDelegation: true}, layout: prefixLayoutPacked, cidr: "10.0.0.0/24", perNode: 113, maxNodes: 2},
		// 16 pods: ceil(17/16) = 2 prefixes; scattered floor(14/3), packed 14 blocks / 2 (7 primaries in the edge blocks).
		{name: "16 pods scattered", net: Networking{OS: osWindows, PrefixDelegation: true}, pods: ptr(16), cidr: "10.0.0.0/24", perNode: 33, maxNodes: 4},
		{name: "16 pods packed", net: Networking{OS: osWindows, PrefixDelegation: true}, pods: ptr(16), layout: prefixLayoutPacked, cidr: "10.0.0.0/24", perNode: 33, maxNodes: 7},
		// 5 nodes x 7 prefixes = 35 blocks; scattered, their 5 primaries spoil 5 of 62.
		{name: "prefixes /22", net: Networking{OS: osWindows, PrefixDelegation: true}, cidr: "10.0.0.0/22", nodes: 3, perNode: 113, maxNodes: 7, blocksNeeded: 35, blocksSpoiled: 5},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, warns, err := SubnetCapacity(SubnetCapacityInput{
				NodeIPsInput: NodeIPsInput{Instance: mustLookup("m5.large"), Networking: tt.net, PodsPerNode: tt.pods},
				Subnets:      []SubnetSpec{{CIDRBlock: tt.cidr}}, NodeCount: tt.nodes, PrefixLayout: tt.layout,
			})
			if err != nil || len(warns) != 0 {
				t.Fatalf("err %v, warnings %+v", err, warns)
			}
			s := res.Subnets[0]
			if res.PerNode.NodeSubnetIPs != tt.perNode || s.IPsPerNode != tt.perNode || res.MaxNodes != tt.maxNodes || !res.Fits ||
				s.PrefixBlocksNeeded != tt.blocksNeeded || s.PrefixBlocksSpoiled != tt.blocksSpoiled {
				t.Errorf("per node %d, max nodes %d, fits %t, blocks %d/%d; want %d, %d, true, %d/%d", res.PerNode.NodeSubnetIPs, res.MaxNodes, res.Fits,
					s.PrefixBlocksNeeded, s.PrefixBlocksSpoiled, tt.perNode, tt.maxNodes, tt.blocksNeeded, tt.blocksSpoiled)
			}
		})
	}
}

// A Windows cluster plan: every group's nodes are Windows nodes (os is the
// plan's networking). The worst candidate takes the most addresses: m5.xlarge,
// 14 secondary IPs + the primary = 15 per node, against m5.large's 10; 10 nodes
// and 2 surge in the one subnet: 180 of 251.
func TestPlanWindows(t *testing.T) {
	in := PlanInput{
		Networking: Networking{OS: osWindows},
		Subnets:    []PlanSubnet{{SubnetSpec: SubnetSpec{Name: "a", CIDRBlock: "10.0.0.0/24"}, AvailabilityZone: "eu-west-1a"}},
		NodeGroups: []PlanGroup{{Name: "win", InstanceTypes: []string{"m5.large", "m5.xlarge"}, MaxNodes: 10}},
	}
	res, _, err := Plan(in)
	if err != nil {
		t.Fatal(err)
	}
	g, s := res.Groups[0], res.Subnets[0]
	if g.InstanceType != "m5.xlarge" || g.Usage.NodeSubnetIPs != 15 || g.Nodes != 12 || s.NodeIPs != 180 || s.HeadroomIPs != 71 || !res.Fits {
		t.Errorf("group %s, %d per node, %d nodes; subnet %d IPs, headroom %d, fits %t", g.InstanceType, g.Usage.NodeSubnetIPs, g.Nodes, s.NodeIPs, s.HeadroomIPs, res.Fits)
	}

	in.Subnets = append(in.Subnets, PlanSubnet{SubnetSpec: SubnetSpec{Name: "pods", CIDRBlock: "100.64.0.0/20"}, AvailabilityZone: "eu-west-1a", Role: SubnetRolePod})
	_, _, err = Plan(in)
	var ie *InputError
	if !errors.As(err, &ie) || ie.Field != fieldOS || !strings.Contains(ie.Msg, `subnets with role = "pod" are given but os is "windows"`) {
		t.Fatalf("err = %v", err)
	}
}
