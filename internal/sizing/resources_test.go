package sizing

import (
	"errors"
	"maps"
	"strings"
	"testing"

	"github.com/ekssize/terraform-provider-ekssize/internal/ec2data"
)

func TestKubeReservedCPUWorkedValues(t *testing.T) {
	for vcpus, want := range map[int]int64{
		1: 60, 2: 70, 3: 75, 4: 80, 8: 90, 16: 110, 32: 150, 96: 310, 192: 550, 448: 1190,
	} {
		if got := kubeReservedCPUMillicores(vcpus); got != want {
			t.Errorf("KubeReservedCPUMillicores(%d) = %dm, want %dm", vcpus, got, want)
		}
	}
}

func TestKubeReservedMemory(t *testing.T) {
	for pods, want := range map[int]int64{29: 574, 110: 1465, 17: 442, 250: 3005} {
		if got := kubeReservedMemoryMiB(pods); got != want {
			t.Errorf("KubeReservedMemoryMiB(%d) = %d, want %d", pods, got, want)
		}
	}
}

func TestCapacityMemory(t *testing.T) {
	tests := []struct {
		mib      int
		arch     string
		overhead float64
		want     int64
	}{
		{4096, "arm64", 0.075, 3729}, // 4032 - ceil(302.4)
		{8192, "amd64", 0.075, 7577}, // 8192 - ceil(614.4)
		{8192, "amd64", 0, 8192},
		{1024, "amd64", 0.075, 947}, // 1024 - ceil(76.8)
	}
	for _, tt := range tests {
		if got := capacityMemoryMiB(tt.mib, tt.arch, tt.overhead); got != tt.want {
			t.Errorf("CapacityMemoryMiB(%d, %s, %v) = %d, want %d", tt.mib, tt.arch, tt.overhead, got, tt.want)
		}
	}
}

