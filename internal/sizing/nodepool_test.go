package sizing

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/ekssize/terraform-provider-ekssize/internal/ec2data"
)

func TestNodePoolPrefixDelegation(t *testing.T) {
	res, err := NodePool(NodePoolInput{
		InstanceTypes: []string{"m5.xlarge", "m5.large", "c5.large", "m4.large"},
		Networking:    Networking{PrefixDelegation: true},
	})
	if err != nil {
		t.Fatal(err)
	}
	type row struct {
		name           string
		karpenter, max int
		krMemMiB       int64
		excluded       string
	}
	want := []row{
		{"c5.large", 29, 110, 574, ""},
		{"m4.large", 0, 0, 0, "m4.large runs on the xen hypervisor"},
		// Karpenter's AL2023 kube-reserved memory follows the ENI-limited count (29, 58), not maxPods 110.
		{"m5.large", 29, 110, 574, ""},
		{"m5.xlarge", 58, 110, 893, ""},
	}
	if len(res.Types) != len(want) {
		t.Fatalf("got %d types", len(res.Types))
	}
	for i, w := range want {
		g := res.Types[i]
		if g.InstanceType != w.name || !strings.HasPrefix(g.Excluded, w.excluded) || (w.excluded == "" && g.Excluded != "") {
			t.Errorf("%s: got %s excluded %q", w.name, g.InstanceType, g.Excluded)
		}
		if w.excluded != "" {
			continue
		}
		if g.KarpenterPods != w.karpenter || g.MaxPods != w.max || g.Karpenter.KubeReservedMemoryMiB != w.krMemMiB {
			t.Errorf("%s: got Karpenter %d, max pods %d, kube-reserved %dMi", w.name, g.KarpenterPods, g.MaxPods, g.Karpenter.KubeReservedMemoryMiB)
		}
	}
	wantClasses := []NodeClass{{MaxPods: 110, SetMaxPods: true, InstanceTypes: []string{"c5.large", "m5.large", "m5.xlarge"}}}
	if !reflect.DeepEqual(res.Classes, wantClasses) {
		t.Errorf("classes %+v, want %+v", res.Classes, wantClasses)
	}
}

// In secondary-IP mode Karpenter agrees with the VPC CNI below the EKS cap, so
// those types need no maxPods; m5.4xlarge (234, capped at 110) does.
func TestNodePoolSecondaryIPClasses(t *testing.T) {
	res, err := NodePool(NodePoolInput{InstanceTypes: []string{"m5.large", "c5.large", "m5.xlarge", "m5.4xlarge", "c5.4xlarge"}})
	if err != nil {
		t.Fatal(err)
	}
	want := []NodeClass{
		{MaxPods: 110, SetMaxPods: true, InstanceTypes: []string{"c5.4xlarge", "m5.4xlarge"}},
		{MaxPods: 58, SetMaxPods: false, InstanceTypes: []string{"m5.xlarge"}},
		{MaxPods: 29, SetMaxPods: false, InstanceTypes: []string{"c5.large", "m5.large"}},
	}
	if !reflect.DeepEqual(res.Classes, want) {
		t.Errorf("classes %+v\nwant %+v", res.Classes, want)
	}
}

func TestNodePoolDaemonSetsAndLargestPod(t *testing.T) {
	ds := PodRequests{CPU: "100m", Memory: "128Mi"}
	res, err := NodePool(NodePoolInput{
		InstanceTypes: []string{"m5.large", "m5.xlarge", "t3.nano"},
		DaemonSets:    []PodRequests{ds, ds, {CPU: "100m", Memory: "128Mi", HostNetwork: true}, {}},
		LargestPod:    &PodRequests{CPU: "2", Memory: "1Gi"},
	})
	if err != nil {
		t.Fatal(err)
	}
	m5l, m5xl, nano := res.Types[0], res.Types[1], res.Types[2]
	// m5.large: 1930m / 6903Mi allocatable (Karpenter), 300m / 384Mi of DaemonSets, 4 DaemonSet pods of
	// 29 max pods (25 left), 3 of them off the host network on its 27 pod IPs (24 left).
	if m5l.PodsLeft != 24 || m5l.CPULeftMillicores != 1630 || m5l.MemoryLeftMiB != 6519 ||
		m5l.Excluded != "the largest pod (2000m CPU, 1024Mi memory) does not fit the 1630m and 6519Mi left beside the DaemonSets" {
		t.Errorf("m5.large: %+v", m5l)
	}
	if m5xl.Excluded != "" || m5xl.CPULeftMillicores != 3620 {
		t.Errorf("m5.xlarge: %+v", m5xl)
	}
	// t3.nano: 2 ENIs x (2 - 1) + 2 = 4 max pods, all taken by the 4 DaemonSet pods; its 2 pod IPs
	// are one short of the 3 DaemonSet pods off the host network.
	if nano.PodsLeft != -1 || nano.Excluded != "the VPC CNI gives it 2 pod IPs, and the 3 DaemonSet pods not on the host network leave none for other pods (host-network pods take no pod IP)" {
		t.Errorf("t3.nano: pods left %d, %q", nano.PodsLeft, nano.Excluded)
	}
	if len(res.Classes) != 1 || !reflect.DeepEqual(res.Classes[0].InstanceTypes, []string{"m5.xlarge"}) {
		t.Errorf("classes %+v", res.Classes)
	}
}

