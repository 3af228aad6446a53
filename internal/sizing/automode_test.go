package sizing

import (
	"errors"
	"strings"
	"testing"

	"github.com/ekssize/terraform-provider-ekssize/internal/ec2data"
)

// TestAutoModeMaxPods checks launch_path = "auto_mode" against AWS's
// published rule, "the lower of: 110 pods hard cap; number of ENIs × (IPs per
// ENI − 1)" (automode.go), on a Nitro type, the running m5.2xlarge AWS's
// sample reported (pods: 56), Xen types (no prefixes at all), large types (the
// flat 110, no 250) and a multi-card type.
func TestAutoModeMaxPods(t *testing.T) {
	tests := []struct {
		instance string
		net      Networking
		want     int
		uncapped int
		enis     int
		formula  string
	}{
		{"m5.large", Networking{}, 27, 27, 3, "auto_mode: 3 ENIs x (10 - 1) IPs = 27"},
		{"m5.large", Networking{IPFamily: ipFamilyIPv6}, 27, 27, 3, "auto_mode: 3 ENIs x (10 - 1) IPs = 27"},
		{"m5.2xlarge", Networking{}, 56, 56, 4, "auto_mode: 4 ENIs x (15 - 1) IPs = 56"},
		{"m4.large", Networking{}, 18, 18, 2, "auto_mode: 2 ENIs x (10 - 1) IPs = 18"},
		{"c4.large", Networking{}, 27, 27, 3, "auto_mode: 3 ENIs x (10 - 1) IPs = 27"},
		{"t2.medium", Networking{}, 15, 15, 3, "auto_mode: 3 ENIs x (6 - 1) IPs = 15"},
		{"m5.24xlarge", Networking{}, 110, 735, 15, "auto_mode: 15 ENIs x (50 - 1) IPs = 735, capped at 110 (auto_mode)"},
		{"c7i.48xlarge", Networking{}, 110, 735, 15, "auto_mode: 15 ENIs x (50 - 1) IPs = 735, capped at 110 (auto_mode)"},
		{"m5.metal", Networking{}, 110, 735, 15, "auto_mode: 15 ENIs x (50 - 1) IPs = 735, capped at 110 (auto_mode)"},
		{"p5.48xlarge", Networking{}, 98, 98, 2, "auto_mode: 2 ENIs x (50 - 1) IPs = 98"},
	}
	for _, tt := range tests {
		t.Run(tt.instance, func(t *testing.T) {
			inst := lookup(t, tt.instance)
			tt.net.LaunchPath = launchAutoMode
			got, warns, err := MaxPods(inst, tt.net)
			if err != nil {
				t.Fatal(err)
			}
			if len(warns) > 0 {
				t.Errorf("unexpected warnings %+v", warns)
			}
			if got.MaxPods != tt.want || got.MaxPodsUncapped != tt.uncapped || got.Cap != 110 || got.NetworkInterfaces != tt.enis ||
				got.PrefixDelegationApplied || got.ENIMaxPods != inst.ENIMaxPods() || got.Formula() != tt.formula {
				t.Errorf("got %+v\nwant max %d uncapped %d enis %d formula %q", got, tt.want, tt.uncapped, tt.enis, tt.formula)
			}
		})
	}
}