func TestNodeResourcesWorkedExamples(t *testing.T) {
	tests := []struct {
		name             string
		in               NodeResourcesInput
		maxPods          int
		krCPU, krMem     string
		krPods           int
		capacity, alloc  NodeAmounts
		ebs, karpenterRE int
	}{
		{name: "a1.large (arm64)", in: NodeResourcesInput{Instance: lookup(t, "a1.large")},
			maxPods: 29, krCPU: "70m", krMem: "574Mi", krPods: 29,
			capacity: NodeAmounts{2000, 3729, 20480, 29}, alloc: NodeAmounts{1930, 3055, 17408, 29}, ebs: 26},
		{name: "m5.large", in: NodeResourcesInput{Instance: lookup(t, "m5.large")},
			maxPods: 29, krCPU: "70m", krMem: "574Mi", krPods: 29,
			capacity: NodeAmounts{2000, 7577, 20480, 29}, alloc: NodeAmounts{1930, 6903, 17408, 29}, ebs: 26},
		{name: "m5.large prefix delegation, basis max_pods", in: NodeResourcesInput{Instance: lookup(t, "m5.large"), Networking: Networking{PrefixDelegation: true}, KubeReservedBasis: BasisMaxPods},
			maxPods: 110, krCPU: "70m", krMem: "1465Mi", krPods: 110,
			capacity: NodeAmounts{2000, 7577, 20480, 110}, alloc: NodeAmounts{1930, 7577 - 1465 - 100, 17408, 110}, ebs: 26},
		{name: "m5.large prefix delegation, basis eni", in: NodeResourcesInput{Instance: lookup(t, "m5.large"), Networking: Networking{PrefixDelegation: true}, KubeReservedBasis: BasisENI},
			maxPods: 110, krCPU: "70m", krMem: "574Mi", krPods: 29,
			capacity: NodeAmounts{2000, 7577, 20480, 110}, alloc: NodeAmounts{1930, 6903, 17408, 110}, ebs: 26},
		{name: "custom networking + sgp: karpenter reserved ENIs", in: NodeResourcesInput{Instance: lookup(t, "m5.large"), Networking: Networking{CustomNetworking: true, SecurityGroupsForPods: true, ReservedENIs: 1}, KubeReservedBasis: BasisMaxPods},
			maxPods: 2, krCPU: "70m", krMem: "277Mi", krPods: 2,
			capacity: NodeAmounts{2000, 7577, 20480, 2}, alloc: NodeAmounts{1930, 7577 - 277 - 100, 17408, 2}, ebs: 26, karpenterRE: 3},
		{name: "t2.micro (xen, dedicated EBS)", in: NodeResourcesInput{Instance: lookup(t, "t2.micro")},
			maxPods: 4, krCPU: "60m", krMem: "299Mi", krPods: 4,
			capacity: NodeAmounts{1000, 947, 20480, 4}, alloc: NodeAmounts{940, 947 - 299 - 100, 17408, 4}, ebs: 38},
		{name: "m7i.large (dedicated EBS)", in: NodeResourcesInput{Instance: lookup(t, "m7i.large"), AttachedNetworkInterfaces: ptr(3)},
			maxPods: 29, krCPU: "70m", krMem: "574Mi", krPods: 29,
			capacity: NodeAmounts{2000, 7577, 20480, 29}, alloc: NodeAmounts{1930, 6903, 17408, 29}, ebs: 31},
		{name: "c5d.large", in: NodeResourcesInput{Instance: lookup(t, "c5d.large")},
			maxPods: 29, krCPU: "70m", krMem: "574Mi", krPods: 29,
			capacity: NodeAmounts{2000, 3788, 20480, 29}, alloc: NodeAmounts{1930, 3788 - 574 - 100, 17408, 29}, ebs: 25},
		{name: "m5.large shared EBS with 3 ENIs and 2 extra volumes", in: NodeResourcesInput{Instance: lookup(t, "m5.large"), AttachedNetworkInterfaces: ptr(3), ExtraEBSVolumes: 2},
			maxPods: 29, krCPU: "70m", krMem: "574Mi", krPods: 29,
			capacity: NodeAmounts{2000, 7577, 20480, 29}, alloc: NodeAmounts{1930, 6903, 17408, 29}, ebs: 22},
		// nodeadm reserves from its own uncapped ENI max pods (737), not from the 250 kubelet runs with.
		{name: "m5.24xlarge (96 vCPUs), al2023 default basis eni", in: NodeResourcesInput{Instance: lookup(t, "m5.24xlarge")},
			maxPods: 250, krCPU: "310m", krMem: "8362Mi", krPods: 737,
			capacity: NodeAmounts{96000, 393216 - 29492, 20480, 250}, alloc: NodeAmounts{95690, 393216 - 29492 - 8362 - 100, 17408, 250}, ebs: 26},
		{name: "m5.24xlarge (96 vCPUs), basis max_pods", in: NodeResourcesInput{Instance: lookup(t, "m5.24xlarge"), KubeReservedBasis: BasisMaxPods},
			maxPods: 250, krCPU: "310m", krMem: "3005Mi", krPods: 250,
			capacity: NodeAmounts{96000, 393216 - 29492, 20480, 250}, alloc: NodeAmounts{95690, 393216 - 29492 - 3005 - 100, 17408, 250}, ebs: 26},
		// Issue 14 item 6: m5.4xlarge runs 110 pods (eks cap); nodeadm and AL2 bootstrap.sh reserve for eni_max_pods
		// 234: 11 x 234 + 255 = 2829Mi; Bottlerocket reserves for its max-pods setting: 11 x 110 + 255 = 1465Mi.
		{name: "m5.4xlarge al2023 (nodeadm)", in: NodeResourcesInput{Instance: lookup(t, "m5.4xlarge")},
			maxPods: 110, krCPU: "110m", krMem: "2829Mi", krPods: 234,
			capacity: NodeAmounts{16000, 65536 - 4916, 20480, 110}, alloc: NodeAmounts{15890, 65536 - 4916 - 2829 - 100, 17408, 110}, ebs: 26},
		{name: "m5.4xlarge al2 (bootstrap.sh)", in: NodeResourcesInput{Instance: lookup(t, "m5.4xlarge"), AMIFamily: AMIFamilyAL2},
			maxPods: 110, krCPU: "110m", krMem: "2829Mi", krPods: 234,
			capacity: NodeAmounts{16000, 65536 - 4916, 20480, 110}, alloc: NodeAmounts{15890, 65536 - 4916 - 2829 - 100, 17408, 110}, ebs: 26},
		// nodeadm's table gives i7ie.48xlarge 15 ENIs on its default card, the VPC CNI's 8: nodeadm reserves for
		// 15 x 49 + 2 = 737 pods (8362Mi), bootstrap.sh for eni-max-pods.txt's 8 x 49 + 2 = 394 (4589Mi).
		{name: "i7ie.48xlarge al2023 (nodeadm's own table)", in: NodeResourcesInput{Instance: lookup(t, "i7ie.48xlarge")},
			maxPods: 250, krCPU: "550m", krMem: "8362Mi", krPods: 737,
			capacity: NodeAmounts{192000, 1572864 - 117965, 20480, 250}, alloc: NodeAmounts{191450, 1572864 - 117965 - 8362 - 100, 17408, 250}, ebs: 127},
		{name: "i7ie.48xlarge al2 (eni-max-pods.txt)", in: NodeResourcesInput{Instance: lookup(t, "i7ie.48xlarge"), AMIFamily: AMIFamilyAL2},
			maxPods: 250, krCPU: "550m", krMem: "4589Mi", krPods: 394,
			capacity: NodeAmounts{192000, 1572864 - 117965, 20480, 250}, alloc: NodeAmounts{191450, 1572864 - 117965 - 4589 - 100, 17408, 250}, ebs: 127},
		{name: "m5.4xlarge bottlerocket", in: NodeResourcesInput{Instance: lookup(t, "m5.4xlarge"), AMIFamily: AMIFamilyBottlerocket},
			maxPods: 110, krCPU: "110m", krMem: "1465Mi", krPods: 110,
			capacity: NodeAmounts{16000, 65536 - 4916, 20480, 110}, alloc: NodeAmounts{15890, 65536 - 4916 - 1465 - 100, 17408, 110}, ebs: 26},
		{name: "explicit max_pods, bigger root volume, no VM overhead", in: NodeResourcesInput{Instance: lookup(t, "m5.large"), MaxPods: ptr(20), RootVolumeGiB: ptr(100), VMMemoryOverheadPercent: ptr(0.0), KubeReservedBasis: BasisMaxPods},
			maxPods: 20, krCPU: "70m", krMem: "475Mi", krPods: 20,
			capacity: NodeAmounts{2000, 8192, 102400, 20}, alloc: NodeAmounts{1930, 8192 - 475 - 100, 102400 - 10240 - 1024, 20}, ebs: 26},
		{name: "overrides: kube and system reserved, eviction quantities", in: NodeResourcesInput{Instance: lookup(t, "m5.large"),
			KubeReserved:   ReservedInput{CPU: ptr("0.1"), Memory: ptr("1Gi")},
			SystemReserved: ReservedInput{CPU: ptr("100m"), Memory: ptr("200Mi"), EphemeralStorage: ptr("2Gi")},
			EvictionHard:   map[string]string{signalMemoryAvailable: "500Mi", signalNodeFSAvailable: "1Gi"}},
			maxPods: 29, krCPU: "100m", krMem: "1Gi", krPods: 29,
			capacity: NodeAmounts{2000, 7577, 20480, 29}, alloc: NodeAmounts{1800, 7577 - 1024 - 200 - 500, 20480 - 1024 - 1024 - 2048, 29}, ebs: 26},
		{name: "eviction as percentages (Karpenter: ceil of capacity x p)", in: NodeResourcesInput{Instance: lookup(t, "m5.large"),
			EvictionHard: map[string]string{signalMemoryAvailable: "5%", signalNodeFSAvailable: "15%"}},
			maxPods: 29, krCPU: "70m", krMem: "574Mi", krPods: 29,
			// 5% of 7577 MiB = 378.85 MiB; allocatable rounds down.
			capacity: NodeAmounts{2000, 7577, 20480, 29}, alloc: NodeAmounts{1930, 7577 - 574 - 379, 20480 - 3072 - 1024, 29}, ebs: 26},
		{name: "100% disables the threshold", in: NodeResourcesInput{Instance: lookup(t, "m5.large"),
			EvictionHard: map[string]string{signalMemoryAvailable: "100%"}},
			maxPods: 29, krCPU: "70m", krMem: "574Mi", krPods: 29,
			capacity: NodeAmounts{2000, 7577, 20480, 29}, alloc: NodeAmounts{1930, 7577 - 574, 17408, 29}, ebs: 26},
		{name: "600M kube-reserved memory (decimal) rounds allocatable down", in: NodeResourcesInput{Instance: lookup(t, "m5.large"),
			KubeReserved: ReservedInput{Memory: ptr("600M")}},
			maxPods: 29, krCPU: "70m", krMem: "600M", krPods: 29,
			// 7577 MiB - 600e6 B - 100 MiB = 6904.8 MiB
			capacity: NodeAmounts{2000, 7577, 20480, 29}, alloc: NodeAmounts{1930, 6904, 17408, 29}, ebs: 26},
		{name: "bottlerocket", in: NodeResourcesInput{Instance: lookup(t, "m5.large"), AMIFamily: AMIFamilyBottlerocket},
			maxPods: 29, krCPU: "70m", krMem: "574Mi", krPods: 29,
			capacity: NodeAmounts{2000, 7577, 20480, 29}, alloc: NodeAmounts{1930, 6903, 17408, 29}, ebs: 26},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, _, err := NodeResources(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if r.MaxPods != tt.maxPods || r.Capacity.Pods != tt.maxPods || r.Allocatable.Pods != tt.maxPods {
				t.Errorf("max pods = %d (capacity %d, allocatable %d), want %d", r.MaxPods, r.Capacity.Pods, r.Allocatable.Pods, tt.maxPods)
			}
			if r.KubeReserved.CPU.Text != tt.krCPU || r.KubeReserved.Memory.Text != tt.krMem || r.KubeReservedPods != tt.krPods {
				t.Errorf("kube-reserved = %s %s (P %d), want %s %s (P %d)", r.KubeReserved.CPU, r.KubeReserved.Memory, r.KubeReservedPods, tt.krCPU, tt.krMem, tt.krPods)
			}
			if r.Capacity != tt.capacity {
				t.Errorf("capacity = %+v\nwant       %+v", r.Capacity, tt.capacity)
			}
			if r.Allocatable != tt.alloc {
				t.Errorf("allocatable = %+v\nwant          %+v", r.Allocatable, tt.alloc)
			}
			if r.EBSVolumeLimit != tt.ebs {
				t.Errorf("EBS volume limit = %d, want %d", r.EBSVolumeLimit, tt.ebs)
			}
			if r.KarpenterReservedENIs != tt.karpenterRE {
				t.Errorf("Karpenter reserved ENIs = %d, want %d", r.KarpenterReservedENIs, tt.karpenterRE)
			}
		})
	}
}