func TestNodePoolRequirements(t *testing.T) {
	res, err := NodePool(NodePoolInput{Requirements: Requirements{
		Families: []string{"m5", "m6g"}, Sizes: []string{"large", "xlarge"}, Architectures: []string{"arm64"},
	}})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, ty := range res.Types {
		names = append(names, ty.InstanceType)
	}
	if want := []string{"m6g.large", "m6g.xlarge"}; !reflect.DeepEqual(names, want) {
		t.Errorf("got %v, want %v", names, want)
	}
	res, err = NodePool(NodePoolInput{Requirements: Requirements{Families: []string{"c7g"}, MinVCPUs: 16, MinMemoryMiB: 65536, Exclude: []string{"c7g.metal"}}})
	if err != nil {
		t.Fatal(err)
	}
	names = nil
	for _, ty := range res.Types {
		names = append(names, ty.InstanceType)
	}
	if want := []string{"c7g.12xlarge", "c7g.16xlarge", "c7g.8xlarge"}; !reflect.DeepEqual(names, want) {
		t.Errorf("got %v, want %v", names, want)
	}
}

func TestNodePoolErrors(t *testing.T) {
	for _, c := range []struct {
		in         NodePoolInput
		field, msg string
	}{
		{NodePoolInput{Requirements: Requirements{Families: []string{"nope"}}}, "instance_types",
			"no type of the table meets the requirements"},
		{NodePoolInput{Requirements: Requirements{Architectures: []string{"x86_64"}}}, "architectures[0]",
			`architectures[0] is "x86_64"; use the kubernetes.io/arch values "amd64" or "arm64"`},
		{NodePoolInput{InstanceTypes: []string{"m5.large"}, DaemonSets: []PodRequests{{}, {CPU: "lots"}}}, "daemonset[1].cpu_request",
			`daemonset[1].cpu_request is "lots", which is not a Kubernetes CPU quantity`},
		{NodePoolInput{InstanceTypes: []string{"m5.large"}, AMIFamily: "al2"}, "ami_family", `ami_family is "al2"`},
		{NodePoolInput{InstanceTypes: []string{"m5.large", "m5.larg"}}, "instance_types[1]", `instance_types[1]: instance type "m5.larg" is not in the embedded instance table`},
		{NodePoolInput{InstanceTypes: []string{"m5.large", "m5.large"}}, "instance_types[1]", `instance_types[1] "m5.large" is listed twice`},
		{NodePoolInput{InstanceTypes: []string{}}, "instance_types", `instance_types is empty`},
		{NodePoolInput{InstanceTypes: []string{"m5.large"}, Networking: Networking{CapPolicy: "EKS"}}, "cap_policy", `cap_policy is "EKS"`},
	} {
		_, err := NodePool(c.in)
		var ie *InputError
		ok := errors.As(err, &ie)
		if !ok || ie.Field != c.field || !strings.HasPrefix(ie.Msg, c.msg) {
			t.Errorf("got %v, want %s: %s", err, c.field, c.msg)
		}
	}
}