// TestAutoModeExcludedTypes checks each rule of "EKS Auto Mode supported
// instance reference" with its error text.
func TestAutoModeExcludedTypes(t *testing.T) {
	tests := []struct{ instance, field, want string }{
		{"t3.micro", FieldInstanceType, `launch_path = "auto_mode": EKS Auto Mode does not launch t3.micro: it "will only create EC2 instances that meet the following requirements: [...] Instance size is not nano, micro or small" (EKS User Guide, "EKS Auto Mode supported instance reference"); choose a larger size, such as t3.medium or t3.large`},
		{"t4g.small", FieldInstanceType, `launch_path = "auto_mode": EKS Auto Mode does not launch t4g.small: it "will only create EC2 instances that meet the following requirements: [...] Instance size is not nano, micro or small"`},
		{"m6g.medium", FieldInstanceType, `launch_path = "auto_mode": EKS Auto Mode does not launch m6g.medium: it has 1 vCPU, and Auto Mode "will only create EC2 instances that meet the following requirements: More than 1 CPU" (EKS User Guide, "EKS Auto Mode supported instance reference"); choose a size with at least 2 vCPUs, such as m6g.large`},
		{"a1.large", FieldInstanceType, `launch_path = "auto_mode": EKS Auto Mode does not launch a1.large: the a1 family is not among the instance types it supports, and "EKS Auto Mode only creates instances of supported types" (EKS User Guide, "EKS Auto Mode supported instance reference"); choose a family AWS lists there, such as m5, c6i, r7g or t3, or another launch_path`},
		{"u-6tb1.metal", FieldInstanceType, `launch_path = "auto_mode": EKS Auto Mode does not launch u-6tb1.metal: the u-6tb1 family is not among the instance types it supports`},
		{"m3.large", FieldInstanceType, `launch_path = "auto_mode": EKS Auto Mode does not launch m3.large: the m3 family is not among the instance types it supports`},
	}
	for _, tt := range tests {
		t.Run(tt.instance, func(t *testing.T) {
			_, _, err := MaxPods(lookup(t, tt.instance), Networking{LaunchPath: launchAutoMode})
			var ie *InputError
			if !errors.As(err, &ie) || ie.Field != tt.field || !strings.HasPrefix(ie.Msg, tt.want) {
				t.Fatalf("error = %v (%+v), want on %s starting %q", err, ie, tt.field, tt.want)
			}
		})
	}
}

