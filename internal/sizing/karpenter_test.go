package sizing

import (
	"bufio"
	"errors"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/ekssize/terraform-provider-ekssize/internal/ec2data"
)

// TestKarpenterNodeMatchesKarpenter compares KarpenterNodeOf with what
// Karpenter v1.14.0's own NewInstanceType returned for every table type under
// every setting of testdata/karpenter-v1.14.0.tsv (see testdata/README.md).
func TestKarpenterNodeMatchesKarpenter(t *testing.T) {
	f, err := os.Open("testdata/karpenter-v1.14.0.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	var cols map[string]int
	rows := 0
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "#") {
			continue
		}
		fields := strings.Split(line, "\t")
		if cols == nil {
			cols = map[string]int{}
			for i, c := range fields {
				cols[c] = i
			}
			continue
		}
		get := func(c string) string { return fields[cols[c]] }
		num := func(c string) int64 {
			v, err := strconv.ParseInt(get(c), 10, 64)
			if err != nil {
				t.Fatalf("%s: column %s: %v", line, c, err)
			}
			return v
		}
		optional := func(c string) *int {
			if get(c) == "" {
				return nil
			}
			v := int(num(c))
			return &v
		}
		inst, err := ec2data.Lookup(get("instance_type"))
		if err != nil {
			t.Fatal(err)
		}
		in := KarpenterInput{
			Instance:     inst,
			AMIFamily:    map[string]string{"AL2023": AMIFamilyAL2023, "Bottlerocket": AMIFamilyBottlerocket}[get("ami_family")],
			ReservedENIs: int(num("reserved_enis")),
			MaxPods:      optional("max_pods"),
			PodsPerCore:  optional("pods_per_core"),
		}
		got, err := KarpenterNodeOf(in)
		if err != nil {
			t.Fatalf("%s: %v", line, err)
		}
		want := KarpenterNode{
			Pods:                      int(num("pods")),
			KubeReservedCPUMillicores: num("kube_reserved_cpu_m"),
			KubeReservedMemoryMiB:     num("kube_reserved_memory_mi"),
			EvictionMemoryMiB:         num("eviction_memory_mi"),
			CapacityMemoryMiB:         num("capacity_memory_mi"),
			AllocatableCPUMillicores:  num("allocatable_cpu_m"),
			AllocatableMemoryMiB:      num("allocatable_memory_mi"),
		}
		got.ENILimitedPods, got.KubeReservedPods = 0, 0 // not columns of Karpenter's output
		if got != want {
			t.Errorf("%s\n got  %+v\n want %+v", line, got, want)
		}
		rows++
	}
	if rows != 12*1387 {
		t.Errorf("compared %d rows, want %d (12 settings x 1387 types)", rows, 12*1387)
	}
}

// The findings the reference shows, as named cases.
func TestKarpenterNodeFindings(t *testing.T) {
	lookup := func(name string) ec2data.Instance {
		in, err := ec2data.Lookup(name)
		if err != nil {
			t.Fatal(err)
		}
		return in
	}
	one, two, p110 := 1, 2, 110
	cases := []struct {
		name string
		in   KarpenterInput
		pods int
		krMi int64
	}{
		{"m5.large defaults", KarpenterInput{Instance: lookup("m5.large")}, 29, 574},
		{"RESERVED_ENIS takes every ENI: 0 pods, not 2", KarpenterInput{Instance: lookup("hpc6id.32xlarge"), ReservedENIs: one}, 0, 816},
		{"AL2023 honours podsPerCore", KarpenterInput{Instance: lookup("m5.large"), PodsPerCore: &two}, 4, 574},
		{"Bottlerocket ignores podsPerCore", KarpenterInput{Instance: lookup("m5.large"), AMIFamily: AMIFamilyBottlerocket, PodsPerCore: &two}, 29, 574},
		{"AL2023 kube-reserved ignores maxPods", KarpenterInput{Instance: lookup("m5.large"), MaxPods: &p110}, 110, 574},
		{"Bottlerocket kube-reserved follows maxPods", KarpenterInput{Instance: lookup("m5.large"), AMIFamily: AMIFamilyBottlerocket, MaxPods: &p110}, 110, 1465},
		{"AL2023 kube-reserved ignores RESERVED_ENIS", KarpenterInput{Instance: lookup("m5.large"), ReservedENIs: one}, 20, 574},
		{"Bottlerocket kube-reserved subtracts RESERVED_ENIS", KarpenterInput{Instance: lookup("m5.large"), AMIFamily: AMIFamilyBottlerocket, ReservedENIs: one}, 20, 475},
	}
	for _, c := range cases {
		got, err := KarpenterNodeOf(c.in)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if got.Pods != c.pods || got.KubeReservedMemoryMiB != c.krMi {
			t.Errorf("%s: got %d pods, %dMi; want %d, %dMi", c.name, got.Pods, got.KubeReservedMemoryMiB, c.pods, c.krMi)
		}
	}
}

func TestKarpenterNodeErrors(t *testing.T) {
	m5, _ := ec2data.Lookup("m5.large")
	c5a, _ := ec2data.Lookup("c5a.metal")
	for _, c := range []struct {
		in         KarpenterInput
		field, msg string
	}{
		{KarpenterInput{Instance: m5, AMIFamily: "windows"}, "ami_family", `ami_family is "windows"`},
		{KarpenterInput{Instance: c5a}, "instance_type", "c5a.metal has no vCPU count or memory size in the embedded table"},
		{KarpenterInput{Instance: m5, ReservedENIs: -1}, "reserved_enis", "reserved_enis is -1; it must be 0 or more"},
	} {
		_, err := KarpenterNodeOf(c.in)
		var ie *InputError
		ok := errors.As(err, &ie)
		if !ok || ie.Field != c.field || !strings.HasPrefix(ie.Msg, c.msg) {
			t.Errorf("got %v, want %s: %s", err, c.field, c.msg)
		}
	}
}