// Every type of the table: the max pods NodePool says the node runs with is
// the one ekssize_node_config computes (and writes into its Karpenter block),
// with and without prefix delegation.
func TestNodePoolAgreesWithNodeResources(t *testing.T) {
	for _, n := range []Networking{{}, {PrefixDelegation: true}, {CustomNetworking: true, CapPolicy: capNone}} {
		res, err := NodePool(NodePoolInput{Networking: n})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Types) != ec2data.MustDefault().Len() {
			t.Fatalf("%d types, want the whole table", len(res.Types))
		}
		compared := 0
		for _, ty := range res.Types {
			if ty.Excluded != "" {
				continue
			}
			inst, _ := ec2data.Lookup(ty.InstanceType)
			nr, _, err := NodeResources(NodeResourcesInput{Instance: inst, Networking: n})
			if err != nil {
				t.Fatalf("%s: %v", ty.InstanceType, err)
			}
			if nr.MaxPods != ty.MaxPods {
				t.Errorf("%s %+v: NodePool %d, NodeResources %d", ty.InstanceType, n, ty.MaxPods, nr.MaxPods)
			}
			compared++
		}
		if compared < 1300 {
			t.Errorf("%+v: compared only %d types", n, compared)
		}
	}
}

// A host-network pod counts against kubelet's max pods but takes no pod IP
// from the VPC CNI. Where the ENI formula sets max pods (pod IPs + 2 for the
// host-network aws-node and kube-proxy), fewer than two host-network
// DaemonSets leave the pod IPs as the limit; under a cap, with prefixes or
// with IPv6 they do not bind.
func TestNodePoolHostNetworkDaemonSets(t *testing.T) {
	host, pod := PodRequests{HostNetwork: true}, PodRequests{}
	for _, tc := range []struct {
		name       string
		types      []string
		networking Networking
		ds         []PodRequests
		podsLeft   []int // per type, sorted by name
		excluded   []string
	}{
		// m5.large: 3 ENIs x (10 - 1) = 27 pod IPs, 29 max pods; m5.4xlarge: 8 x 29 = 232 pod IPs, 234 capped at
		// 110; t3.nano: 2 x (2 - 1) = 2 pod IPs, 4 max pods.
		{"aws-node and kube-proxy on the host network, one DaemonSet off it: both bounds agree",
			[]string{"m5.large", "m5.4xlarge", "t3.nano"}, Networking{}, []PodRequests{host, host, pod},
			[]int{107, 26, 1}, []string{"", "", ""}},
		{"all three off the host network: the pod IPs bind on ENI-limited types",
			[]string{"m5.large", "m5.4xlarge", "t3.nano"}, Networking{}, []PodRequests{pod, pod, pod},
			[]int{107, 24, -1}, []string{"", "", "the VPC CNI gives it 2 pod IPs, and the 3 DaemonSet pods not on the host network leave none for other pods (host-network pods take no pod IP)"}},
		{"all three on the host network: max pods binds",
			[]string{"m5.large", "m5.4xlarge", "t3.nano"}, Networking{}, []PodRequests{host, host, host},
			[]int{107, 26, 1}, []string{"", "", ""}},
		// Custom networking: (3 - 1) ENIs x 9 = 18 pod IPs, 20 max pods.
		{"custom networking, one host-network DaemonSet",
			[]string{"m5.large"}, Networking{CustomNetworking: true}, []PodRequests{host, pod, pod},
			[]int{16}, []string{""}},
		// Prefix delegation: 3 x 9 x 16 = 432 pod IPs, 110 max pods.
		{"prefix delegation: the pod IPs do not bind",
			[]string{"m5.large"}, Networking{PrefixDelegation: true}, []PodRequests{pod, pod, pod},
			[]int{107}, []string{""}},
		// IPv6: pods take addresses from the node's /80 prefix; 110 max pods.
		{"IPv6: no pod IP bound",
			[]string{"m5.large"}, Networking{IPFamily: "ipv6"}, []PodRequests{pod, pod, pod},
			[]int{107}, []string{""}},
		// max_pods_limit 20 below the 27 pod IPs.
		{"max_pods_limit below the pod IPs",
			[]string{"m5.large"}, Networking{MaxPodsLimit: ptr(20)}, []PodRequests{pod, pod, pod},
			[]int{17}, []string{""}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, err := NodePool(NodePoolInput{InstanceTypes: tc.types, Networking: tc.networking, DaemonSets: tc.ds})
			if err != nil {
				t.Fatal(err)
			}
			for i, ty := range res.Types {
				if ty.PodsLeft != tc.podsLeft[i] || ty.Excluded != tc.excluded[i] || ty.DaemonSetPods != len(tc.ds) {
					t.Errorf("%s: pods left %d, excluded %q, DaemonSet pods %d; want %d, %q, %d",
						ty.InstanceType, ty.PodsLeft, ty.Excluded, ty.DaemonSetPods, tc.podsLeft[i], tc.excluded[i], len(tc.ds))
				}
			}
		})
	}
}
