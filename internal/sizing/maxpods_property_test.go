package sizing

import (
	"testing"

	"github.com/ekssize/terraform-provider-ekssize/internal/ec2data"
)

// settingsGrid is every combination of the max-pods settings that the core
// accepts for Linux, used by the property tests below.
func settingsGrid() []Networking {
	var out []Networking
	for _, pd := range []bool{false, true} {
		for _, fam := range []string{ipFamilyIPv4, ipFamilyIPv6} {
			for _, cn := range []bool{false, true} {
				if fam == ipFamilyIPv6 && cn {
					continue // rejected combination, tested elsewhere
				}
				for _, reserved := range []int{0, 1, 3} {
					for _, capPolicy := range []string{capEKS, capAutoMode, capNone} {
						for _, maxENI := range []*int{nil, ptr(1), ptr(2)} {
							out = append(out, Networking{PrefixDelegation: pd, IPFamily: fam, CustomNetworking: cn,
								ReservedENIs: reserved, CapPolicy: capPolicy, MaxENI: maxENI})
						}
					}
				}
			}
		}
	}
	return out
}

// TestMaxPodsProperties checks, for every table type and every settings
// combination: max pods is at least 2, exactly 2 only when no ENI is left (or
// a limit forces it), never above the cap or the uncapped value; and giving the
// type one more ENI or one more IP per ENI never lowers max pods.
func TestMaxPodsProperties(t *testing.T) {
	grid := settingsGrid()
	checked := 0
	for _, in := range ec2data.MustDefault().All() {
		if !in.HasVCPUs() {
			in.VCPUs = 8 // the properties hold whatever the count; the table's unknowns are tested elsewhere
		}
		for _, n := range grid {
			res, _, err := MaxPods(in, n)
			if err != nil {
				if n.IPFamily == ipFamilyIPv6 && !supportsPrefixDelegation(in) {
					continue // IPv6 on Xen is an error by design
				}
				t.Fatalf("%s %+v: %v", in.Name, n, err)
			}
			checked++
			// Auto Mode's formula (the deprecated cap_policy "auto_mode") has no "+ 2".
			floor := 2
			if n.CapPolicy == capAutoMode {
				floor = 0
			}
			if res.MaxPods < floor || res.MaxPods > res.MaxPodsUncapped || (res.Cap > 0 && res.MaxPods > res.Cap) {
				t.Fatalf("%s %+v: max %d uncapped %d cap %d", in.Name, n, res.MaxPods, res.MaxPodsUncapped, res.Cap)
			}
			if (res.MaxPods == floor) != (res.NetworkInterfaces == 0) {
				t.Fatalf("%s %+v: max pods %d with %d ENIs left", in.Name, n, res.MaxPods, res.NetworkInterfaces)
			}
			moreENIs := in
			moreENIs.DefaultCardENIs++
			moreIPs := in
			moreIPs.IPv4PerENI++
			for label, bigger := range map[string]ec2data.Instance{"one more ENI": moreENIs, "one more IP per ENI": moreIPs} {
				b, _, err := MaxPods(bigger, n)
				if err != nil {
					t.Fatalf("%s (%s) %+v: %v", in.Name, label, n, err)
				}
				if b.MaxPods < res.MaxPods || b.MaxPodsUncapped < res.MaxPodsUncapped {
					t.Fatalf("%s %+v: %s gives %d (uncapped %d) < %d (uncapped %d)", in.Name, n, label,
						b.MaxPods, b.MaxPodsUncapped, res.MaxPods, res.MaxPodsUncapped)
				}
			}
		}
	}
	if checked < 1391*100 {
		t.Fatalf("only %d combinations checked", checked)
	}
	t.Logf("checked %d type x settings combinations", checked)
}
