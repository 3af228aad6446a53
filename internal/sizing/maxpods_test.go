package sizing

import (
	"errors"
	"strings"
	"testing"

	"github.com/ekssize/terraform-provider-ekssize/internal/ec2data"
)

func ptr[T any](v T) *T { return &v }

func lookup(t testing.TB, name string) ec2data.Instance {
	t.Helper()
	in, err := ec2data.Lookup(name)
	if err != nil {
		t.Fatal(err)
	}
	return in
}

func TestMaxPodsWorkedExamples(t *testing.T) {
	tests := []struct {
		name      string
		instance  string
		net       Networking
		want      int
		uncapped  int
		cap       int
		enis      int
		pd        bool
		formula   string
		warnField string
	}{
		{name: "m5.large secondary IPs", instance: "m5.large", want: 29, uncapped: 29, cap: 110, enis: 3,
			formula: "3 ENIs x (10 - 1) IPs + 2 = 29"},
		{name: "t3a.medium secondary IPs", instance: "t3a.medium", want: 17, uncapped: 17, cap: 110, enis: 3,
			formula: "3 ENIs x (6 - 1) IPs + 2 = 17"},
		{name: "t3a.medium prefix delegation, capped", instance: "t3a.medium", net: Networking{PrefixDelegation: true},
			want: 110, uncapped: 242, cap: 110, enis: 3, pd: true,
			formula: "3 ENIs x (6 - 1) prefixes x 16 IPs + 2 = 242, capped at 110 (eks: 2 vCPUs <= 30)"},
		{name: "m5.large custom networking", instance: "m5.large", net: Networking{CustomNetworking: true},
			want: 20, uncapped: 20, cap: 110, enis: 2, formula: "2 ENIs (3 - 1 custom networking) x (10 - 1) IPs + 2 = 20"},
		{name: "m5.4xlarge eks cap", instance: "m5.4xlarge", want: 110, uncapped: 234, cap: 110, enis: 8,
			formula: "8 ENIs x (30 - 1) IPs + 2 = 234, capped at 110 (eks: 16 vCPUs <= 30)"},
		{name: "m5.4xlarge no cap", instance: "m5.4xlarge", net: Networking{CapPolicy: capNone}, want: 234, uncapped: 234, enis: 8,
			formula: "8 ENIs x (30 - 1) IPs + 2 = 234"},
		// The deprecated cap_policy "auto_mode": Auto Mode's formula, 8 x 29 = 232, capped (automode.go).
		{name: "m5.4xlarge auto mode", instance: "m5.4xlarge", net: Networking{CapPolicy: capAutoMode}, want: 110, uncapped: 232, cap: 110, enis: 8,
			formula: "auto_mode: 8 ENIs x (30 - 1) IPs = 232, capped at 110 (auto_mode)", warnField: fieldCapPolicy},
		{name: "m5.large auto mode", instance: "m5.large", net: Networking{CapPolicy: capAutoMode}, want: 27, uncapped: 27, cap: 110, enis: 3,
			formula: "auto_mode: 3 ENIs x (10 - 1) IPs = 27", warnField: fieldCapPolicy},
		// The deprecated cap policy changes max pods only: the addresses
		// still follow prefix_delegation (pd: true), as on an Auto Mode node.
		{name: "m5.large auto mode prefixes keep max pods", instance: "m5.large", net: Networking{CapPolicy: capAutoMode, PrefixDelegation: true},
			want: 27, uncapped: 27, cap: 110, enis: 3, pd: true, formula: "auto_mode: 3 ENIs x (10 - 1) IPs = 27", warnField: fieldCapPolicy},
		{name: "m5.large auto mode keeps custom networking", instance: "m5.large", net: Networking{CapPolicy: capAutoMode, CustomNetworking: true},
			want: 18, uncapped: 18, cap: 110, enis: 2, formula: "auto_mode: 2 ENIs (3 - 1 custom networking) x (10 - 1) IPs = 18", warnField: fieldCapPolicy},
		{name: "m5.8xlarge prefix delegation", instance: "m5.8xlarge", net: Networking{PrefixDelegation: true},
			want: 250, uncapped: 3714, cap: 250, enis: 8, pd: true,
			formula: "8 ENIs x (30 - 1) prefixes x 16 IPs + 2 = 3714, capped at 250 (eks: 32 vCPUs > 30)"},
		{name: "p5.48xlarge default card only", instance: "p5.48xlarge", want: 100, uncapped: 100, cap: 250, enis: 2,
			formula: "2 ENIs x (50 - 1) IPs + 2 = 100"},
		{name: "windows m5.large", instance: "m5.large", net: Networking{OS: osWindows}, want: 9, uncapped: 9, cap: 110, enis: 1,
			formula: "10 IPv4 addresses on the primary ENI - 1 = 9"},
		{name: "t3.nano prefix delegation", instance: "t3.nano", net: Networking{PrefixDelegation: true},
			want: 34, uncapped: 34, cap: 110, enis: 2, pd: true, formula: "2 ENIs x (2 - 1) prefixes x 16 IPs + 2 = 34"},
		{name: "ipv6 uses prefixes", instance: "m5.large", net: Networking{IPFamily: ipFamilyIPv6},
			want: 110, uncapped: 434, cap: 110, enis: 3, pd: true},
		{name: "security groups for pods", instance: "m5.large", net: Networking{SecurityGroupsForPods: true},
			want: 20, uncapped: 20, cap: 110, enis: 2, formula: "2 ENIs (3 - 1 trunk ENI) x (10 - 1) IPs + 2 = 20"},
		{name: "custom networking + sgp + reserved", instance: "m5.4xlarge",
			net:  Networking{CustomNetworking: true, SecurityGroupsForPods: true, ReservedENIs: 1, CapPolicy: capNone},
			want: 147, uncapped: 147, enis: 5, formula: "5 ENIs (8 - 1 custom networking - 1 trunk ENI - 1 reserved) x (30 - 1) IPs + 2 = 147"},
		{name: "max_eni below the table", instance: "m5.large", net: Networking{MaxENI: ptr(1)},
			want: 11, uncapped: 11, cap: 110, enis: 1, formula: "1 ENI (max_eni 1) x (10 - 1) IPs + 2 = 11"},
		{name: "max_eni above the table changes nothing", instance: "m5.large", net: Networking{MaxENI: ptr(10)},
			want: 29, uncapped: 29, cap: 110, enis: 3, formula: "3 ENIs (3) x (10 - 1) IPs + 2 = 29"},
		{name: "zero ENIs left", instance: "t3.nano", net: Networking{CustomNetworking: true, ReservedENIs: 1},
			want: 2, uncapped: 2, cap: 110, enis: 0, warnField: fieldReservedENIs},
		{name: "reserved beyond the ENIs floors at zero", instance: "m5.large", net: Networking{ReservedENIs: 7},
			want: 2, uncapped: 2, cap: 110, enis: 0, warnField: fieldReservedENIs},
		{name: "prefix delegation on xen falls back", instance: "m4.large", net: Networking{PrefixDelegation: true},
			want: 20, uncapped: 20, cap: 110, enis: 2, warnField: fieldPrefixDelegation},
		{name: "prefix delegation with old CNI falls back", instance: "m5.large", net: Networking{PrefixDelegation: true, CNIVersion: "1.8.0"},
			want: 29, uncapped: 29, cap: 110, enis: 3, warnField: fieldCNIVersion},
		{name: "prefix delegation with CNI 1.9", instance: "m5.large", net: Networking{PrefixDelegation: true, CNIVersion: "v1.9.0-eksbuild.1"},
			want: 110, uncapped: 434, cap: 110, enis: 3, pd: true},
		{name: "bare metal with unknown hypervisor takes prefixes", instance: "bmn-sf1.metal", net: Networking{PrefixDelegation: true, CapPolicy: capNone},
			want: 15*49*16 + 2, uncapped: 15*49*16 + 2, enis: 15, pd: true},
		{name: "multi-card type uses the default card only", instance: "c6in.32xlarge", net: Networking{CapPolicy: capNone},
			want: 8*49 + 2, uncapped: 8*49 + 2, enis: 8}, // 16 ENIs over 2 cards
		{name: "max_pods_limit lowers", instance: "m5.large", net: Networking{MaxPodsLimit: ptr(20)},
			want: 20, uncapped: 29, cap: 110, enis: 3, formula: "3 ENIs x (10 - 1) IPs + 2 = 29, limited to 20 (max_pods_limit)"},
		{name: "max_pods_limit never raises", instance: "m5.large", net: Networking{MaxPodsLimit: ptr(500)},
			want: 29, uncapped: 29, cap: 110, enis: 3},
		{name: "pods_per_core lowers", instance: "m5.large", net: Networking{PodsPerCore: ptr(10)},
			want: 20, uncapped: 29, cap: 110, enis: 3, formula: "3 ENIs x (10 - 1) IPs + 2 = 29, limited to 20 (pods_per_core 10 x 2 vCPUs)"},
		{name: "unknown vCPUs with no cap", instance: "c7i.32xlarge", net: Networking{CapPolicy: capNone},
			want: 15*49 + 2, uncapped: 15*49 + 2, enis: 15},
		{name: "unknown vCPUs with auto mode cap", instance: "c7i.32xlarge", net: Networking{CapPolicy: capAutoMode},
			want: 110, uncapped: 735, cap: 110, enis: 15, warnField: fieldCapPolicy},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, warns, err := MaxPods(lookup(t, tt.instance), tt.net)
			if err != nil {
				t.Fatal(err)
			}
			if got.MaxPods != tt.want || got.MaxPodsUncapped != tt.uncapped || got.Cap != tt.cap ||
				got.NetworkInterfaces != tt.enis || got.PrefixDelegationApplied != tt.pd {
				t.Errorf("got max %d uncapped %d cap %d enis %d pd %v; want %d %d %d %d %v",
					got.MaxPods, got.MaxPodsUncapped, got.Cap, got.NetworkInterfaces, got.PrefixDelegationApplied,
					tt.want, tt.uncapped, tt.cap, tt.enis, tt.pd)
			}
			if got.ENIMaxPods != lookup(t, tt.instance).ENIMaxPods() {
				t.Errorf("ENIMaxPods = %d", got.ENIMaxPods)
			}
			if tt.formula != "" && got.Formula() != tt.formula {
				t.Errorf("formula = %q\nwant      %q", got.Formula(), tt.formula)
			}
			switch {
			case tt.warnField == "" && len(warns) > 0:
				t.Errorf("unexpected warnings %+v", warns)
			case tt.warnField != "" && (len(warns) != 1 || warns[0].Field != tt.warnField):
				t.Errorf("warnings = %+v, want one on %s", warns, tt.warnField)
			}
		})
	}
}

