package sizing

import (
	"errors"
	"strings"
	"testing"
)

func TestNodeadmMaxPods(t *testing.T) {
	for _, c := range []struct {
		name, typ, expr string
		n               Networking
		maxPods         int32
		def             int32
		vpc             int
		kube            int64
		inTable         bool
		warnSummaries   []string
		detailHas       string
	}{
		{name: "default m5.large", typ: "m5.large", maxPods: 29, def: 29, vpc: 29, kube: 574, inTable: true},
		{name: "prefix delegation capped", typ: "m5.large", n: Networking{PrefixDelegation: true},
			expr:    "default_enis * ((ips_per_eni - 1) * 16) + 2 > 110 ? 110 : default_enis * ((ips_per_eni - 1) * 16) + 2",
			maxPods: 110, def: 29, vpc: 434, kube: 1465, inTable: true},
		{name: "i7ie.48xlarge default exceeds the VPC CNI", typ: "i7ie.48xlarge", maxPods: 737, def: 737, vpc: 394, kube: 8362, inTable: true,
			warnSummaries: []string{"nodeadm allows more pods than the VPC CNI can address on i7ie.48xlarge"},
			detailHas:     "nodeadm gives kubelet 737 max pods on i7ie.48xlarge (its default, from the 15 ENIs in its table where the VPC CNI manages 8 on the default network card), but the VPC CNI can give at most 394 pods an IP under these networking settings: 8 ENIs x (50 - 1) IPs + 2 = 394."},
		{name: "x16 on a Xen type", typ: "t2.medium", n: Networking{PrefixDelegation: true}, expr: "(max_pods - 2) * 16 + 2",
			maxPods: 242, def: 17, vpc: 17, kube: 2917, inTable: true,
			warnSummaries: []string{"Prefix delegation is not supported on this instance type", "nodeadm allows more pods than the VPC CNI can address on t2.medium"},
			detailHas:     "nodeadm gives kubelet 242 max pods on t2.medium (the expression's value), but the VPC CNI can give at most 17 pods an IP (a Xen type: the VPC CNI assigns secondary IPs, never prefixes, here): 3 ENIs x (6 - 1) IPs + 2 = 17."},
		{name: "does not compile", typ: "m5.large", expr: "max_pods +", maxPods: 29, def: 29, vpc: 29, kube: 574, inTable: true,
			warnSummaries: []string{"nodeadm ignores this maxPodsExpression on m5.large"},
			detailHas:     "On m5.large (default_enis = 3, ips_per_eni = 10, max_pods = 29) the expression does not compile: ERROR: <input>:1:11: Syntax error"},
		{name: "negative", typ: "m5.large", expr: "max_pods - 30", maxPods: 29, def: 29, vpc: 29, kube: 574, inTable: true,
			warnSummaries: []string{"nodeadm ignores this maxPodsExpression on m5.large"},
			detailHas:     "On m5.large (default_enis = 3, ips_per_eni = 10, max_pods = 29) the result -1 is not positive (max pods must be from 1 to 2147483647), so nodeadm logs a warning and uses its default, 29."},
		{name: "double", typ: "m5.large", expr: "double(max_pods) / 2.0", maxPods: 14, def: 29, vpc: 29, kube: 409, inTable: true,
			warnSummaries: []string{"The maxPodsExpression does not give an int"},
			detailHas:     "On m5.large the expression gives a double 14.5 converted to 14;"},
		{name: "kube-reserved overflow", typ: "m5.large", expr: "290000000", maxPods: 290000000, def: 29, vpc: 29, kube: -1104967041, inTable: true,
			warnSummaries: []string{"nodeadm allows more pods than the VPC CNI can address on m5.large", "nodeadm's kube-reserved memory overflows"},
			detailHas:     "nodeadm computes kube-reserved memory as 11 x 290000000 + 255 MiB in 32-bit integers, which wraps around to -1104967041 MiB on m5.large."},
		{name: "not in nodeadm's table", typ: "c7i.32xlarge", maxPods: 737, def: 737, vpc: 737, kube: 8362,
			warnSummaries: []string{"nodeadm's table lacks this instance type"},
			detailHas:     "c7i.32xlarge is not in nodeadm's embedded instance data (amazon-eks-ami 81fec2e8), so nodeadm asks EC2 DescribeInstanceTypes at boot; this answer uses the VPC CNI table's 15 ENIs on the default network card and 50 IPv4 addresses per ENI, which is what that call reports. If the call fails (no EC2 access, a retired type), nodeadm runs kubelet with 110 max pods."},
	} {
		t.Run(c.name, func(t *testing.T) {
			res, warns, err := NodeadmMaxPods(mustLookup(c.typ), c.expr, c.n)
			if err != nil {
				t.Fatal(err)
			}
			if res.MaxPods != c.maxPods || res.DefaultMaxPods != c.def || res.VPCCNIMaxPods != c.vpc || res.KubeReservedMemoryMiB != c.kube ||
				res.InNodeadmTable != c.inTable || res.ExceedsVPCCNI != (int(c.maxPods) > c.vpc) {
				t.Errorf("got %+v", res)
			}
			var sums []string
			all := ""
			for _, w := range warns {
				sums = append(sums, w.Summary)
				all += w.Detail + "\n"
			}
			if strings.Join(sums, "|") != strings.Join(c.warnSummaries, "|") {
				t.Errorf("warnings %q, want %q", sums, c.warnSummaries)
			}
			if c.detailHas != "" && !strings.Contains(all, c.detailHas) {
				t.Errorf("details\n%s\nlack %q", all, c.detailHas)
			}
		})
	}
}

func TestNodeadmMaxPodsErrors(t *testing.T) {
	_, _, err := NodeadmMaxPods(mustLookup("m5.large"), "", Networking{OS: osWindows})
	if err == nil || err.Error() != `os = "windows" cannot be used with nodeadm: nodeadm is the Amazon Linux 2023 node bootstrapper; use os = "linux"` {
		t.Errorf("windows: %v", err)
	}
	_, _, err = NodeadmMaxPods(mustLookup("m5.large"), "", Networking{ReservedENIs: -1})
	var ie *InputError
	if !errors.As(err, &ie) || ie.Field != fieldReservedENIs {
		t.Errorf("reserved_enis: %v", err)
	}
}

func TestNodeadmMaxPodsCostLimit(t *testing.T) {
	l := "[0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19]"
	expr := l + ".map(a, " + l + ".map(b, " + l + ".map(c, " + l + ".map(d, " + l + ".map(e, a+b+c+d+e))))).size()"
	_, _, err := NodeadmMaxPods(mustLookup("m5.large"), expr, Networking{})
	want := "max_pods_expression could not be evaluated on m5.large: evaluating the expression was stopped after a CEL cost of 1000000 (a limit of this provider, not of nodeadm, which would keep evaluating); simplify the expression"
	var ie *InputError
	if !errors.As(err, &ie) || ie.Field != FieldMaxPodsExpression || ie.Msg != want {
		t.Errorf("%v", err)
	}
}

func TestNodeadmMaxPodsCustomInstance(t *testing.T) {
	vcpus := 4
	inst, err := customInstance(InstanceSpec{NetworkInterfaces: 4, IPv4AddressesPerInterface: 15, VCPUs: &vcpus})
	if err != nil {
		t.Fatal(err)
	}
	res, warns, err := NodeadmMaxPods(inst, "max_pods + 1", Networking{})
	if err != nil || res.MaxPods != 59 || res.DefaultMaxPods != 58 || res.InNodeadmTable || len(warns) != 1 {
		t.Errorf("%+v %v %v", res, warns, err)
	}
}