// TestAutoModeSettings: settings Auto Mode cannot run are errors; settings
// that would only change the number are ignored with a warning each.
func TestAutoModeSettings(t *testing.T) {
	errs := []struct {
		net         Networking
		field, want string
	}{
		{Networking{OS: osWindows}, fieldOS, `os = "windows" cannot be used with launch_path = "auto_mode": "EKS Auto Mode only supports Linux" (EKS User Guide, Create a Node Pool for EKS Auto Mode); use os = "linux", or another launch_path for Windows nodes`},
		{Networking{SecurityGroupsForPods: true}, fieldSecurityGroupsForPods, `security_groups_for_pods cannot be used with launch_path = "auto_mode": EKS Auto Mode does not support "Security Groups per Pod (SGPP)"`},
		{Networking{CustomNetworking: true}, fieldCustomNetworking, `custom_networking cannot be used with launch_path = "auto_mode": EKS Auto Mode does not support "Custom Networking in the ENIConfig"`},
	}
	for _, tt := range errs {
		tt.net.LaunchPath = launchAutoMode
		_, _, err := MaxPods(lookup(t, "m5.large"), tt.net)
		var ie *InputError
		if !errors.As(err, &ie) || ie.Field != tt.field || !strings.HasPrefix(ie.Msg, tt.want) {
			t.Errorf("%+v: error = %v, want on %s starting %q", tt.net, err, tt.field, tt.want)
		}
	}
	// IPv6 still needs a Nitro type (prefixes, "a /80 IPv6 prefix per node").
	if _, _, err := MaxPods(lookup(t, "m4.large"), Networking{LaunchPath: launchAutoMode, IPFamily: ipFamilyIPv6}); err == nil ||
		err.Error() != `ip_family = "ipv6" needs a Nitro-based instance type, but m4.large runs on the xen hypervisor` {
		t.Errorf("ipv6 on m4.large: %v", err)
	}

	// cni_version is only warned about on Auto Mode, also where IPv6 would
	// need a newer VPC CNI on a node of one's own.
	if got, warns, err := MaxPods(lookup(t, "m5.large"), Networking{LaunchPath: launchAutoMode, IPFamily: ipFamilyIPv6, CNIVersion: "1.9.0"}); err != nil ||
		got.MaxPods != 27 || len(warns) != 1 || warns[0].Summary != "cni_version is ignored on EKS Auto Mode" {
		t.Errorf("ipv6 with cni_version 1.9.0 on Auto Mode: %d, %+v, %v", got.MaxPods, warns, err)
	}

	ignored := Networking{
		LaunchPath: launchAutoMode, CapPolicy: capNone, PrefixDelegation: true, MaxPodsLimit: ptr(20), PodsPerCore: ptr(5),
		ReservedENIs: 1, MaxENI: ptr(1), CNIVersion: "1.18.3", Mirror: mirrorMaxPodsCalculator,
	}
	got, warns, err := MaxPods(lookup(t, "m5.large"), ignored)
	if err != nil {
		t.Fatal(err)
	}
	if got.MaxPods != 27 {
		t.Errorf("max pods = %d, want 27 whatever the ignored settings", got.MaxPods)
	}
	var fields []string
	for _, w := range warns {
		fields = append(fields, w.Field)
		if !strings.HasSuffix(w.Summary, " is ignored on EKS Auto Mode") || !strings.HasPrefix(w.Detail, `With launch_path = "auto_mode", `) ||
			strings.Count(w.Detail, ", so ") > 1 || strings.Contains(w.Detail, ": ") {
			t.Errorf("warning %+v", w)
		}
	}
	want := []string{fieldCapPolicy, fieldPrefixDelegation, fieldMaxPodsLimit, fieldPodsPerCore, fieldReservedENIs, fieldMaxENI, fieldCNIVersion, FieldMirror}
	if strings.Join(fields, ",") != strings.Join(want, ",") {
		t.Errorf("warnings on %v, want %v", fields, want)
	}
	if !strings.Contains(warns[4].Detail, `"Configuration options for the previous AWS VPC CNI will not apply to EKS Auto Mode"`) ||
		!strings.Contains(warns[2].Detail, "the Auto Mode NodeClass has no kubelet settings") ||
		!strings.Contains(warns[1].Detail, `secondary IPs with advancedNetworking.ipv4PrefixSize = "32"`) {
		t.Errorf("warning details: %+v", warns)
	}
}

// TestCapAutoModeOnWindows: the deprecated cap on a Windows node keeps its
// old meaning (a cap of 110 over the controller's addresses) and warns.
func TestCapAutoModeOnWindows(t *testing.T) {
	for _, tt := range []struct {
		pd   bool
		want int
	}{{false, 9}, {true, 110}} {
		got, warns, err := MaxPods(lookup(t, "m5.large"), Networking{OS: osWindows, PrefixDelegation: tt.pd, CapPolicy: capAutoMode})
		if err != nil || got.MaxPods != tt.want {
			t.Fatalf("prefix delegation %t: %d, %v; want %d", tt.pd, got.MaxPods, err, tt.want)
		}
		last := warns[len(warns)-1]
		if last.Field != fieldCapPolicy || last.Summary != `cap_policy = "auto_mode" is deprecated` ||
			!strings.HasPrefix(last.Detail, `"EKS Auto Mode only supports Linux"`) {
			t.Errorf("prefix delegation %t: warnings %+v", tt.pd, warns)
		}
	}
}