func TestNodeResourcesReportedFields(t *testing.T) {
	r, warns, err := NodeResources(NodeResourcesInput{Instance: lookup(t, "a1.large")})
	if err != nil || len(warns) != 0 {
		t.Fatal(err, warns)
	}
	if r.AMIFamily != AMIFamilyAL2023 || r.KubeReservedBasis != BasisENI {
		t.Errorf("defaults: %s %s", r.AMIFamily, r.KubeReservedBasis)
	}
	if r.KubeReservedCPUMillicores != 70 || r.KubeReservedMemoryMiB != 574 || r.KubeReserved.EphemeralStorage.Text != "1Gi" {
		t.Errorf("kube-reserved numbers: %d %d %s", r.KubeReservedCPUMillicores, r.KubeReservedMemoryMiB, r.KubeReserved.EphemeralStorage)
	}
	if r.SystemReserved.IsSet() {
		t.Errorf("system-reserved set without input: %+v", r.SystemReserved)
	}
	if !maps.Equal(r.EvictionHard, defaultEvictionHard()) || r.EvictionHardOverridden {
		t.Errorf("eviction = %v overridden=%v", r.EvictionHard, r.EvictionHardOverridden)
	}
	if r.Computed.MaxPods != 29 || r.Computed.ENIMaxPods != 29 {
		t.Errorf("computed max pods: %+v", r.Computed)
	}

	r, _, err = NodeResources(NodeResourcesInput{Instance: lookup(t, "m5.large"), EvictionHard: map[string]string{signalPIDAvailable: "1k", signalImageFSAvailable: "15%"}})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{signalMemoryAvailable: "100Mi", signalNodeFSAvailable: "10%", signalNodeFSInodesFree: "5%", signalPIDAvailable: "1k", signalImageFSAvailable: "15%"}
	if !maps.Equal(r.EvictionHard, want) || !r.EvictionHardOverridden {
		t.Errorf("merged eviction = %v, want %v", r.EvictionHard, want)
	}
	// The memory-reserved override echoes in canonical form; the MiB figure rounds up.
	r, _, err = NodeResources(NodeResourcesInput{Instance: lookup(t, "m5.large"), KubeReserved: ReservedInput{Memory: ptr("600M"), EphemeralStorage: ptr("2048Mi")}})
	if err != nil {
		t.Fatal(err)
	}
	if r.KubeReservedMemoryMiB != 573 || r.KubeReserved.Memory.Text != "600M" || r.KubeReserved.EphemeralStorage.Text != "2Gi" {
		t.Errorf("override: %d MiB %s %s", r.KubeReservedMemoryMiB, r.KubeReserved.Memory, r.KubeReserved.EphemeralStorage)
	}
}

