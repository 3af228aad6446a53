package sizing

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/ekssize/terraform-provider-ekssize/internal/ec2data"
)

// The issue's worked values for one node (m5.large A=10, c5.4xlarge A=30 E=8,
// t3.small A=4 E=3), each its own case.
func TestNodeIPsWorkedValues(t *testing.T) {
	pd := Networking{PrefixDelegation: true}
	warm5min10 := WarmTargets{WarmIPTarget: ptr(5), MinimumIPTarget: ptr(10)}
	tests := []struct {
		name     string
		instance string
		net      Networking
		warm     WarmTargets
		maxPods  *int
		pods     int
		branch   int
		// want
		enis, podENIs, secondary, prefixes, nodeSubnet, podSubnet int
		formula                                                   string
	}{
		{name: "m5.large defaults 10 pods: 3 ENIs, 27 secondary, 30 IPs", instance: "m5.large", pods: 10,
			enis: 3, podENIs: 3, secondary: 27, nodeSubnet: 30, formula: "ENIs = ceil(10/9) + 1 = 3; node IPs = 3 x 10 = 30"},
		{name: "m5.large defaults 1 pod: 20 IPs", instance: "m5.large", pods: 1, enis: 2, podENIs: 2, secondary: 18, nodeSubnet: 20},
		{name: "m5.large defaults 5 pods: 20 IPs", instance: "m5.large", pods: 5, enis: 2, podENIs: 2, secondary: 18, nodeSubnet: 20},
		{name: "m5.large defaults 9 pods: 20 IPs", instance: "m5.large", pods: 9, enis: 2, podENIs: 2, secondary: 18, nodeSubnet: 20},
		{name: "m5.large defaults 0 pods: 10 IPs", instance: "m5.large", pods: 0, enis: 1, podENIs: 1, secondary: 9, nodeSubnet: 10},
		{name: "m5.large WARM_IP_TARGET=5 MINIMUM_IP_TARGET=10 10 pods: 2 ENIs, 15 secondary, 17 IPs", instance: "m5.large", warm: warm5min10, pods: 10,
			enis: 2, podENIs: 2, secondary: 15, nodeSubnet: 17, formula: "secondary IPs = max(10 + 5, 10) = 15 on 2 ENIs; node IPs = 2 + 15 = 17"},
		{name: "m5.large prefix delegation max pods 110 10 pods: 2 prefixes, 1 ENI, 33 IPs", instance: "m5.large", net: pd, maxPods: ptr(110), pods: 10,
			enis: 1, podENIs: 1, prefixes: 2, nodeSubnet: 33, formula: "prefixes = ceil(10/16) + 1 = 2 on 1 ENI; node IPs = 1 + 16 x 2 = 33"},
		{name: "c5.4xlarge prefix delegation max pods 110 100 pods: 7 prefixes, 113 IPs", instance: "c5.4xlarge", net: pd, maxPods: ptr(110), pods: 100,
			enis: 1, podENIs: 1, prefixes: 7, nodeSubnet: 113,
			formula: "prefixes = ceil(100/16) + 1 = 8, limited to 7 (ceil(max_pods 110/16)) on 1 ENI; node IPs = 1 + 16 x 7 = 113"},
		{name: "c5.4xlarge secondary IPs max pods 234 100 pods: 5 ENIs, 150 IPs", instance: "c5.4xlarge", maxPods: ptr(234), pods: 100,
			enis: 5, podENIs: 5, secondary: 145, nodeSubnet: 150},
		{name: "m5.large custom networking 10 pods: node subnet 1, pod subnet 20", instance: "m5.large", net: Networking{CustomNetworking: true}, pods: 10,
			enis: 3, podENIs: 2, secondary: 18, nodeSubnet: 1, podSubnet: 20,
			formula: "ENIs = ceil(10/9) + 1 = 3, limited to 2 (ENIs available); node IPs = 2 x 10 = 20; node subnet 1 IP (primary ENI), pod subnet 20"},
		{name: "m5.large security groups for pods 8 pods + 5 branch pods: 26 IPs", instance: "m5.large", net: Networking{SecurityGroupsForPods: true}, pods: 8, branch: 5,
			enis: 3, podENIs: 2, secondary: 18, nodeSubnet: 26,
			formula: "ENIs = ceil(8/9) + 1 = 2; node IPs = 2 x 10 = 20 + 1 trunk ENI IP + 5 branch pod IPs = 26"},
		{name: "t3.small secondary 5 pods: 12 IPs", instance: "t3.small", pods: 5, enis: 3, podENIs: 3, secondary: 9, nodeSubnet: 12},
		{name: "t3.small prefix delegation max pods 110 58 pods: 82 IPs", instance: "t3.small", net: pd, maxPods: ptr(110), pods: 58,
			enis: 2, podENIs: 2, prefixes: 5, nodeSubnet: 82},
		{name: "m5.large WARM_ENI_TARGET=0 8 pods: 10 IPs", instance: "m5.large", warm: WarmTargets{WarmENITarget: ptr(0)}, pods: 8,
			enis: 1, podENIs: 1, secondary: 9, nodeSubnet: 10, formula: "ENIs = floor(8/9) + 1 = 1; node IPs = 1 x 10 = 10"},
		{name: "m5.large WARM_ENI_TARGET=0 9 pods: 20 IPs", instance: "m5.large", warm: WarmTargets{WarmENITarget: ptr(0)}, pods: 9,
			enis: 2, podENIs: 2, secondary: 18, nodeSubnet: 20},
		{name: "m5.large MINIMUM_IP_TARGET=12 alone 0 pods: 14 IPs", instance: "m5.large", warm: WarmTargets{MinimumIPTarget: ptr(12)}, pods: 0,
			enis: 2, podENIs: 2, secondary: 12, nodeSubnet: 14},
		{name: "m5.large MINIMUM_IP_TARGET=12 alone 12 pods: 14 IPs", instance: "m5.large", warm: WarmTargets{MinimumIPTarget: ptr(12)}, pods: 12,
			enis: 2, podENIs: 2, secondary: 12, nodeSubnet: 14},
		{name: "IPv6 50 pods: 1 IPv4", instance: "m5.large", net: Networking{IPFamily: ipFamilyIPv6}, pods: 50,
			enis: 1, podENIs: 1, nodeSubnet: 1},
		// Beyond the issue's list: the limits in the closed forms.
		{name: "m5.large WARM_ENI_TARGET=3 limited to 3 ENIs", instance: "m5.large", warm: WarmTargets{WarmENITarget: ptr(3)}, pods: 10,
			enis: 3, podENIs: 3, secondary: 27, nodeSubnet: 30, formula: "ENIs = ceil(10/9) + 3 = 5, limited to 3 (ENIs available); node IPs = 3 x 10 = 30"},
		{name: "m5.large prefix delegation WARM_PREFIX_TARGET=0 16 pods", instance: "m5.large", net: pd, maxPods: ptr(110), warm: WarmTargets{WarmPrefixTarget: ptr(0)}, pods: 16,
			enis: 1, podENIs: 1, prefixes: 2, nodeSubnet: 33, formula: "prefixes = floor(16/16) + 1 = 2 on 1 ENI; node IPs = 1 + 16 x 2 = 33"},
		{name: "m5.large prefix delegation warm IPs", instance: "m5.large", net: pd, maxPods: ptr(110), warm: WarmTargets{WarmIPTarget: ptr(5), MinimumIPTarget: ptr(40)}, pods: 30,
			enis: 1, podENIs: 1, prefixes: 3, nodeSubnet: 49, formula: "prefixes = max(ceil((30 + 5)/16), ceil(40/16)) = 3 on 1 ENI; node IPs = 1 + 16 x 3 = 49"},
		{name: "custom networking with security groups for pods: trunk and branch in the pod subnet", instance: "m5.4xlarge",
			net: Networking{CustomNetworking: true, SecurityGroupsForPods: true}, pods: 40, branch: 10,
			enis: 5, podENIs: 3, secondary: 87, nodeSubnet: 1, podSubnet: 3*30 + 1 + 10},
		{name: "IPv6 with security groups for pods: trunk and branch ENIs take an IPv4 each", instance: "m5.large",
			net: Networking{IPFamily: ipFamilyIPv6, SecurityGroupsForPods: true}, pods: 20, branch: 3, enis: 2, podENIs: 1, nodeSubnet: 5},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			u, warns, err := NodeIPs(NodeIPsInput{Instance: lookup(t, tc.instance), Networking: tc.net, Warm: tc.warm,
				MaxPods: tc.maxPods, PodsPerNode: ptr(tc.pods), BranchPodsPerNode: tc.branch})
			if err != nil {
				t.Fatal(err)
			}
			got := [6]int{u.NetworkInterfaces, u.PodENIs, u.SecondaryIPs, u.Prefixes, u.NodeSubnetIPs, u.PodSubnetIPs}
			want := [6]int{tc.enis, tc.podENIs, tc.secondary, tc.prefixes, tc.nodeSubnet, tc.podSubnet}
			if got != want {
				t.Errorf("{ENIs, pod ENIs, secondary, prefixes, node subnet, pod subnet} = %v, want %v (%s)", got, want, u.Formula())
			}
			if tc.formula != "" && u.Formula() != tc.formula {
				t.Errorf("formula = %q, want %q", u.Formula(), tc.formula)
			}
			if len(warns) > 0 {
				t.Errorf("unexpected warnings: %+v", warns)
			}
		})
	}
}