func TestMaxPodsErrors(t *testing.T) {
	tests := []struct {
		name, instance string
		net            Networking
		field, msg     string
	}{
		{"bad ip family", "m5.large", Networking{IPFamily: "ipv5"}, fieldIPFamily, `ip_family is "ipv5"; it must be one of "ipv4" or "ipv6"`},
		{"bad os", "m5.large", Networking{OS: "macos"}, fieldOS, `os is "macos"; it must be one of "linux" or "windows"`},
		{"bad cap policy", "m5.large", Networking{CapPolicy: "EKS"}, fieldCapPolicy, `cap_policy is "EKS"; it must be one of "eks", "auto_mode" or "none"`},
		{"negative reserved", "m5.large", Networking{ReservedENIs: -1}, fieldReservedENIs, "reserved_enis is -1; it must be 0 or more"},
		{"zero max_eni", "m5.large", Networking{MaxENI: ptr(0)}, fieldMaxENI, "max_eni is 0; it must be at least 1"},
		{"negative max_pods_limit", "m5.large", Networking{MaxPodsLimit: ptr(-5)}, fieldMaxPodsLimit, "max_pods_limit is -5; it must be at least 1"},
		{"zero pods_per_core", "m5.large", Networking{PodsPerCore: ptr(0)}, fieldPodsPerCore, "pods_per_core is 0; it must be at least 1"},
		{"garbage cni version", "m5.large", Networking{CNIVersion: "latest"}, fieldCNIVersion, `cni_version "latest" is not a VPC CNI version`},
		{"cni version 2.x", "m5.large", Networking{CNIVersion: "2.0.0"}, fieldCNIVersion, `only VPC CNI 1.x versions are known`},
		{"ipv6 with custom networking", "m5.large", Networking{IPFamily: ipFamilyIPv6, CustomNetworking: true}, fieldCustomNetworking, "custom_networking cannot be used with ip_family = \"ipv6\""},
		{"ipv6 with old cni", "m5.large", Networking{IPFamily: ipFamilyIPv6, CNIVersion: "1.9.3"}, fieldCNIVersion, "needs VPC CNI 1.10.0 or later"},
		{"ipv6 on xen", "m4.large", Networking{IPFamily: ipFamilyIPv6}, fieldIPFamily, "needs a Nitro-based instance type, but m4.large runs on the xen hypervisor"},
		{"windows max_eni", "m5.large", Networking{OS: osWindows, MaxENI: ptr(2)}, fieldMaxENI, `max_eni does not apply to os = "windows": the VPC resource controller gives Windows pods addresses of the primary ENI only`},
		{"windows reserved ENIs", "m5.large", Networking{OS: osWindows, ReservedENIs: 1}, fieldReservedENIs, `reserved_enis does not apply to os = "windows"`},
		{"windows security groups for pods", "m5.large", Networking{OS: osWindows, SecurityGroupsForPods: true}, fieldSecurityGroupsForPods, `security_groups_for_pods cannot be used with os = "windows": security groups for pods are not supported for pods on Windows nodes`},
		{"windows ipv6", "m5.large", Networking{OS: osWindows, IPFamily: ipFamilyIPv6}, fieldIPFamily, `ip_family = "ipv6" cannot be used with os = "windows"`},
		{"windows on a type the controller lacks", "hpc7a.96xlarge", Networking{OS: osWindows}, fieldOS, `hpc7a.96xlarge is not in the VPC resource controller's instance limits`},
		{"windows custom networking", "m5.large", Networking{OS: osWindows, CustomNetworking: true}, fieldCustomNetworking, `custom_networking cannot be used with os = "windows": EKS does not support custom networking on Windows nodes`},
		{"sgp on t3", "t3.large", Networking{SecurityGroupsForPods: true}, fieldSecurityGroupsForPods, "t3.large is not trunking compatible"},
		{"sgp on type missing from the controller table", "c7i.32xlarge", Networking{SecurityGroupsForPods: true, CapPolicy: capNone}, fieldSecurityGroupsForPods, "not in the VPC resource controller's limits table"},
		{"eks cap with unknown vCPUs", "c7i.32xlarge", Networking{}, fieldCapPolicy, `cap_policy "eks" needs the vCPU count, which is unknown for c7i.32xlarge`},
		{"pods_per_core with unknown vCPUs", "c7i.32xlarge", Networking{CapPolicy: capNone, PodsPerCore: ptr(10)}, fieldPodsPerCore, "pods_per_core needs the vCPU count"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := MaxPods(lookup(t, tt.instance), tt.net)
			var ie *InputError
			if !errors.As(err, &ie) {
				t.Fatalf("err = %v (%T), want *InputError", err, err)
			}
			if ie.Field != tt.field || !strings.Contains(ie.Msg, tt.msg) {
				t.Errorf("err on %q: %q\nwant on %q containing %q", ie.Field, ie.Msg, tt.field, tt.msg)
			}
		})
	}
}

