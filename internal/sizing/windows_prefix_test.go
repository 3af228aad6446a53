package sizing

import "testing"

// Windows with prefix delegation: the VPC resource controller gives the
// primary ENI (IPv4 per ENI - 1) /28 prefixes, 16 pod IPs each, and kubelet's
// default max pods is 110 (EKS User Guide; amazon-vpc-resource-controller-k8s
// docs/windows/prefix_delegation_hld_workflow.md).
func TestMaxPodsWindowsPrefixDelegation(t *testing.T) {
	tests := []struct {
		name      string
		instance  string
		net       Networking
		want      int
		uncapped  int
		cap       int
		applied   bool
		formula   string
		warnField string
	}{
		{name: "m5.large", instance: "m5.large", net: Networking{OS: osWindows, PrefixDelegation: true}, want: 110, uncapped: 144, cap: 110, applied: true,
			formula: "(10 - 1) prefixes on the primary ENI x 16 IPs = 144, capped at 110 (windows: kubelet default)"},
		{name: "m5.large cap none", instance: "m5.large", net: Networking{OS: osWindows, PrefixDelegation: true, CapPolicy: capNone}, want: 144, uncapped: 144, applied: true,
			formula: "(10 - 1) prefixes on the primary ENI x 16 IPs = 144"},
		{name: "m5.8xlarge keeps 110 above 30 vCPUs", instance: "m5.8xlarge", net: Networking{OS: osWindows, PrefixDelegation: true}, want: 110, uncapped: 464, cap: 110, applied: true},
		{name: "t3.medium below the default", instance: "t3.medium", net: Networking{OS: osWindows, PrefixDelegation: true}, want: 80, uncapped: 80, cap: 110, applied: true,
			formula: "(6 - 1) prefixes on the primary ENI x 16 IPs = 80"},
		{name: "max_pods_limit", instance: "m5.large", net: Networking{OS: osWindows, PrefixDelegation: true, MaxPodsLimit: ptr(64)}, want: 64, uncapped: 144, cap: 110, applied: true},
		{name: "xen falls back", instance: "t2.medium", net: Networking{OS: osWindows, PrefixDelegation: true}, want: 5, uncapped: 5, cap: 110,
			formula: "6 IPv4 addresses on the primary ENI - 1 = 5", warnField: fieldPrefixDelegation},
		{name: "secondary IPs unchanged", instance: "m5.large", net: Networking{OS: osWindows}, want: 9, uncapped: 9, cap: 110,
			formula: "10 IPv4 addresses on the primary ENI - 1 = 9"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, warns, err := MaxPods(lookup(t, tt.instance), tt.net)
			if err != nil {
				t.Fatal(err)
			}
			if got.MaxPods != tt.want || got.MaxPodsUncapped != tt.uncapped || got.Cap != tt.cap || got.PrefixDelegationApplied != tt.applied || got.NetworkInterfaces != 1 {
				t.Errorf("got %+v; want max pods %d, uncapped %d, cap %d, prefixes %v, 1 ENI", got, tt.want, tt.uncapped, tt.cap, tt.applied)
			}
			if tt.formula != "" && got.Formula() != tt.formula {
				t.Errorf("formula = %q, want %q", got.Formula(), tt.formula)
			}
			field := ""
			if len(warns) == 1 {
				field = warns[0].Field
			} else if len(warns) > 1 {
				t.Fatalf("warnings %+v", warns)
			}
			if field != tt.warnField {
				t.Errorf("warning on %q, want %q", field, tt.warnField)
			}
		})
	}
}
