package sizing

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/ekssize/terraform-provider-ekssize/internal/ec2data"
)

func lookupAll(names ...string) []ec2data.Instance {
	out := make([]ec2data.Instance, len(names))
	for i, n := range names {
		out[i] = mustLookup(n)
	}
	return out
}

func TestMaxPodsExpression(t *testing.T) {
	limit := 100
	maxENI := 2
	ppc := 10
	for _, c := range []struct {
		name  string
		types []string
		n     Networking
		expr  string
		want  []int
	}{
		{"secondary IPs", []string{"m5.large", "m5.xlarge", "c5.xlarge", "t3a.large"}, Networking{}, "max_pods", []int{29, 58, 58, 35}},
		{"secondary IPs, EKS cap needed", []string{"m5.large", "m5.4xlarge"}, Networking{}, "max_pods > 110 ? 110 : max_pods", []int{29, 110}},
		{"prefix delegation, all <= 30 vCPUs", []string{"m5.large", "m5.xlarge", "t3.nano"}, Networking{PrefixDelegation: true},
			"(max_pods - 2) * 16 + 2 > 110 ? 110 : (max_pods - 2) * 16 + 2", []int{110, 110, 34}},
		{"prefix delegation, 110 and 250 caps", []string{"m5.large", "c5.9xlarge", "m5.xlarge"}, Networking{PrefixDelegation: true},
			"default_enis == 8 && ips_per_eni == 30 ? 250 : ((max_pods - 2) * 16 + 2 > 110 ? 110 : (max_pods - 2) * 16 + 2)", []int{110, 250, 110}},
		{"custom networking", []string{"m5.large", "m5.xlarge"}, Networking{CustomNetworking: true},
			"(default_enis - 1) * (ips_per_eni - 1) + 2", []int{20, 44}},
		{"custom networking, prefix delegation, reserved ENI", []string{"m5.large", "m5.2xlarge"}, Networking{CustomNetworking: true, PrefixDelegation: true, ReservedENIs: 1},
			"(default_enis - 2) * (ips_per_eni - 1) * 16 + 2 > 110 ? 110 : (default_enis - 2) * (ips_per_eni - 1) * 16 + 2", []int{110, 110}},
		{"max_eni and max_pods_limit", []string{"m5.large", "m5.4xlarge"}, Networking{MaxENI: &maxENI, MaxPodsLimit: &limit},
			"(default_enis > 2 ? 2 : default_enis) * (ips_per_eni - 1) + 2", []int{20, 60}},
		{"max_pods_limit", []string{"m5.large", "m5.4xlarge", "m5.24xlarge"}, Networking{MaxPodsLimit: &limit},
			"max_pods > 100 ? 100 : max_pods", []int{29, 100, 100}},
		{"cap none", []string{"i7ie.48xlarge"}, Networking{CapPolicy: capNone}, "default_enis == 15 && ips_per_eni == 50 ? 394 : (max_pods)", []int{394}},
		{"pods_per_core", []string{"m5.large", "m5.xlarge"}, Networking{PodsPerCore: &ppc},
			"default_enis == 4 && ips_per_eni == 15 ? 40 : (max_pods > 20 ? 20 : max_pods)", []int{20, 40}},
	} {
		t.Run(c.name, func(t *testing.T) {
			res, _, err := MaxPodsExpression(lookupAll(c.types...), c.n)
			if err != nil {
				t.Fatal(err)
			}
			if res.Expression != c.expr {
				t.Errorf("expression %q, want %q", res.Expression, c.expr)
			}
			var got []int
			for _, v := range res.Values {
				got = append(got, v.MaxPods)
			}
			if fmt.Sprint(got) != fmt.Sprint(c.want) {
				t.Errorf("values %v, want %v", got, c.want)
			}
		})
	}
}