func TestNodeIPsDefaults(t *testing.T) {
	u, _, err := NodeIPs(NodeIPsInput{Instance: lookup(t, "m5.large")})
	if err != nil {
		t.Fatal(err)
	}
	if u.MaxPods != 29 || u.PodsPerNode != 27 || u.NodeSubnetIPs != 30 {
		t.Errorf("defaults: max pods %d, pods %d, IPs %d; want 29, 27, 30", u.MaxPods, u.PodsPerNode, u.NodeSubnetIPs)
	}
	u, _, err = NodeIPs(NodeIPsInput{Instance: lookup(t, "m5.large"), Networking: Networking{SecurityGroupsForPods: true}, BranchPodsPerNode: 5})
	if err != nil {
		t.Fatal(err)
	}
	if u.MaxPods != 20 || u.PodsPerNode != 13 {
		t.Errorf("default pods with branch pods = %d (max pods %d), want 20 - 2 - 5 = 13", u.PodsPerNode, u.MaxPods)
	}
}

func TestNodeIPsErrors(t *testing.T) {
	tests := []struct {
		name     string
		in       NodeIPsInput
		field    string
		contains []string
	}{
		{name: "MINIMUM_IP_TARGET alone with 13 pods", field: fieldMinimumIPTarget,
			in:       NodeIPsInput{Instance: mustLookup("m5.large"), Warm: WarmTargets{MinimumIPTarget: ptr(12)}, PodsPerNode: ptr(13)},
			contains: []string{"minimum_ip_target = 12 without warm_ip_target freezes each node at 12 IPs", "pod number 13 on a node never gets an IP"}},
		{name: "MINIMUM_IP_TARGET alone in prefix mode", field: fieldMinimumIPTarget,
			in:       NodeIPsInput{Instance: mustLookup("m5.large"), Networking: Networking{PrefixDelegation: true}, Warm: WarmTargets{MinimumIPTarget: ptr(20)}, PodsPerNode: ptr(40)},
			contains: []string{"freezes each node at 2 prefixes (32 IPs)", "pod number 33 on a node never gets an IP"}},
		{name: "branch pods on a t3", field: fieldBranchPodsPerNode,
			in:       NodeIPsInput{Instance: mustLookup("t3.small"), Networking: Networking{SecurityGroupsForPods: true}, BranchPodsPerNode: 2},
			contains: []string{"t3.small is not trunking compatible", "no branch ENIs"}},
		{name: "branch pods without security groups for pods", field: fieldBranchPodsPerNode,
			in:       NodeIPsInput{Instance: mustLookup("m5.large"), BranchPodsPerNode: 2},
			contains: []string{"security_groups_for_pods is off"}},
		{name: "branch pods above the branch ENI limit", field: fieldBranchPodsPerNode,
			in:       NodeIPsInput{Instance: mustLookup("m5.large"), Networking: Networking{SecurityGroupsForPods: true}, BranchPodsPerNode: 10},
			contains: []string{"m5.large takes at most 9 branch ENIs"}},
		{name: "negative branch pods", field: fieldBranchPodsPerNode,
			in: NodeIPsInput{Instance: mustLookup("m5.large"), BranchPodsPerNode: -1}, contains: []string{"branch_pods_per_node is -1"}},
		{name: "more pods than max pods", field: FieldPodsPerNode,
			in:       NodeIPsInput{Instance: mustLookup("m5.large"), PodsPerNode: ptr(30)},
			contains: []string{"pods_per_node is 30, more than max_pods 29"}},
		{name: "pods plus branch pods above max pods", field: FieldPodsPerNode,
			in:       NodeIPsInput{Instance: mustLookup("m5.large"), Networking: Networking{SecurityGroupsForPods: true}, PodsPerNode: ptr(18), BranchPodsPerNode: 5},
			contains: []string{"pods_per_node is 18 and branch_pods_per_node 5, more than max_pods 20"}},
		{name: "more pods than the ENIs hold", field: FieldPodsPerNode,
			in:       NodeIPsInput{Instance: mustLookup("m5.large"), MaxPods: ptr(110)},
			contains: []string{"pods_per_node is 108 (the default: max_pods 110 - 2)", "at most 27 IPs (3 ENIs x 9 secondary IPs)", "pod number 28", "enable prefix_delegation"}},
		{name: "negative pods", field: FieldPodsPerNode,
			in: NodeIPsInput{Instance: mustLookup("m5.large"), PodsPerNode: ptr(-1)}, contains: []string{"pods_per_node is -1"}},
		{name: "max pods 0", field: FieldMaxPods,
			in: NodeIPsInput{Instance: mustLookup("m5.large"), MaxPods: ptr(0)}, contains: []string{"max_pods is 0; it must be between 1"}},
		{name: "negative warm ENI target", field: fieldWarmENITarget,
			in: NodeIPsInput{Instance: mustLookup("m5.large"), Warm: WarmTargets{WarmENITarget: ptr(-1)}}, contains: []string{"warm_eni_target is -1"}},
		{name: "negative warm IP target", field: fieldWarmIPTarget,
			in: NodeIPsInput{Instance: mustLookup("m5.large"), Warm: WarmTargets{WarmIPTarget: ptr(-2)}}, contains: []string{"warm_ip_target is -2"}},
		{name: "negative minimum IP target", field: fieldMinimumIPTarget,
			in: NodeIPsInput{Instance: mustLookup("m5.large"), Warm: WarmTargets{MinimumIPTarget: ptr(-3)}}, contains: []string{"minimum_ip_target is -3"}},
		{name: "negative warm prefix target", field: fieldWarmPrefixTarget,
			in: NodeIPsInput{Instance: mustLookup("m5.large"), Warm: WarmTargets{WarmPrefixTarget: ptr(-4)}}, contains: []string{"warm_prefix_target is -4"}},
		{name: "security groups for pods on a t3 without branch pods", field: fieldSecurityGroupsForPods,
			in: NodeIPsInput{Instance: mustLookup("t3.small"), Networking: Networking{SecurityGroupsForPods: true}}, contains: []string{"not trunking compatible"}},
		{name: "custom networking leaves no ENI", field: FieldPodsPerNode,
			in:       NodeIPsInput{Instance: mustLookup("t3.nano"), Networking: Networking{CustomNetworking: true, ReservedENIs: 1}, MaxPods: ptr(10), PodsPerNode: ptr(1)},
			contains: []string{"no ENI left for pods"}},
		{name: "bad networking is reported as before", field: fieldIPFamily,
			in: NodeIPsInput{Instance: mustLookup("m5.large"), Networking: Networking{IPFamily: "ipv5"}}, contains: []string{"ip_family"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := NodeIPs(tc.in)
			checkInputErr(t, err, tc.field, tc.contains...)
		})
	}
}

