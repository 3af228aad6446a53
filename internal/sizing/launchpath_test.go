package sizing

import (
	"errors"
	"strings"
	"testing"
)

// Managed node groups without a custom AMI: max-pods-calculator.sh's value
// with the "eks" cap, whatever the user's own ceiling (EKS User Guide, "How
// maxPods is determined").
func TestMaxPodsManagedNodeGroup(t *testing.T) {
	tests := []struct {
		name      string
		instance  string
		net       Networking
		want      int
		formula   string
		warnField []string
	}{
		{name: "m5.large secondary IPs", instance: "m5.large", net: Networking{LaunchPath: launchManaged}, want: 29,
			formula: "3 ENIs x (10 - 1) IPs + 2 = 29; managed node group: EKS writes this value"},
		{name: "m5.large prefix delegation", instance: "m5.large", net: Networking{LaunchPath: launchManaged, PrefixDelegation: true}, want: 110,
			formula: "3 ENIs x (10 - 1) prefixes x 16 IPs + 2 = 434, capped at 110 (eks: 2 vCPUs <= 30); managed node group: EKS writes this value"},
		{name: "m5.8xlarge prefix delegation", instance: "m5.8xlarge", net: Networking{LaunchPath: launchManaged, PrefixDelegation: true}, want: 250},
		{name: "m5.4xlarge cap none ignored", instance: "m5.4xlarge", net: Networking{LaunchPath: launchManaged, CapPolicy: capNone}, want: 110,
			warnField: []string{fieldCapPolicy}},
		{name: "m5.4xlarge auto_mode cap ignored", instance: "m5.4xlarge", net: Networking{LaunchPath: launchManaged, CapPolicy: capAutoMode}, want: 110,
			warnField: []string{fieldCapPolicy}},
		{name: "m5.large max_pods_limit ignored", instance: "m5.large", net: Networking{LaunchPath: launchManaged, PrefixDelegation: true, MaxPodsLimit: ptr(50)}, want: 110,
			warnField: []string{fieldMaxPodsLimit}},
		{name: "pods_per_core still applies", instance: "m5.large", net: Networking{LaunchPath: launchManaged, PrefixDelegation: true, PodsPerCore: ptr(10)}, want: 20},
		{name: "custom networking", instance: "m5.large", net: Networking{LaunchPath: launchManaged, CustomNetworking: true}, want: 20},
		{name: "custom AMI keeps max_pods_limit", instance: "m5.large", net: Networking{LaunchPath: launchManagedCustomAMI, PrefixDelegation: true, MaxPodsLimit: ptr(50)}, want: 50,
			formula: "3 ENIs x (10 - 1) prefixes x 16 IPs + 2 = 434, capped at 110 (eks: 2 vCPUs <= 30), limited to 50 (max_pods_limit)"},
		{name: "self-managed keeps cap none", instance: "m5.4xlarge", net: Networking{LaunchPath: launchSelfManaged, CapPolicy: capNone}, want: 234},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, warns, err := MaxPods(lookup(t, tt.instance), tt.net)
			if err != nil {
				t.Fatal(err)
			}
			if got.MaxPods != tt.want {
				t.Errorf("max pods = %d, want %d (%s)", got.MaxPods, tt.want, got.Formula())
			}
			if tt.formula != "" && got.Formula() != tt.formula {
				t.Errorf("formula = %q, want %q", got.Formula(), tt.formula)
			}
			var fields []string
			for _, w := range warns {
				fields = append(fields, w.Field)
				if !strings.Contains(w.Detail, "How maxPods is determined") || !strings.Contains(w.Detail, `launch_path = "managed_custom_ami"`) {
					t.Errorf("warning %q does not cite the guide and the way out", w.Detail)
				}
			}
			if strings.Join(fields, ",") != strings.Join(tt.warnField, ",") {
				t.Errorf("warnings on %v, want %v", fields, tt.warnField)
			}
		})
	}
}

func TestLaunchPathBadInput(t *testing.T) {
	_, _, err := MaxPods(lookup(t, "m5.large"), Networking{LaunchPath: "eks_managed"})
	var ie *InputError
	if !errors.As(err, &ie) || ie.Field != fieldLaunchPath {
		t.Fatalf("err = %v, want an input error on launch_path", err)
	}
	want := `launch_path is "eks_managed"; it must be one of "self_managed", "managed", "managed_custom_ami" or "auto_mode"`
	if ie.Msg != want {
		t.Errorf("message = %q, want %q", ie.Msg, want)
	}
}

