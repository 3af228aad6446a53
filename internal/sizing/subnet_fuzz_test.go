package sizing

import (
	"errors"
	"net/netip"
	"strings"
	"testing"

	"github.com/ekssize/terraform-provider-ekssize/internal/ec2data"
)

// FuzzParseSubnet: any CIDR, available count and reservation either parses to
// a subnet whose facts are consistent, or fails with an InputError on the
// subnet's path. Never a panic.
func FuzzParseSubnet(f *testing.F) {
	f.Add("10.0.0.0/24", -1, "")
	f.Add("10.0.0.0/20", 4000, "10.0.1.0/28")
	f.Add("10.0.0.0/16", 65531, "10.0.0.0/17")
	f.Add("10.0.0.1/24", 10, "10.0.0.0/29")
	f.Add("::/64", 1, "")
	f.Add("10.0.0.0/29", 3, "")
	f.Add("10.0.0.0/15", 3, "")
	f.Add("10.0.0.0/24", 300, "10.0.1.0/28")
	f.Add("not a cidr", 0, "x")
	f.Fuzz(func(t *testing.T, cidr string, available int, reservation string) {
		spec := SubnetSpec{CIDRBlock: cidr}
		if available >= 0 {
			spec.AvailableIPAddressCount = &available
		}
		if reservation != "" {
			spec.PrefixReservations = []string{reservation}
		}
		s, err := ParseSubnet("subnets[0]", spec)
		if err != nil {
			var ie *InputError
			if !errors.As(err, &ie) || !strings.HasPrefix(ie.Field, "subnets[0]") || ie.Msg == "" {
				t.Fatalf("ParseSubnet(%q, %d, %q) error %v is not an InputError on subnets[0]", cidr, available, reservation, err)
			}
			return
		}
		// The parser ignores surrounding white space (a value read from a
		// file may end in a newline); nothing else.
		p, perr := netip.ParsePrefix(strings.TrimSpace(cidr))
		if perr != nil || !p.Addr().Is4() || p.Bits() < 16 || p.Bits() > 28 || s.CIDR != p {
			t.Fatalf("accepted %q as %s", cidr, s.CIDR)
		}
		if s.UsableIPs() != s.TotalIPs()-5 || s.FreeIPs() < 0 || s.FreeIPs() > s.UsableIPs() || s.UsedIPs() < 0 ||
			s.PrefixEligibleBlocks() < 0 || s.PrefixEligibleBlocks() > s.Blocks() || s.ReservedPrefixBlocks() > s.PrefixEligibleBlocks() {
			t.Fatalf("inconsistent subnet %+v: usable %d free %d blocks %d eligible %d reserved blocks %d",
				s, s.UsableIPs(), s.FreeIPs(), s.Blocks(), s.PrefixEligibleBlocks(), s.ReservedPrefixBlocks())
		}
	})
}