func TestNodeResourcesWarnings(t *testing.T) {
	tests := []struct {
		name  string
		in    NodeResourcesInput
		field string
		text  string
	}{
		{"max_pods beyond the pod IPs", NodeResourcesInput{Instance: lookup(t, "m5.large"), MaxPods: ptr(110)},
			FieldMaxPods, "max_pods is 110, but m5.large gets at most 29"},
		{"eni basis under-reserves", NodeResourcesInput{Instance: lookup(t, "m5.large"), Networking: Networking{PrefixDelegation: true}, KubeReservedBasis: BasisENI},
			FieldKubeReservedBasis, "reserves 11 x 29 + 255 = 574 MiB"},
		{"memory exhausted", NodeResourcesInput{Instance: lookup(t, "t3.nano"), SystemReserved: ReservedInput{Memory: ptr("1Gi")}},
			fieldSystemReserved, "allocatable memory is 0"},
		{"cpu exhausted", NodeResourcesInput{Instance: lookup(t, "m5.large"), KubeReserved: ReservedInput{CPU: ptr("3")}},
			FieldKubeReserved, "allocatable CPU is 0"},
		{"no EBS slots", NodeResourcesInput{Instance: lookup(t, "m5.large"), ExtraEBSVolumes: 30},
			fieldExtraEBSVolumes, "attaching a volume will fail"},
		{"prefix delegation on xen", NodeResourcesInput{Instance: lookup(t, "m4.large"), Networking: Networking{PrefixDelegation: true}},
			fieldPrefixDelegation, "hypervisor"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, warns, err := NodeResources(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			found := false
			for _, w := range warns {
				if w.Field == tt.field && strings.Contains(w.Detail, tt.text) {
					found = true
				}
			}
			if !found {
				t.Errorf("no warning on %s containing %q; got %+v", tt.field, tt.text, warns)
			}
			if r.Allocatable.MemoryMiB < 0 || r.Allocatable.CPUMillicores < 0 || r.EBSVolumeLimit < 1 {
				t.Errorf("negative or zero result: %+v ebs %d", r.Allocatable, r.EBSVolumeLimit)
			}
		})
	}
}