func TestParseCNIVersion(t *testing.T) {
	good := map[string]CNIVersion{
		"1.18.3":             {true, 1, 18, 3},
		"v1.9.0":             {true, 1, 9, 0},
		"1.9.0-eksbuild.1":   {true, 1, 9, 0},
		"v1.19.2-eksbuild.1": {true, 1, 19, 2},
		"1.9":                {true, 1, 9, 0},
		"1.10.1+abc":         {true, 1, 10, 1},
		"":                   {},
	}
	for in, want := range good {
		got, err := parseCNIVersion(in)
		if err != nil || got != want {
			t.Errorf("ParseCNIVersion(%q) = %+v, %v; want %+v", in, got, err, want)
		}
	}
	for _, in := range []string{"1", "v", "1.", "1..2", "1.9.0.1", "x1.9", "1.9-", "1.a.0", " 1.9.0", "1.9.0 ", "01234567.1", "-1.9"} {
		if _, err := parseCNIVersion(in); err == nil {
			t.Errorf("ParseCNIVersion(%q) accepted", in)
		}
	}
	if !(CNIVersion{}).AtLeast(1, 99) || (CNIVersion{true, 1, 8, 9}).AtLeast(1, 9) || !(CNIVersion{true, 1, 9, 0}).AtLeast(1, 9) {
		t.Error("AtLeast is wrong")
	}
}