// FuzzSubnetCapacity drives the whole subnet model with arbitrary numbers: no
// panic, errors are InputErrors naming a field, and every result is
// self-consistent (fits iff headroom >= 0, max_nodes nodes fit, totals add up).
func FuzzSubnetCapacity(f *testing.F) {
	f.Add(uint16(0), 24, 10, 12, 2, 1, 2, false, false, false, -1, -1, -1, false)
	f.Add(uint16(5), 20, 100, 30, 2, 0, 0, true, false, true, 5, 10, 1, false)
	f.Add(uint16(900), 16, 50, 1000, 0, 3, 6, true, true, false, 0, 0, 0, true)
	f.Add(uint16(7), 28, 0, 1, 9, 0, 0, false, true, false, -1, 12, -1, false)
	names := ec2data.MustDefault().Names()
	f.Fuzz(func(t *testing.T, typeIdx uint16, bits, pods, nodes, surge, albs, endpoints int, pd, packed, cluster bool,
		warmIP, minIP, warmENI int, cn bool) {
		in, _ := ec2data.Lookup(names[int(typeIdx)%len(names)])
		net := Networking{PrefixDelegation: pd, CapPolicy: capNone}
		var warm WarmTargets
		if warmIP >= 0 {
			warm.WarmIPTarget = &warmIP
		}
		if minIP >= 0 {
			warm.MinimumIPTarget = &minIP
		}
		if warmENI >= 0 {
			warm.WarmENITarget = &warmENI
		}
		input := SubnetCapacityInput{
			NodeIPsInput:        NodeIPsInput{Instance: in, Networking: net, Warm: warm, PodsPerNode: &pods},
			Subnets:             []SubnetSpec{{CIDRBlock: "10.0.0.0/" + itoa(bits), ClusterSubnet: cluster}, {CIDRBlock: "10.1.0.0/" + itoa(bits)}},
			NodeCount:           nodes,
			SurgeNodesPerSubnet: &surge,
			Reserved:            ReservedIPs{ApplicationLoadBalancers: albs, InterfaceEndpoints: endpoints},
		}
		if cn {
			input.Networking.CustomNetworking = true
			input.PodSubnets = []SubnetSpec{{CIDRBlock: "100.64.0.0/" + itoa(bits)}, {CIDRBlock: "100.65.0.0/" + itoa(bits)}}
		}
		if packed {
			input.PrefixLayout = prefixLayoutPacked
		}
		res, _, err := SubnetCapacity(input)
		if err != nil {
			checkInputError(t, err)
			return
		}
		total := 0
		for _, r := range append(append([]SubnetResult(nil), res.Subnets...), res.PodSubnets...) {
			if r.Fits != (r.HeadroomIPs >= 0) || r.ShortfallIPs != max(0, -r.HeadroomIPs) || r.MaxNodes < 0 {
				t.Fatalf("inconsistent subnet result %+v", r)
			}
			// max_nodes nodes fit; when the reserved extras alone overflow the
			// subnet nothing fits and max_nodes is 0 (documented).
			extrasFit := r.ReservedIPs+r.KeepFreeIPs <= r.FreeIPs
			if r.PlannedNodes+r.SurgeNodes <= r.MaxNodes && !r.Fits && (r.MaxNodes > 0 || extrasFit) {
				t.Fatalf("%d nodes <= max_nodes %d but does not fit: %+v", r.PlannedNodes+r.SurgeNodes, r.MaxNodes, r)
			}
			if !extrasFit && (r.MaxNodes != 0 || r.Fits) {
				t.Fatalf("extras overflow the subnet but max_nodes %d, fits %v: %+v", r.MaxNodes, r.Fits, r)
			}
		}
		for _, r := range res.Subnets {
			total += r.PlannedNodes
		}
		if total != nodes {
			t.Fatalf("planned nodes add up to %d, want %d", total, nodes)
		}
		if res.Fits != (res.ShortfallIPs == 0) {
			t.Fatalf("fits %v with shortfall %d", res.Fits, res.ShortfallIPs)
		}
	})
}

func itoa(i int) string {
	if i < 0 {
		return "-" + itoa(-i)
	}
	if i < 10 {
		return string(rune('0' + i))
	}
	return itoa(i/10) + string(rune('0'+i%10))
}

// TestNodeIPsNeverDecrease: for every distinct ENI shape in the table and the
// common warm settings, node IPs never fall as pods per node grow.
func TestNodeIPsNeverDecrease(t *testing.T) {
	seen := map[[2]int]bool{}
	warms := []WarmTargets{{}, {WarmENITarget: ptr(0)}, {WarmIPTarget: ptr(5), MinimumIPTarget: ptr(10)}, {WarmPrefixTarget: ptr(0)}, {WarmIPTarget: ptr(3)}}
	checked := 0
	for _, in := range ec2data.MustDefault().All() {
		shape := [2]int{in.DefaultCardENIs, in.IPv4PerENI}
		if seen[shape] || !in.HasVCPUs() {
			continue
		}
		seen[shape] = true
		for _, pd := range []bool{false, true} {
			for _, cn := range []bool{false, true} {
				for _, w := range warms {
					prev := -1
					limit := 110
					for pods := 0; pods <= limit; pods++ {
						u, _, err := NodeIPs(NodeIPsInput{Instance: in, Networking: Networking{PrefixDelegation: pd, CustomNetworking: cn},
							Warm: w, MaxPods: &limit, PodsPerNode: ptr(pods)})
						if err != nil {
							break // more pods than the node can take
						}
						total := u.NodeSubnetIPs + u.PodSubnetIPs
						if total < prev {
							t.Fatalf("%s pd %v cn %v warm %+v: %d pods use %d IPs, fewer than %d for one pod less", in.Name, pd, cn, w, pods, total, prev)
						}
						prev = total
						checked++
					}
				}
			}
		}
	}
	t.Logf("checked %d shape x settings x pods combinations", checked)
}