func TestNodeGroupMaxPods(t *testing.T) {
	for _, tt := range []struct {
		names  []string
		values []int
		want   int
		at     string
	}{
		{[]string{"m5.8xlarge", "m5.large", "c5.large"}, []int{250, 110, 110}, 110, "m5.large"},
		{[]string{"m5.large"}, []int{29}, 29, "m5.large"},
		{[]string{"m5.4xlarge", "t3.medium"}, []int{110, 17}, 17, "t3.medium"},
	} {
		got, at := NodeGroupMaxPods(tt.names, tt.values)
		if got != tt.want || at != tt.at {
			t.Errorf("NodeGroupMaxPods(%v, %v) = %d, %q; want %d, %q", tt.names, tt.values, got, at, tt.want, tt.at)
		}
	}
}

// On a managed node group the user's max_pods and maxPodsExpression are
// overridden: kube-reserved and allocatable follow EKS's value.
func TestNodeResourcesManaged(t *testing.T) {
	in := NodeResourcesInput{Instance: lookup(t, "m5.large"), Networking: Networking{LaunchPath: launchManaged, PrefixDelegation: true},
		MaxPods: ptr(50), KubeReservedBasis: BasisMaxPods}
	res, warns, err := NodeResources(in)
	if err != nil {
		t.Fatal(err)
	}
	if res.MaxPods != 110 || res.KubeReservedMemoryMiB != 1465 || res.Allocatable.Pods != 110 {
		t.Errorf("max pods %d, kube-reserved memory %d MiB, allocatable pods %d; want 110, 1465, 110", res.MaxPods, res.KubeReservedMemoryMiB, res.Allocatable.Pods)
	}
	if len(warns) != 1 || warns[0].Field != FieldMaxPods || !strings.Contains(warns[0].Detail, "(110 for m5.large)") {
		t.Errorf("warnings = %+v, want one on max_pods naming EKS's 110", warns)
	}

	expr := "max_pods"
	in = NodeResourcesInput{Instance: lookup(t, "m5.large"), Networking: Networking{LaunchPath: launchManaged}, MaxPodsExpression: &expr}
	res, warns, err = NodeResources(in)
	if err != nil {
		t.Fatal(err)
	}
	if res.MaxPods != 29 || res.MaxPodsExpression != "" || res.KubeReservedBasis != BasisENI {
		t.Errorf("max pods %d, expression %q, basis %q; want 29, none, eni", res.MaxPods, res.MaxPodsExpression, res.KubeReservedBasis)
	}
	if len(warns) != 1 || warns[0].Field != FieldMaxPodsExpression {
		t.Errorf("warnings = %+v, want one on max_pods_expression", warns)
	}
}

// Bottlerocket on a managed node group: the launch template page says
// settings.kubernetes.max-pods in the user data is applied over EKS's.
func TestNodeResourcesManagedBottlerocket(t *testing.T) {
	in := NodeResourcesInput{Instance: lookup(t, "m5.large"), AMIFamily: AMIFamilyBottlerocket,
		Networking: Networking{LaunchPath: launchManaged, PrefixDelegation: true}, MaxPods: ptr(50)}
	res, warns, err := NodeResources(in)
	if err != nil {
		t.Fatal(err)
	}
	if res.MaxPods != 50 || res.KubeReservedMemoryMiB != 11*50+255 || len(warns) != 0 {
		t.Errorf("max pods %d, kube-reserved memory %d MiB, warnings %+v; want 50, 805, none", res.MaxPods, res.KubeReservedMemoryMiB, warns)
	}
	in.MaxPods = nil
	if res, _, _ = NodeResources(in); res.MaxPods != 110 {
		t.Errorf("without max_pods: %d, want EKS's 110", res.MaxPods)
	}
}

// TestManagedKubeReservedBasis: on a managed node group kube-reserved keeps
// its basis: AL2023 and AL2 reserve for eni_max_pods (nodeadm and
// bootstrap.sh do, whatever max pods EKS writes), Bottlerocket for its max
// pods, EKS's value. m5.4xlarge with prefix delegation: 11 x 234 + 255 =
// 2829Mi; 11 x 110 + 255 = 1465Mi.
func TestManagedKubeReservedBasis(t *testing.T) {
	for _, tt := range []struct {
		family string
		want   int64
	}{{"al2023", 2829}, {"al2", 2829}, {"bottlerocket", 1465}} {
		r, _, err := NodeResources(NodeResourcesInput{Instance: mustLookup("m5.4xlarge"), AMIFamily: tt.family,
			Networking: Networking{LaunchPath: launchManaged, PrefixDelegation: true}})
		if err != nil || r.KubeReservedMemoryMiB != tt.want {
			t.Errorf("%s managed: kube-reserved memory %dMi, %v; want %dMi", tt.family, r.KubeReservedMemoryMiB, err, tt.want)
		}
	}
}