// TestAutoModeDescribedInstance: the instance object has no family or size,
// so only its vCPUs are checked.
func TestAutoModeDescribedInstance(t *testing.T) {
	spec := InstanceSpec{NetworkInterfaces: 3, IPv4AddressesPerInterface: 10, VCPUs: ptr(2)}
	inst, err := ResolveInstance(nil, &spec)
	if err != nil {
		t.Fatal(err)
	}
	got, warns, err := MaxPods(inst, Networking{LaunchPath: launchAutoMode})
	if err != nil || got.MaxPods != 27 || len(warns) != 1 || warns[0].Field != fieldInstance ||
		warns[0].Summary != "Whether EKS Auto Mode launches this instance type is not checked" {
		t.Errorf("got %d %+v %v", got.MaxPods, warns, err)
	}
	spec.VCPUs = ptr(1)
	inst, _ = ResolveInstance(nil, &spec)
	_, _, err = MaxPods(inst, Networking{LaunchPath: launchAutoMode})
	want := `launch_path = "auto_mode": EKS Auto Mode does not launch the described instance: it has 1 vCPU, and Auto Mode "will only create EC2 instances that meet the following requirements: More than 1 CPU" (EKS User Guide, "EKS Auto Mode supported instance reference"); describe an instance with at least 2 vCPUs (instance.vcpus), or use another launch_path`
	var ie *InputError
	if !errors.As(err, &ie) || ie.Field != fieldInstanceVCPUs || ie.Msg != want {
		t.Errorf("error = %v", err)
	}
}

// TestAutoModeTable checks every table type: Auto Mode either refuses it
// with one of the three rules or gives exactly min(110, ENIs x (IPs - 1));
// and the deprecated cap_policy = "auto_mode" gives the same value on every
// type Auto Mode launches. Both checks are oracles written from the EKS User
// Guide's wording here, not the reference: the formula's reference values are
// TestAutoModeMaxPods' worked examples (m5.large 27, p5.48xlarge 98, ...),
// and the refusal rules use the production family and size sets, so this
// test checks their application to each type, not the sets themselves.
func TestAutoModeTable(t *testing.T) {
	launched, refused := 0, 0
	for _, in := range ec2data.MustDefault().All() {
		got, warns, err := MaxPods(in, Networking{LaunchPath: launchAutoMode})
		if err != nil {
			family, size, _ := strings.Cut(in.Name, ".")
			if autoModeFamilies[family] && !autoModeExcludedSizes[size] && (!in.HasVCPUs() || in.VCPUs > 1) {
				t.Fatalf("%s refused: %v", in.Name, err)
			}
			refused++
			continue
		}
		launched++
		want := min(110, in.DefaultCardENIs*(in.IPv4PerENI-1))
		if got.MaxPods != want || len(warns) != 0 {
			t.Fatalf("%s: %d %+v, want %d", in.Name, got.MaxPods, warns, want)
		}
		old, _, err := MaxPods(in, Networking{CapPolicy: capAutoMode})
		if err != nil || old.MaxPods != got.MaxPods {
			t.Fatalf("%s: cap_policy auto_mode %d %v, launch_path auto_mode %d", in.Name, old.MaxPods, err, got.MaxPods)
		}
	}
	if launched+refused != 1391 || launched < 900 {
		t.Fatalf("launched %d, refused %d", launched, refused)
	}
	t.Logf("EKS Auto Mode launches %d of the %d table types", launched, launched+refused)
}

// TestAutoModeNodeResources: AWS publishes no kube-reserved for Auto Mode
// nodes and they take no user data, so node resources refuse the launch path.
func TestAutoModeNodeResources(t *testing.T) {
	_, _, err := NodeResources(NodeResourcesInput{Instance: lookup(t, "m5.large"), Networking: Networking{LaunchPath: launchAutoMode}})
	var ie *InputError
	if !errors.As(err, &ie) || ie.Field != fieldLaunchPath ||
		!strings.HasPrefix(ie.Msg, `launch_path = "auto_mode" cannot be used here: kube-reserved, allocatable and the node configurations are for nodes whose user data you write, but EKS Auto Mode nodes take none`) {
		t.Fatalf("error = %v", err)
	}
}