func checkInputErr(t *testing.T, err error, field string, contains ...string) {
	t.Helper()
	var ie *InputError
	if !errors.As(err, &ie) {
		t.Fatalf("error = %v, want *InputError on %s", err, field)
	}
	if ie.Field != field {
		t.Errorf("field = %q, want %q (%s)", ie.Field, field, ie.Msg)
	}
	for _, c := range contains {
		if !strings.Contains(ie.Msg, c) {
			t.Errorf("message %q does not contain %q", ie.Msg, c)
		}
	}
}

func mustLookup(name string) ec2data.Instance {
	in, err := ec2data.Lookup(name)
	if err != nil {
		panic(err)
	}
	return in
}

func TestNodeIPsWarnings(t *testing.T) {
	tests := []struct {
		name    string
		in      NodeIPsInput
		field   string
		summary string
		ips     int
	}{
		{name: "prefix delegation with the secondary-IP max pods", field: FieldMaxPods, summary: "max_pods is the secondary-IP value",
			in: NodeIPsInput{Instance: mustLookup("m5.large"), Networking: Networking{PrefixDelegation: true}, MaxPods: ptr(29), PodsPerNode: ptr(27)}, ips: 1 + 2*16},
		{name: "warm-IP target above max pods: the replay wins", field: fieldWarmIPTarget, summary: "above max_pods",
			in: NodeIPsInput{Instance: mustLookup("m5.large"), Warm: WarmTargets{WarmIPTarget: ptr(5)}, MaxPods: ptr(20), PodsPerNode: ptr(18)}, ips: 3 + 20},
		{name: "warm prefix target above max pods: ipamd takes the whole chunk", field: fieldWarmPrefixTarget, summary: "above max_pods",
			in: NodeIPsInput{Instance: mustLookup("m5.large"), Networking: Networking{PrefixDelegation: true}, Warm: WarmTargets{WarmPrefixTarget: ptr(4)}, MaxPods: ptr(17), PodsPerNode: ptr(0)}, ips: 1 + 4*16},
		{name: "warm ENI target ignored with warm IPs", field: fieldWarmENITarget, summary: "no effect",
			in: NodeIPsInput{Instance: mustLookup("m5.large"), Warm: WarmTargets{WarmENITarget: ptr(2), WarmIPTarget: ptr(3)}, PodsPerNode: ptr(3)}, ips: 1 + 6},
		{name: "warm prefix target ignored without prefixes", field: fieldWarmPrefixTarget, summary: "no effect",
			in: NodeIPsInput{Instance: mustLookup("m5.large"), Warm: WarmTargets{WarmPrefixTarget: ptr(2)}, PodsPerNode: ptr(0)}, ips: 10},
		{name: "prefix delegation on Xen falls back", field: fieldPrefixDelegation, summary: "not supported",
			in: NodeIPsInput{Instance: mustLookup("m4.large"), Networking: Networking{PrefixDelegation: true}, PodsPerNode: ptr(0)}, ips: 10},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			u, warns, err := NodeIPs(tc.in)
			if err != nil {
				t.Fatal(err)
			}
			if u.NodeSubnetIPs != tc.ips {
				t.Errorf("node IPs = %d, want %d (%s)", u.NodeSubnetIPs, tc.ips, u.Formula())
			}
			for _, w := range warns {
				if w.Field == tc.field && strings.Contains(w.Summary, tc.summary) {
					return
				}
			}
			t.Errorf("no warning on %s containing %q in %+v", tc.field, tc.summary, warns)
		})
	}
}