func TestMaxPodsExpressionErrors(t *testing.T) {
	for _, c := range []struct {
		name  string
		types []string
		n     Networking
		field string
		want  string
	}{
		{"EKS cap differs on the same variables", []string{"m5.large", "m5.4xlarge", "m5.8xlarge"}, Networking{PrefixDelegation: true}, "instance_types[2]",
			"no maxPodsExpression can give m5.4xlarge and m5.8xlarge their max pods: nodeadm gives both the same variables (default_enis = 8, ips_per_eni = 30, max_pods = 234), but this provider's max pods is 110 for m5.4xlarge (8 ENIs x (30 - 1) prefixes x 16 IPs + 2 = 3714, capped at 110 (eks: 16 vCPUs <= 30)) and 250 for m5.8xlarge (8 ENIs x (30 - 1) prefixes x 16 IPs + 2 = 3714, capped at 250 (eks: 32 vCPUs > 30)): the EKS cap depends on vCPUs (m5.4xlarge has 16, m5.8xlarge has 32: 110 up to 30 vCPUs, 250 above), and nodeadm has no vCPU variable. Use separate NodeConfigs (node groups) for them, or settings under which they agree."},
		{"Xen and Nitro with prefix delegation", []string{"c4.large", "m5.large"}, Networking{PrefixDelegation: true, CapPolicy: capNone}, "instance_types[1]",
			"no maxPodsExpression can give c4.large and m5.large their max pods"},
		{"nodeadm data differ", []string{"c5.24xlarge", "i7ie.48xlarge"}, Networking{CapPolicy: capNone}, "instance_types[1]",
			"the VPC CNI's data differ from nodeadm's (c5.24xlarge: 15 ENIs x 50 IPv4, i7ie.48xlarge: 8 x 50 on the default network card)"},
		{"empty", nil, Networking{}, "instance_types", "instance_types is empty"},
		{"duplicate", []string{"m5.large", "m5.large"}, Networking{}, "instance_types[1]", `instance_types[1] is "m5.large", which is also instance_types[0]; list each instance type once`},
		{"windows", []string{"m5.large"}, Networking{OS: osWindows}, "os", "os = \"windows\" cannot be used with nodeadm"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, _, err := MaxPodsExpression(lookupAll(c.types...), c.n)
			var ie *InputError
			ok := errors.As(err, &ie)
			if !ok || ie.Field != c.field || !strings.Contains(ie.Msg, c.want) {
				t.Errorf("error %v (%T), want on %s: %s", err, err, c.field, c.want)
			}
		})
	}
}

// TestMaxPodsExpressionOverTheTable builds expressions for windows of the
// whole table under several settings: each either verifies (MaxPodsExpression
// evaluates it as nodeadm does on every type before returning it) or fails
// because two types share nodeadm's variables, never with an internal error.
func TestMaxPodsExpressionOverTheTable(t *testing.T) {
	limit, maxENI, ppc := 100, 3, 8
	all := ec2data.MustDefault().All()
	var insts []ec2data.Instance
	for _, in := range all {
		if in.HasVCPUs() {
			insts = append(insts, in)
		}
	}
	built, refused := 0, 0
	for _, n := range []Networking{
		{}, {PrefixDelegation: true}, {CustomNetworking: true}, {CustomNetworking: true, PrefixDelegation: true, ReservedENIs: 1},
		{CapPolicy: capNone}, {MaxPodsLimit: &limit}, {MaxENI: &maxENI, PrefixDelegation: true}, {PodsPerCore: &ppc},
		{SecurityGroupsForPods: false, ReservedENIs: 2}, {IPFamily: ipFamilyIPv6},
	} {
		for i := 0; i < len(insts); i += 7 {
			window := insts[i:min(i+7, len(insts))]
			if n.IPFamily == ipFamilyIPv6 {
				var nitro []ec2data.Instance
				for _, in := range window {
					if supportsPrefixDelegation(in) {
						nitro = append(nitro, in)
					}
				}
				if window = nitro; len(window) == 0 {
					continue
				}
			}
			res, _, err := MaxPodsExpression(window, n)
			if err != nil {
				var ie *InputError
				if !errors.As(err, &ie) || !strings.HasPrefix(ie.Msg, "no maxPodsExpression can give ") {
					t.Fatalf("%+v over %s...: %v", n, window[0].Name, err)
				}
				refused++
				continue
			}
			if len(res.Values) != len(window) || res.Expression == "" {
				t.Fatalf("%+v: %+v", n, res)
			}
			built++
		}
	}
	t.Logf("%d expressions built and verified, %d refused", built, refused)
	if built == 0 {
		t.Error("no expression built")
	}
}