func TestNodeResourcesErrors(t *testing.T) {
	m5 := lookup(t, "m5.large")
	unknownMem := m5
	unknownMem.MemoryMiB = 0
	custom, err := customInstance(InstanceSpec{NetworkInterfaces: 3, IPv4AddressesPerInterface: 10, VCPUs: ptr(2)})
	if err != nil {
		t.Fatal(err)
	}
	customNoCPU, _ := customInstance(InstanceSpec{NetworkInterfaces: 3, IPv4AddressesPerInterface: 10})
	tests := []struct {
		name  string
		in    NodeResourcesInput
		field string
		text  string
	}{
		{"unknown ami family", NodeResourcesInput{Instance: m5, AMIFamily: "ubuntu"}, FieldAMIFamily,
			`ami_family is "ubuntu"; it must be one of "al2023", "al2" or "bottlerocket"`},
		{"bottlerocket windows", NodeResourcesInput{Instance: m5, AMIFamily: AMIFamilyBottlerocket, Networking: Networking{OS: osWindows}}, fieldOS,
			`os = "windows" cannot be used with ami_family = "bottlerocket": Bottlerocket is a Linux AMI`},
		{"al2023 windows", NodeResourcesInput{Instance: m5, Networking: Networking{OS: osWindows}}, fieldOS, "Amazon Linux 2023 is a Linux AMI"},
		{"bad basis", NodeResourcesInput{Instance: m5, KubeReservedBasis: "pods"}, FieldKubeReservedBasis, `"max_pods" or "eni"`},
		{"bad networking", NodeResourcesInput{Instance: m5, Networking: Networking{IPFamily: "ipv5"}}, fieldIPFamily, "ip_family"},
		{"max_pods 0", NodeResourcesInput{Instance: m5, MaxPods: ptr(0)}, FieldMaxPods, "max_pods is 0; it must be at least 1"},
		{"root volume 0", NodeResourcesInput{Instance: m5, RootVolumeGiB: ptr(0)}, fieldRootVolumeSize, "root_volume_size is 0"},
		{"overhead 1", NodeResourcesInput{Instance: m5, VMMemoryOverheadPercent: ptr(1.0)}, fieldVMMemoryOverheadPercent, "such as 0.075 for 7.5%"},
		{"overhead negative", NodeResourcesInput{Instance: m5, VMMemoryOverheadPercent: ptr(-0.1)}, fieldVMMemoryOverheadPercent, "fraction"},
		{"extra volumes negative", NodeResourcesInput{Instance: m5, ExtraEBSVolumes: -1}, fieldExtraEBSVolumes, "0 or more"},
		{"attached ENIs 0", NodeResourcesInput{Instance: m5, AttachedNetworkInterfaces: ptr(0)}, fieldAttachedNetworkInterfaces, "at least 1"},
		{"attached ENIs beyond the type", NodeResourcesInput{Instance: m5, AttachedNetworkInterfaces: ptr(4)}, fieldAttachedNetworkInterfaces, "m5.large takes at most 3 ENIs"},
		{"malformed kube cpu", NodeResourcesInput{Instance: m5, KubeReserved: ReservedInput{CPU: ptr("70 m")}}, "kube_reserved.cpu", `kube_reserved.cpu is "70 m"`},
		{"malformed kube memory", NodeResourcesInput{Instance: m5, KubeReserved: ReservedInput{Memory: ptr("574MB")}}, "kube_reserved.memory", `"Mi" for mebibytes`},
		{"malformed ephemeral", NodeResourcesInput{Instance: m5, KubeReserved: ReservedInput{EphemeralStorage: ptr("lots")}}, "kube_reserved.ephemeral_storage", "not a Kubernetes byte quantity"},
		{"negative system cpu", NodeResourcesInput{Instance: m5, SystemReserved: ReservedInput{CPU: ptr("-100m")}}, "system_reserved.cpu", "must not be negative"},
		{"negative system memory", NodeResourcesInput{Instance: m5, SystemReserved: ReservedInput{Memory: ptr("-1Gi")}}, "system_reserved.memory", "must not be negative"},
		{"unknown eviction signal", NodeResourcesInput{Instance: m5, EvictionHard: map[string]string{"memory.avail": "1Gi"}}, "eviction_hard[memory.avail]",
			`"imagefs.available", "imagefs.inodesFree", "memory.available", "nodefs.available", "nodefs.inodesFree" or "pid.available"`},
		{"bad eviction percentage", NodeResourcesInput{Instance: m5, EvictionHard: map[string]string{signalMemoryAvailable: "150%"}}, "eviction_hard[memory.available]", "from 0 to 100"},
		{"bad eviction quantity", NodeResourcesInput{Instance: m5, EvictionHard: map[string]string{signalMemoryAvailable: "lots"}}, "eviction_hard[memory.available]", `or a percentage of capacity such as "10%"`},
		{"negative eviction", NodeResourcesInput{Instance: m5, EvictionHard: map[string]string{signalNodeFSAvailable: "-1Gi"}}, "eviction_hard[nodefs.available]", "must not be negative"},
		{"fractional inodes", NodeResourcesInput{Instance: m5, EvictionHard: map[string]string{signalNodeFSInodesFree: "0.5"}}, "eviction_hard[nodefs.inodesFree]", "not a whole number"},
		{"unknown memory", NodeResourcesInput{Instance: unknownMem}, FieldInstanceType, "the memory size of m5.large is unknown"},
		{"custom instance has no memory", NodeResourcesInput{Instance: custom}, fieldInstanceMemorySize, "give instance.memory_size"},
		{"custom instance has no vcpus", NodeResourcesInput{Instance: customNoCPU, Networking: Networking{CapPolicy: capNone}}, fieldInstanceVCPUs, "give instance.vcpus"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := NodeResources(tt.in)
			var ie *InputError
			if !errors.As(err, &ie) {
				t.Fatalf("want *InputError, got %v", err)
			}
			if ie.Field != tt.field {
				t.Errorf("Field = %q, want %q (%s)", ie.Field, tt.field, ie.Msg)
			}
			if !strings.Contains(ie.Msg, tt.text) {
				t.Errorf("message %q\nlacks %q", ie.Msg, tt.text)
			}
		})
	}
}