// TestCapAutoModeKeepsPrefixes: the deprecated cap_policy = "auto_mode"
// changes max pods only; the ipamd replay behind node_ips, subnet_max_nodes,
// ekssize_subnet_capacity and ekssize_cluster_ip_plan keeps following
// prefix_delegation, as an Auto Mode node uses /28 prefixes by default. An
// m5.large with prefixes: max pods 27, 25 pods; ipamd asks for ceil(25/16) +
// WARM_PREFIX_TARGET 1 = 3 prefixes but stops once the node holds max pods
// IPs, at 2: 1 + 2 x 16 = 33 IPs, 4 nodes in a /24 (with cap_policy = "eks",
// 110 max pods: 7 prefixes, 113 IPs, 1 node). Without prefixes: 27 secondary
// IPs on 3 ENIs, 30 IPs. Before the fix the prefixes were dropped silently.
func TestCapAutoModeKeepsPrefixes(t *testing.T) {
	m5 := lookup(t, "m5.large")
	u, warns, err := NodeIPs(NodeIPsInput{Instance: m5, Networking: Networking{CapPolicy: capAutoMode, PrefixDelegation: true}})
	if err != nil {
		t.Fatal(err)
	}
	if u.MaxPods != 27 || !u.PrefixDelegation || u.Prefixes != 2 || u.SecondaryIPs != 0 || u.NodeSubnetIPs != 33 {
		t.Errorf("prefixes: got max pods %d, prefix delegation %v, %d prefixes, %d secondary IPs, %d IPs; want 27, true, 2, 0, 33",
			u.MaxPods, u.PrefixDelegation, u.Prefixes, u.SecondaryIPs, u.NodeSubnetIPs)
	}
	if len(warns) != 1 || warns[0].Field != fieldCapPolicy || warns[0].Summary != `cap_policy = "auto_mode" is deprecated` ||
		!strings.Contains(warns[0].Detail, `launch_path = "auto_mode" on ekssize_max_pods or provider::ekssize::max_pods, the only places that take it, is the supported way`) ||
		!strings.Contains(warns[0].Detail, "Pod addresses still follow prefix_delegation") {
		t.Errorf("warnings %+v", warns)
	}
	u, _, err = NodeIPs(NodeIPsInput{Instance: m5, Networking: Networking{CapPolicy: capAutoMode}})
	if err != nil || u.MaxPods != 27 || u.PrefixDelegation || u.SecondaryIPs != 27 || u.NodeSubnetIPs != 30 {
		t.Errorf("secondary IPs: got %+v, %v; want max pods 27, 27 secondary IPs, 30 IPs", u, err)
	}
	capacity := func(capPolicy string) SubnetCapacityResult {
		t.Helper()
		res, _, err := SubnetCapacity(SubnetCapacityInput{
			NodeIPsInput: NodeIPsInput{Instance: m5, Networking: Networking{CapPolicy: capPolicy, PrefixDelegation: true}},
			Subnets:      []SubnetSpec{{CIDRBlock: "10.0.0.0/24"}},
		})
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	auto, eks := capacity(capAutoMode), capacity(capEKS)
	if !auto.PerNode.PrefixDelegation || auto.PerNode.Prefixes != 2 || auto.PerNode.NodeSubnetIPs != 33 || auto.MaxNodes != 4 ||
		eks.PerNode.Prefixes != 7 || eks.PerNode.NodeSubnetIPs != 113 || eks.MaxNodes != 1 {
		t.Errorf("subnet capacity: auto_mode %+v max nodes %d; eks %+v max nodes %d", auto.PerNode, auto.MaxNodes, eks.PerNode, eks.MaxNodes)
	}
	// MaxPods itself (ekssize_max_pods) names launch_path.
	_, warns, _ = MaxPods(m5, Networking{CapPolicy: capAutoMode})
	if len(warns) != 1 || warns[0].Summary != `cap_policy = "auto_mode" is deprecated; use launch_path = "auto_mode"` ||
		strings.Count(warns[0].Detail, "27 for") != 1 {
		t.Errorf("max pods warnings %+v", warns)
	}
}