// The closed forms and the ipamd replay agree whenever the warm-IP target
// (max(pods + WARM_IP_TARGET, MINIMUM_IP_TARGET)) stays within max pods, over
// every instance type in the table, a spread of warm settings, max pods values
// and pod counts.
func TestClosedFormMatchesReplay(t *testing.T) {
	warms := []ResolvedWarm{
		{WarmENI: 1, WarmPrefix: 1},
		{WarmENI: 0, WarmPrefix: 0},
		{WarmENI: 2, WarmPrefix: 2},
		{WarmENI: 3, WarmPrefix: 4},
		{WarmIP: 1},
		{WarmIP: 5, MinimumIP: 10},
		{WarmIP: 16},
		{WarmIP: 3, MinimumIP: 40},
		{MinimumIP: 12},
		{MinimumIP: 33},
	}
	// Types with the same ENIs and IPs per ENI behave the same: check each
	// shape once, with every pod count.
	type shape struct{ enis, ips int }
	seen := map[shape]bool{}
	checked, disagreed := 0, 0
	for _, inst := range ec2data.MustDefault().All() {
		if seen[shape{inst.DefaultCardENIs, inst.IPv4PerENI}] {
			continue
		}
		seen[shape{inst.DefaultCardENIs, inst.IPv4PerENI}] = true
		slots := inst.IPv4PerENI - 1
		if slots < 1 {
			continue
		}
		for _, prefix := range []bool{false, true} {
			for _, custom := range []bool{false, true} {
				enis := inst.DefaultCardENIs
				if custom {
					enis--
				} else {
					enis = max(enis, 1)
				}
				unit := 1
				if prefix {
					unit = ipsPerPrefix
				}
				capacity := enis * slots * unit
				for _, maxPods := range []int{inst.ENIMaxPods(), 110, 250, 17, 1} {
					for _, w := range warms {
						// The replay places pods one at a time, so one replay
						// taken further and further gives every pod count.
						rp := newIPAMDReplay(prefix, slots, enis, maxPods, w, !custom)
						for p := 0; p <= min(maxPods, capacity); p++ {
							// The warm target in IPs: beyond max pods ipamd may
							// overshoot the closed form's ceil(max_pods/...) cap,
							// allocating a whole chunk at once.
							overshoot := w.WarmIPDefined() && max(p+w.WarmIP, w.MinimumIP) > maxPods ||
								prefix && !w.WarmIPDefined() && ipsPerPrefix*w.WarmPrefix > maxPods
							failed := rp.run(p)
							if w.WarmIP == 0 && w.MinimumIP > 0 && p > w.MinimumIP {
								// Frozen at MINIMUM_IP_TARGET: an error, checked elsewhere.
								continue
							}
							if failed > 0 {
								if prefix && w.MinimumIP > 0 && w.WarmIP == 0 {
									continue // frozen at whole prefixes of MINIMUM_IP_TARGET
								}
								if overshoot {
									continue
								}
								t.Fatalf("%s prefix=%v custom=%v maxPods=%d warm=%+v: pod %d of %d never got an IP (capacity %d)",
									inst.Name, prefix, custom, maxPods, w, failed, p, capacity)
							}
							cf := closedForm(prefix, slots, enis, custom, maxPods, p, w, true)
							got := [3]int{rp.podENIs(), 0, 0}
							if prefix {
								got[2] = rp.units
							} else {
								got[1] = rp.units
							}
							want := [3]int{cf.enis, cf.secondary, cf.prefixes}
							e := explainReplay(rp, p)
							warned := e.overshoot
							var fb strings.Builder
							e.write(&fb)
							formula := fb.String()
							if overshoot {
								// Only here may they disagree, and then the
								// replay warns and its formula says so.
								if !w.WarmIPDefined() && rp.units < cf.secondary+cf.prefixes {
									t.Fatalf("%s prefix=%v maxPods=%d warm=%+v pods=%d: replay %d below the closed form %d", inst.Name, prefix, maxPods, w, p, rp.units, cf.secondary+cf.prefixes)
								}
								if warned != (got != want) {
									t.Fatalf("%s prefix=%v custom=%v maxPods=%d warm=%+v pods=%d: warned %v, replay %v, closed form %v (%s)",
										inst.Name, prefix, custom, maxPods, w, p, warned, got, want, formula)
								}
								if warned {
									disagreed++
									continue
								}
							}
							if got != want {
								t.Fatalf("%s prefix=%v custom=%v maxPods=%d warm=%+v pods=%d: replay {ENIs, secondary, prefixes} = %v, closed form %v (%s)",
									inst.Name, prefix, custom, maxPods, w, p, got, want, cf.formula)
							}
							if warned || formula != cf.formula {
								t.Fatalf("%s prefix=%v custom=%v maxPods=%d warm=%+v pods=%d: replay formula %q (warned %v), closed form %q",
									inst.Name, prefix, custom, maxPods, w, p, formula, warned, cf.formula)
							}
							checked++
						}
					}
				}
			}
		}
	}
	t.Logf("%d cases over %d instance shapes agree; %d with the warm target above max_pods disagree, each warned", checked, len(seen), disagreed)
}

