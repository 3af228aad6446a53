package sizing

import (
	"errors"
	"strings"
	"testing"
)

func TestFargatePod(t *testing.T) {
	app := func(cpu, mem string) FargateContainer { return FargateContainer{CPURequest: cpu, MemoryRequest: mem} }
	cases := []struct {
		name       string
		containers []FargateContainer
		vcpuMilli  int64
		memMiB     int64
		annotation string
		ephGiB     int64
	}{
		// No requests: the smallest combination (EKS User Guide).
		{"no requests", []FargateContainer{{}}, 250, 512, "0.25vCPU 0.5GB", 20},
		// The User Guide's own example: 1 vCPU and 8 GB + 256 MB needs 2 vCPU and 9 GB.
		{"guide example 1 vCPU 8 GB", []FargateContainer{app("1", "8Gi")}, 2000, 9216, "2vCPU 9GB", 20},
		{"fits 0.25 tier exactly", []FargateContainer{app("250m", "1792Mi")}, 250, 2048, "0.25vCPU 2GB", 20},
		{"one MiB more leaves the 0.25 tier", []FargateContainer{app("250m", "1793Mi")}, 500, 3072, "0.5vCPU 3GB", 20},
		{"limits only default the requests", []FargateContainer{{CPULimit: "500m", MemoryLimit: "1Gi"}}, 500, 2048, "0.5vCPU 2GB", 20},
		{"init maximum beats the long-running sum", []FargateContainer{
			{Init: true, CPURequest: "2", MemoryRequest: "1Gi"},
			{Init: true, CPURequest: "100m", MemoryRequest: "64Mi"},
			app("250m", "512Mi"), app("250m", "512Mi"),
		}, 2000, 4096, "2vCPU 4GB", 20},
		{"long-running sum beats init", []FargateContainer{
			{Init: true, CPURequest: "500m", MemoryRequest: "3Gi"},
			app("1", "1Gi"), app("1", "1Gi"), app("1", "1Gi"),
		}, 4000, 8192, "4vCPU 8GB", 20},
		{"8 vCPU tier steps by 4 GB", []FargateContainer{app("8", "20Gi")}, 8000, 24576, "8vCPU 24GB", 20},
		{"largest pod", []FargateContainer{app("16", "122624Mi")}, 16000, 122880, "16vCPU 120GB", 20},
		// 4G is 4e9 bytes = 3815 MiB (rounded up), so 4071 MiB with the overhead still fits 4 GB.
		{"decimal memory units", []FargateContainer{app("2", "4G")}, 2000, 4096, "2vCPU 4GB", 20},
		// Storage: requests + 10% + 5 GiB (AWS's launch post: 2 x 50 GiB -> 115 GiB), never below 20.
		{"storage 2 x 50 GiB", []FargateContainer{
			{EphemeralStorageRequest: "50Gi"}, {EphemeralStorageRequest: "50Gi"},
		}, 250, 512, "0.25vCPU 0.5GB", 115},
		{"small storage request keeps 20 GiB", []FargateContainer{{EphemeralStorageRequest: "10Gi"}}, 250, 512, "0.25vCPU 0.5GB", 20},
		{"largest storage request", []FargateContainer{{EphemeralStorageRequest: "175Gi"}}, 250, 512, "0.25vCPU 0.5GB", 198},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := FargatePod(c.containers)
			if err != nil {
				t.Fatal(err)
			}
			if got.VCPUMilli != c.vcpuMilli || got.MemoryMiB != c.memMiB || got.CapacityProvisioned != c.annotation || got.EphemeralStorageGiB != c.ephGiB {
				t.Errorf("got %dm %dMiB %q %dGiB, want %dm %dMiB %q %dGiB", got.VCPUMilli, got.MemoryMiB, got.CapacityProvisioned,
					got.EphemeralStorageGiB, c.vcpuMilli, c.memMiB, c.annotation, c.ephGiB)
			}
		})
	}
}