func TestEBSVolumeLimitWholeTable(t *testing.T) {
	for _, in := range ec2data.MustDefault().All() {
		got := ebsVolumeLimit(in, 0, 1)
		if got != in.EBSMaxAttachments-1 || got < 1 {
			t.Errorf("%s: EBS volume limit %d, want %d - 1", in.Name, got, in.EBSMaxAttachments)
		}
	}
}

func TestNodeResourcesWholeTable(t *testing.T) {
	n := 0
	for _, in := range ec2data.MustDefault().All() {
		if !in.HasVCPUs() || !in.HasMemory() {
			continue
		}
		r, _, err := NodeResources(NodeResourcesInput{Instance: in})
		if err != nil {
			t.Errorf("%s: %v", in.Name, err)
			continue
		}
		if r.Allocatable.MemoryMiB <= 0 || r.Allocatable.CPUMillicores <= 0 || r.Allocatable.EphemeralStorageMiB != 17408 {
			t.Errorf("%s: allocatable %+v", in.Name, r.Allocatable)
		}
		// nodeadm's ENI max pods: its own table, which differs from eni_max_pods for 4 multi-card types.
		info, _ := NodeadmInfo(in)
		if want := kubeReservedMemoryMiB(int(info.DefaultENIs)*(int(info.IPsPerENI)-1) + 2); r.KubeReservedMemoryMiB != want {
			t.Errorf("%s: kube-reserved memory %d, want %d", in.Name, r.KubeReservedMemoryMiB, want)
		}
		n++
	}
	if n < 1300 {
		t.Errorf("only %d types checked", n)
	}
}