// Where the warm target exceeds max pods, the closed forms and ipamd part:
// ipamd allocates a warm shortfall in one step and stops only once a node
// holds max_pods IPs. The replay's numbers are used, the formula shows them
// (not the closed form's), and a warning says why.
func TestClosedFormDisagreesWithReplay(t *testing.T) {
	tests := []struct {
		name            string
		in              NodeIPsInput
		closedIPs, ips  int
		formula, detail string
	}{
		{name: "warm-IP target above max pods: ipamd stops at max pods",
			in:        NodeIPsInput{Instance: mustLookup("m5.large"), Warm: WarmTargets{WarmIPTarget: ptr(5)}, MaxPods: ptr(20), PodsPerNode: ptr(18)},
			closedIPs: 26, ips: 23,
			formula: "secondary IPs = max(18 + 5, 0) = 23; ipamd replay: 20 secondary IPs (it allocates a warm shortfall in one step and stops only once a node holds max_pods 20 IPs) on 3 ENIs; node IPs = 3 + 20 = 23",
			detail:  "With 18 pods, WARM_IP_TARGET 5 and MINIMUM_IP_TARGET 0 ask for more addresses than max_pods 20. ipamd allocates a warm shortfall in one step and stops only once a node holds max_pods IPs, so each node ends with 3 ENIs with 20 secondary IPs (23 IPs)."},
		{name: "warm prefix target above max pods: ipamd takes the whole shortfall",
			in:        NodeIPsInput{Instance: mustLookup("m5.large"), Networking: Networking{PrefixDelegation: true}, Warm: WarmTargets{WarmPrefixTarget: ptr(4)}, MaxPods: ptr(17), PodsPerNode: ptr(0)},
			closedIPs: 33, ips: 65,
			formula: "prefixes = ceil(0/16) + 4 = 4; ipamd replay: 4 prefixes (it allocates a warm shortfall in one step and stops only once a node holds max_pods 17 IPs) on 1 ENI; node IPs = 1 + 16 x 4 = 65",
			detail:  "With 0 pods, WARM_PREFIX_TARGET 4 ask for more addresses than max_pods 17. ipamd allocates a warm shortfall in one step and stops only once a node holds max_pods IPs, so each node ends with 1 ENI with 4 prefixes (65 IPs)."},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			u, warns, err := NodeIPs(tc.in)
			if err != nil {
				t.Fatal(err)
			}
			w, _ := tc.in.Warm.Validate()
			// 3: m5.large's ENIs, the limit the closed form takes.
			cf := closedForm(u.PrefixDelegation, tc.in.Instance.SecondaryIPsPerENI(), 3, false, u.MaxPods, u.PodsPerNode, w, false)
			if cf.ips != tc.closedIPs || u.NodeSubnetIPs != tc.ips {
				t.Errorf("closed form %d, replay %d node IPs; want %d and %d", cf.ips, u.NodeSubnetIPs, tc.closedIPs, tc.ips)
			}
			if u.Formula() != tc.formula {
				t.Errorf("formula = %q\nwant      %q", u.Formula(), tc.formula)
			}
			if len(warns) != 1 || warns[0].Summary != "Warm target is above max_pods" || warns[0].Detail != tc.detail {
				t.Errorf("warnings = %+v\nwant detail %q", warns, tc.detail)
			}
		})
	}
	// The replay alone: 18 pods with WARM_IP_TARGET 5 and max pods 20 end at
	// 20 secondary IPs on 3 ENIs, where the closed form asks for 23.
	w := ResolvedWarm{WarmIP: 5}
	rp := newIPAMDReplay(false, 9, 3, 20, w, true)
	if failed := rp.run(18); failed != 0 {
		t.Fatalf("pod %d failed", failed)
	}
	if rp.units != 20 || rp.podENIs() != 3 {
		t.Errorf("replay = %d IPs on %d ENIs, want 20 on 3", rp.units, rp.podENIs())
	}
	if cf := closedForm(false, 9, 3, false, 20, 18, w, true); cf.secondary != 23 {
		t.Errorf("closed form = %d, want 23", cf.secondary)
	}
}