func TestResolveInstance(t *testing.T) {
	in, err := ResolveInstance(nil, &InstanceSpec{NetworkInterfaces: 4, IPv4AddressesPerInterface: 15, VCPUs: ptr(8)})
	if err != nil {
		t.Fatal(err)
	}
	res, _, err := MaxPods(in, Networking{})
	if err != nil || res.MaxPods != 58 || res.ENIMaxPods != 58 {
		t.Errorf("custom 4x15 8 vCPUs: %+v %v, want 58", res, err)
	}
	// A custom Xen type with prefix delegation falls back like a table one.
	in, _ = ResolveInstance(nil, &InstanceSpec{NetworkInterfaces: 3, IPv4AddressesPerInterface: 10, VCPUs: ptr(2), Hypervisor: "xen"})
	if res, w, _ := MaxPods(in, Networking{PrefixDelegation: true}); res.MaxPods != 29 || len(w) != 1 {
		t.Errorf("custom xen PD = %d, %v", res.MaxPods, w)
	}
	// Custom types may use security groups for pods (trunking is not described).
	if _, _, err := MaxPods(in, Networking{SecurityGroupsForPods: true}); err != nil {
		t.Errorf("custom sgp: %v", err)
	}

	errs := []struct {
		name  *string
		spec  *InstanceSpec
		field string
		msg   string
	}{
		{ptr("m5.large"), &InstanceSpec{}, FieldInstanceType, "give instance_type or instance, not both"},
		{nil, nil, FieldInstanceType, "give instance_type (a type from the embedded table"},
		{ptr("m5.larg"), nil, FieldInstanceType, "did you mean m5.large? For a type newer than the table, describe it with the instance object instead (its limits are in data.aws_ec2_instance_type)."},
		{ptr("zz9"), nil, FieldInstanceType, `instance type "zz9" is not in the embedded instance table (data version 2026-11+vpc-cni-v1.23.2). For a type newer than the table, describe it with the instance object instead`},
		{nil, &InstanceSpec{NetworkInterfaces: 0, IPv4AddressesPerInterface: 10}, fieldInstanceNetworkInterfaces, "instance.network_interfaces is 0; it must be between 1 and 1000"},
		{nil, &InstanceSpec{NetworkInterfaces: 3, IPv4AddressesPerInterface: -1}, fieldInstanceIPv4PerInterface, "instance.ipv4_addresses_per_interface is -1"},
		{nil, &InstanceSpec{NetworkInterfaces: 3, IPv4AddressesPerInterface: 10, VCPUs: ptr(0)}, fieldInstanceVCPUs, "instance.vcpus is 0"},
		{nil, &InstanceSpec{NetworkInterfaces: 3, IPv4AddressesPerInterface: 10, Hypervisor: "kvm"}, fieldInstanceHypervisor, `instance.hypervisor is "kvm"; it must be one of "nitro", "xen" or "unknown"`},
		{nil, &InstanceSpec{NetworkInterfaces: 3, IPv4AddressesPerInterface: 10, MemoryMiB: ptr(100)}, fieldInstanceMemorySize, "instance.memory_size is 100; it must be the memory in MiB"},
		{nil, &InstanceSpec{NetworkInterfaces: 3, IPv4AddressesPerInterface: 10, Architecture: "amd64"}, fieldInstanceArchitecture, `instance.architecture is "amd64"; it must be one of "x86_64" or "arm64"`},
	}
	for _, tt := range errs {
		_, err := ResolveInstance(tt.name, tt.spec)
		var ie *InputError
		if !errors.As(err, &ie) || ie.Field != tt.field || !strings.Contains(ie.Msg, tt.msg) {
			t.Errorf("ResolveInstance error = %#v, want on %s containing %q", err, tt.field, tt.msg)
		}
	}
}