func BenchmarkNodeResources(b *testing.B) {
	in := NodeResourcesInput{Instance: lookup(b, "m5.large"), Networking: Networking{PrefixDelegation: true}}
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := NodeResources(in); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkNodeResourcesOverrides(b *testing.B) {
	in := NodeResourcesInput{Instance: lookup(b, "m5.large"),
		KubeReserved:   ReservedInput{CPU: ptr("100m"), Memory: ptr("1Gi")},
		SystemReserved: ReservedInput{Memory: ptr("200Mi")},
		EvictionHard:   map[string]string{signalMemoryAvailable: "5%"},
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := NodeResources(in); err != nil {
			b.Fatal(err)
		}
	}
}

// TestEvictionZeroAndHundredPercentCanonical (issue 14 item 2): kubelet
// ignores a threshold only when its text is exactly "0%" or "100%", so other
// spellings of 0 and 100 are rendered in that form; other values keep theirs.
func TestEvictionZeroAndHundredPercentCanonical(t *testing.T) {
	in := NodeResourcesInput{Instance: lookup(t, "m5.large"), EvictionHard: map[string]string{
		signalMemoryAvailable: "100.00%", signalNodeFSAvailable: "0.0%", signalImageFSAvailable: "00%",
		signalNodeFSInodesFree: "100.0%", signalImageFSInodesFree: "7.50%",
	}}
	r, _, err := NodeResources(in)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{signalMemoryAvailable: "100%", signalNodeFSAvailable: "0%", signalImageFSAvailable: "0%",
		signalNodeFSInodesFree: "100%", signalImageFSInodesFree: "7.50%"}
	if !maps.Equal(r.EvictionHard, want) {
		t.Errorf("eviction = %v, want %v", r.EvictionHard, want)
	}
	// Both memory.available spellings disable the signal for allocatable too.
	base, _, err := NodeResources(NodeResourcesInput{Instance: lookup(t, "m5.large"), EvictionHard: map[string]string{signalMemoryAvailable: "100%"}})
	if err != nil {
		t.Fatal(err)
	}
	if r.Allocatable.MemoryMiB != base.Allocatable.MemoryMiB {
		t.Errorf("allocatable memory %d with 100.00%%, %d with 100%%", r.Allocatable.MemoryMiB, base.Allocatable.MemoryMiB)
	}
}