func BenchmarkNodeIPs(b *testing.B) {
	for _, bc := range []struct {
		name string
		in   NodeIPsInput
	}{
		{"secondary m5.large", NodeIPsInput{Instance: mustLookup("m5.large")}},
		{"prefix c5.4xlarge", NodeIPsInput{Instance: mustLookup("c5.4xlarge"), Networking: Networking{PrefixDelegation: true}, PodsPerNode: ptr(100)}},
		{"warm IP m5.4xlarge", NodeIPsInput{Instance: mustLookup("m5.4xlarge"), Warm: WarmTargets{WarmIPTarget: ptr(1)}, PodsPerNode: ptr(100)}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			for b.Loop() {
				if _, _, err := NodeIPs(bc.in); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func ExampleNodeIPs() {
	u, _, _ := NodeIPs(NodeIPsInput{Instance: mustLookup("m5.large"), PodsPerNode: ptr(10)})
	fmt.Println(u.NodeSubnetIPs, u.Formula())
	// Output: 30 ENIs = ceil(10/9) + 1 = 3; node IPs = 3 x 10 = 30
}

// Taking one replay further gives the same state as a fresh replay.
func TestReplayIsIncremental(t *testing.T) {
	for _, w := range []ResolvedWarm{{WarmENI: 1, WarmPrefix: 1}, {WarmENI: 0, WarmPrefix: 3}, {WarmIP: 7, MinimumIP: 20}, {MinimumIP: 40}} {
		for _, prefix := range []bool{false, true} {
			inc := newIPAMDReplay(prefix, 9, 3, 110, w, true)
			for p := 0; p <= 27; p++ {
				fresh := newIPAMDReplay(prefix, 9, 3, 110, w, true)
				f1, f2 := inc.run(p), fresh.run(p)
				if f1 != f2 || inc.units != fresh.units || inc.podENIs() != fresh.podENIs() || inc.pods != fresh.pods {
					t.Fatalf("warm %+v prefix %v pods %d: incremental (%d, %d units, %d ENIs) != fresh (%d, %d units, %d ENIs)",
						w, prefix, p, f1, inc.units, inc.podENIs(), f2, fresh.units, fresh.podENIs())
				}
			}
		}
	}
}

// runOneByOne is run without warmIPStride: every pod placed and settled on
// its own, as ipamd sees them arrive.
func (r *ipamdReplay) runOneByOne(pods int) int {
	r.settle()
	for r.pods < pods {
		avail := r.available()
		if avail == 0 {
			return r.pods + 1
		}
		r.pods += min(r.podsUntilLow(), avail, pods-r.pods)
		r.settle()
	}
	return 0
}

// warmIPStride gives the state of the one-pod-at-a-time replay.
func TestWarmIPStride(t *testing.T) {
	for _, w := range []ResolvedWarm{{WarmIP: 1}, {WarmIP: 3}, {WarmIP: 7, MinimumIP: 20}, {WarmIP: 2, MinimumIP: 5}, {WarmIP: 30}, {WarmIP: 5, MinimumIP: 100}} {
		for _, slots := range []int{1, 2, 5, 9, 29, 49} {
			for _, maxENIs := range []int{1, 2, 3, 8, 15} {
				for _, maxPods := range []int{1, 4, 17, 29, 58, 110, 250, 737} {
					for _, primary := range []bool{false, true} {
						for p := 0; p <= maxPods+3; p++ {
							a := newIPAMDReplay(false, slots, maxENIs, maxPods, w, primary)
							b := newIPAMDReplay(false, slots, maxENIs, maxPods, w, primary)
							fa, fb := a.run(p), b.runOneByOne(p)
							if fa != fb || *a != *b {
								t.Fatalf("warm %+v slots %d ENIs %d max pods %d primary %v pods %d: stride (%d, %+v) != one by one (%d, %+v)",
									w, slots, maxENIs, maxPods, primary, p, fa, *a, fb, *b)
							}
						}
					}
				}
			}
		}
	}
}