// TestTableInstance: a caller that takes table types only (the functions,
// ekssize_instance_type) gets the table row, or an error that suggests the
// closest types and the data sources that take an instance object, never
// "describe it with the instance object instead", which it cannot take.
func TestTableInstance(t *testing.T) {
	in, err := TableInstance("m5.large")
	if err != nil || in.Name != "m5.large" || in.ENIMaxPods() != 29 {
		t.Fatalf("TableInstance(m5.large) = %v, %v", in.Name, err)
	}
	for name, want := range map[string]string{
		"m5.larg": `instance type "m5.larg" is not in the embedded instance table (data version 2026-11+vpc-cni-v1.23.2); did you mean m5.large? ` +
			`Only types from the table are accepted here; for a newer type, describe it with the instance object of the ekssize_max_pods, ` +
			`ekssize_subnet_capacity or ekssize_node_config data source (its limits are in data.aws_ec2_instance_type).`,
		"": `instance type "" is not in the embedded instance table (data version 2026-11+vpc-cni-v1.23.2). Only types from the table are accepted here;`,
	} {
		_, err := TableInstance(name)
		var ie *InputError
		if !errors.As(err, &ie) || ie.Field != FieldInstanceType || !strings.HasPrefix(ie.Msg, want) || strings.Contains(ie.Msg, "instance object instead") {
			t.Errorf("TableInstance(%q) error = %#v, want on %s starting %q", name, err, FieldInstanceType, want)
		}
	}
}