func TestFargatePodSteps(t *testing.T) {
	got, err := FargatePod([]FargateContainer{
		{Init: true, CPURequest: "1", MemoryRequest: "2Gi"},
		{CPURequest: "500m", MemoryRequest: "3Gi"},
		{CPURequest: "250m", MemoryRequest: "1Gi"},
	})
	if err != nil {
		t.Fatal(err)
	}
	want := FargateResult{
		InitMilliCPU: 1000, InitMemoryMiB: 2048, LongRunningMilliCPU: 750, LongRunningMemoryMiB: 4096,
		PodMilliCPU: 1000, PodMemoryMiB: 4096, MemoryWithOverheadMiB: 4352, VCPUMilli: 1000, MemoryMiB: 5120,
		CapacityProvisioned: "1vCPU 5GB", EphemeralStorageGiB: 20,
		Explanation: "requests: init max 1000m/2048Mi, long-running sum 750m/4096Mi -> 1000m/4096Mi; + 256Mi for kubelet, kube-proxy and containerd = 4352Mi; rounded up to 1vCPU 5GB; ephemeral storage 20 GiB",
	}
	if got != want {
		t.Errorf("got  %+v\nwant %+v", got, want)
	}
}

// Every supported combination is reachable, and a request just above it moves on.
func TestFargateTiersRoundUp(t *testing.T) {
	for _, tier := range fargateTiers {
		sizes := tier.memoryMiB
		for m := tier.minMiB; tier.memoryMiB == nil && m <= tier.maxMiB; m += tier.step {
			sizes = append(sizes, m)
		}
		for _, m := range sizes {
			got, err := FargatePod([]FargateContainer{{CPURequest: formatCPU(tier.milliCPU), MemoryRequest: formatBinaryBytes((m - 256) * mebi)}})
			if err != nil {
				t.Fatal(err)
			}
			// A smaller vCPU tier may already offer this memory: the result is the
			// smallest vCPU at least the request, with memory exactly m.
			if got.MemoryMiB != m || got.VCPUMilli != tier.milliCPU {
				t.Errorf("%dm %dMiB: got %dm %dMiB", tier.milliCPU, m, got.VCPUMilli, got.MemoryMiB)
			}
		}
	}
}

func TestFargatePodErrors(t *testing.T) {
	cases := []struct {
		name       string
		containers []FargateContainer
		field, msg string
	}{
		{"empty", nil, "container", "no container; give at least one container (a pod has at least one long-running container)"},
		{"only init", []FargateContainer{{Init: true}}, "container", "every container is an init container; a pod needs at least one long-running container (init = false)"},
		{"too many vCPU", []FargateContainer{{CPURequest: "16001m"}}, "container", "the pod requests 16.001 vCPU; Fargate's largest pod has 16 vCPU (run it on EC2 nodes instead)"},
		{"too much memory with overhead", []FargateContainer{{CPURequest: "16", MemoryRequest: "120Gi"}}, "container",
			"the pod requests 122880 MiB of memory, 123136 MiB with the 256 MiB Fargate adds for kubelet, kube-proxy and containerd; Fargate's largest pod has 120 GB (122880 MiB)"},
		{"too much storage", []FargateContainer{{EphemeralStorageRequest: "176Gi"}}, "container", "the pod requests 176Gi of ephemeral storage; EKS Fargate allows at most 175 GiB per pod"},
		{"request above limit", []FargateContainer{{}, {MemoryRequest: "2Gi", MemoryLimit: "1Gi"}}, "container[1].memory_request",
			`container[1].memory_request is "2Gi", above memory_limit "1Gi"; Kubernetes rejects a request above its limit`},
		{"bad cpu", []FargateContainer{{CPURequest: "1 core"}}, "container[0].cpu_request", `container[0].cpu_request is "1 core", which is not a Kubernetes CPU quantity`},
		{"bad storage", []FargateContainer{{EphemeralStorageRequest: "10GB"}}, "container[0].ephemeral_storage_request", `container[0].ephemeral_storage_request is "10GB"`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := FargatePod(c.containers)
			var ie *InputError
			ok := errors.As(err, &ie)
			if !ok {
				t.Fatalf("got %v, want an *InputError", err)
			}
			if ie.Field != c.field || !strings.HasPrefix(ie.Msg, c.msg) {
				t.Errorf("got %s: %s\nwant %s: %s", ie.Field, ie.Msg, c.field, c.msg)
			}
		})
	}
}