// TestMaxPodsWholeTable checks invariants for every type in the table under
// the common settings.
func TestMaxPodsWholeTable(t *testing.T) {
	settings := []Networking{
		{CapPolicy: capNone},
		{},
		{PrefixDelegation: true},
		{CustomNetworking: true},
		{PrefixDelegation: true, CapPolicy: capNone},
		{CapPolicy: capAutoMode},
	}
	for _, in := range ec2data.MustDefault().All() {
		for i, n := range settings {
			res, _, err := MaxPods(in, n)
			if !in.HasVCPUs() && n.capPolicy() == capEKS {
				if err == nil {
					t.Errorf("%s settings %d: want an error for unknown vCPUs", in.Name, i)
				}
				continue
			}
			if err != nil {
				t.Errorf("%s settings %d: %v", in.Name, i, err)
				continue
			}
			if i == 0 && res.MaxPods != in.ENIMaxPods() {
				t.Errorf("%s: cap none gives %d, eni-max-pods %d", in.Name, res.MaxPods, in.ENIMaxPods())
			}
			if res.MaxPods < 2 || res.MaxPods > res.MaxPodsUncapped || (res.Cap > 0 && res.MaxPods > res.Cap) {
				t.Errorf("%s settings %d: max %d uncapped %d cap %d", in.Name, i, res.MaxPods, res.MaxPodsUncapped, res.Cap)
			}
			if !strings.HasSuffix(res.Formula(), "") || res.Formula() == "" {
				t.Errorf("%s: empty formula", in.Name)
			}
		}
	}
}

func BenchmarkMaxPods(b *testing.B) {
	in := lookup(b, "m5.large")
	n := Networking{PrefixDelegation: true}
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := MaxPods(in, n); err != nil {
			b.Fatal(err)
		}
	}
}

// PodIPs is the ENI arithmetic without the formula's 2 host-network pods: the
// addresses pods off the host network can take.
func TestMaxPodsPodIPs(t *testing.T) {
	for _, tc := range []struct {
		instance  string
		net       Networking
		podIPs    int
		unlimited bool
	}{
		{"m5.large", Networking{}, 27, false},                                       // 3 x (10 - 1)
		{"m5.large", Networking{PrefixDelegation: true}, 432, false},                // 3 x 9 x 16
		{"m5.large", Networking{CustomNetworking: true}, 18, false},                 // (3 - 1) x 9
		{"m5.large", Networking{OS: osWindows}, 9, false},                           // primary ENI: 10 - 1
		{"m5.large", Networking{OS: osWindows, PrefixDelegation: true}, 144, false}, // 9 prefixes x 16
		{"m5.large", Networking{IPFamily: ipFamilyIPv6}, 432, true},                 // the node's /80 sets no limit
		{"t3.nano", Networking{}, 2, false},                                         // 2 x (2 - 1)
		{"m5.4xlarge", Networking{}, 232, false},                                    // 8 x 29, max pods 110
	} {
		res, _, err := MaxPods(lookup(t, tc.instance), tc.net)
		if err != nil {
			t.Fatal(err)
		}
		if res.PodIPs != tc.podIPs || res.PodIPsUnlimited != tc.unlimited {
			t.Errorf("%s %+v: pod IPs %d (unlimited %v), want %d (%v)", tc.instance, tc.net, res.PodIPs, res.PodIPsUnlimited, tc.podIPs, tc.unlimited)
		}
	}
}
