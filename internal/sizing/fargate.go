package sizing

import (
	"fmt"
	"strconv"
	"strings"
)

// EKS Fargate runs each pod on its own micro-VM and sizes it from the pod's
// requests. The rules below are AWS's, from the Amazon EKS User Guide,
// "Understand Fargate Pod configuration details"
// (https://docs.aws.amazon.com/eks/latest/userguide/fargate-pod-configuration.html):
//
//   - the init request is the maximum request of any init container, the
//     long-running request is the sum over the long-running containers, and the
//     pod's request is the larger of the two, for vCPU and memory each;
//   - Fargate adds 256 MB to the memory for the Kubernetes components (kubelet,
//     kube-proxy, containerd);
//   - the result is rounded up to the smallest supported vCPU and memory
//     combination (fargateTiers); with no requests, 0.25 vCPU and 0.5 GB;
//   - the provisioned size is written on the pod as the annotation
//     CapacityProvisioned, e.g. "0.25vCPU 0.5GB".
//
// Ephemeral storage follows "Fargate storage" in the same guide and AWS's
// launch post "AWS Fargate adds support for larger ephemeral volumes"
// (2023-08): 20 GiB by default, requests up to 175 GiB, and Fargate provisions
// the requests plus 10% plus 5 GiB for system components.
//
// Fargate's "GB" is a gibibyte (1024 MiB), as in ECS task sizes; the 256 MB
// overhead is 256 MiB.

// FargateContainer is one container of a pod as Fargate sees it. Each quantity
// is a Kubernetes quantity string; "" means not set. A request that is not set
// defaults to the limit, as Kubernetes defaults it.
type FargateContainer struct {
	Name string
	// Init marks an init container: it runs to completion before the others
	// start, so only the largest init container counts.
	Init                    bool
	CPURequest              string
	CPULimit                string
	MemoryRequest           string
	MemoryLimit             string
	EphemeralStorageRequest string
}

// Field names of a Fargate pod's inputs, as the provider spells them.
const (
	FieldContainers             = "container"
	FieldContainerCPURequest    = "cpu_request"
	FieldContainerCPULimit      = "cpu_limit"
	FieldContainerMemoryRequest = "memory_request"
	FieldContainerMemoryLimit   = "memory_limit"
	FieldContainerEphemeral     = "ephemeral_storage_request"
	fargateOverheadMiB          = 256
	fargateMaxEphemeralGiB      = 175
	fargateDefaultEphemeralGiB  = 20
	fargateEphemeralSystemGiB   = 5
	fargateEphemeralReservePct  = 10
	fargateMaxVCPUMillicores    = 16000
	fargateMaxMemoryMiB         = 120 * 1024
)

// fargateTier is one vCPU size and the memory sizes Fargate offers with it.
type fargateTier struct {
	milliCPU             int64
	minMiB, maxMiB, step int64
	// memoryMiB, when set, lists the sizes instead of min/max/step.
	memoryMiB []int64
}

// fargateTiers are the supported combinations, from the table in the EKS
// User Guide's "Pod CPU and memory".
var fargateTiers = []fargateTier{
	{milliCPU: 250, memoryMiB: []int64{512, 1024, 2048}},
	{milliCPU: 500, minMiB: 1024, maxMiB: 4096, step: 1024},
	{milliCPU: 1000, minMiB: 2048, maxMiB: 8192, step: 1024},
	{milliCPU: 2000, minMiB: 4096, maxMiB: 16384, step: 1024},
	{milliCPU: 4000, minMiB: 8192, maxMiB: 30720, step: 1024},
	{milliCPU: 8000, minMiB: 16384, maxMiB: 61440, step: 4096},
	{milliCPU: 16000, minMiB: 32768, maxMiB: 122880, step: 8192},
}

// smallestMemory is the smallest memory size of the tier that holds mib, and
// whether there is one.
func (t fargateTier) smallestMemory(mib int64) (int64, bool) {
	if t.memoryMiB != nil {
		for _, m := range t.memoryMiB {
			if m >= mib {
				return m, true
			}
		}
		return 0, false
	}
	if mib > t.maxMiB {
		return 0, false
	}
	if mib <= t.minMiB {
		return t.minMiB, true
	}
	return t.minMiB + ceilDiv(mib-t.minMiB, t.step)*t.step, true
}

// FargateResult is what Fargate provisions for a pod, with the steps that led
// there. CPU is in millicores, memory in MiB, storage in GiB.
type FargateResult struct {
	InitMilliCPU          int64
	InitMemoryMiB         int64
	LongRunningMilliCPU   int64
	LongRunningMemoryMiB  int64
	PodMilliCPU           int64
	PodMemoryMiB          int64
	MemoryWithOverheadMiB int64
	// VCPUMilli and MemoryMiB are the provisioned combination.
	VCPUMilli int64
	MemoryMiB int64
	// CapacityProvisioned is the pod annotation Fargate writes, e.g.
	// "0.25vCPU 0.5GB".
	CapacityProvisioned string
	// EphemeralRequestGiB is the pod's ephemeral-storage request (rounded up to
	// a whole GiB); EphemeralStorageGiB the storage provisioned.
	EphemeralRequestGiB int64
	EphemeralStorageGiB int64
	Explanation         string
}

// fargateRequests are one container's effective requests.
type fargateRequests struct {
	milliCPU, memoryMiB, ephemeralBytes int64
}

// FargatePod answers "what does EKS Fargate provision for this pod".
func FargatePod(containers []FargateContainer) (FargateResult, error) {
	if len(containers) == 0 {
		return FargateResult{}, inputErr(FieldContainers, "no container; give at least one container (a pod has at least one long-running container)")
	}
	var res FargateResult
	var initMax, longSum fargateRequests
	longRunning := 0
	for i, c := range containers {
		r, err := fargateContainerRequests(fmt.Sprintf("%s[%d]", FieldContainers, i), c)
		if err != nil {
			return FargateResult{}, err
		}
		if c.Init {
			initMax = fargateRequests{
				milliCPU:       max(initMax.milliCPU, r.milliCPU),
				memoryMiB:      max(initMax.memoryMiB, r.memoryMiB),
				ephemeralBytes: max(initMax.ephemeralBytes, r.ephemeralBytes),
			}
			continue
		}
		longRunning++
		longSum.milliCPU += r.milliCPU
		longSum.memoryMiB += r.memoryMiB
		longSum.ephemeralBytes += r.ephemeralBytes
	}
	if longRunning == 0 {
		return FargateResult{}, inputErr(FieldContainers, "every container is an init container; a pod needs at least one long-running container (init = false)")
	}
	res.InitMilliCPU, res.InitMemoryMiB = initMax.milliCPU, initMax.memoryMiB
	res.LongRunningMilliCPU, res.LongRunningMemoryMiB = longSum.milliCPU, longSum.memoryMiB
	res.PodMilliCPU = max(initMax.milliCPU, longSum.milliCPU)
	res.PodMemoryMiB = max(initMax.memoryMiB, longSum.memoryMiB)
	res.MemoryWithOverheadMiB = res.PodMemoryMiB + fargateOverheadMiB
	if err := fargateCombination(&res); err != nil {
		return FargateResult{}, err
	}
	// AWS states no init rule for storage; the larger of the init maximum and
	// the long-running sum is Kubernetes' own effective-request rule.
	if err := fargateEphemeral(&res, max(initMax.ephemeralBytes, longSum.ephemeralBytes)); err != nil {
		return FargateResult{}, err
	}
	res.CapacityProvisioned = formatFargateVCPU(res.VCPUMilli) + "vCPU " + formatFargateGB(res.MemoryMiB) + "GB"
	res.Explanation = fargateExplanation(res)
	return res, nil
}

// fargateContainerRequests parses a container's quantities and applies the
// Kubernetes default of a request to its limit.
func fargateContainerRequests(field string, c FargateContainer) (fargateRequests, error) {
	cpu, err := requestOrLimit(field, FieldContainerCPURequest, c.CPURequest, FieldContainerCPULimit, c.CPULimit, parseCPU)
	if err != nil {
		return fargateRequests{}, err
	}
	mem, err := requestOrLimit(field, FieldContainerMemoryRequest, c.MemoryRequest, FieldContainerMemoryLimit, c.MemoryLimit, parseBytes)
	if err != nil {
		return fargateRequests{}, err
	}
	var eph Quantity
	if c.EphemeralStorageRequest != "" {
		if eph, err = parseBytes(field+"."+FieldContainerEphemeral, c.EphemeralStorageRequest); err != nil {
			return fargateRequests{}, err
		}
	}
	return fargateRequests{milliCPU: cpu.Value, memoryMiB: ceilDiv(mem.Value, mebi), ephemeralBytes: eph.Value}, nil
}

// requestOrLimit parses the request, or the limit where no request is given,
// and rejects a request above its limit (the API server rejects such a pod).
func requestOrLimit(field, reqName, req, limName, lim string, parse func(string, string) (Quantity, error)) (Quantity, error) {
	var rq, lq Quantity
	var err error
	if req != "" {
		if rq, err = parse(field+"."+reqName, req); err != nil {
			return Quantity{}, err
		}
	}
	if lim != "" {
		if lq, err = parse(field+"."+limName, lim); err != nil {
			return Quantity{}, err
		}
	}
	switch {
	case req != "" && lim != "" && rq.Value > lq.Value:
		return Quantity{}, inputErr(field+"."+reqName, "%s.%s is %q, above %s %q; Kubernetes rejects a request above its limit", field, reqName, req, limName, lim)
	case req != "":
		return rq, nil
	default:
		return lq, nil
	}
}

// fargateCombination rounds the pod's vCPU and memory (with the overhead) up
// to the smallest supported combination: the smallest vCPU size that offers
// enough memory, then its smallest memory size that is enough.
func fargateCombination(res *FargateResult) error {
	if res.PodMilliCPU > fargateMaxVCPUMillicores {
		return inputErr(FieldContainers, "the pod requests %s vCPU; Fargate's largest pod has 16 vCPU (run it on EC2 nodes instead)", formatFargateVCPU(res.PodMilliCPU))
	}
	if res.MemoryWithOverheadMiB > fargateMaxMemoryMiB {
		return inputErr(FieldContainers, "the pod requests %d MiB of memory, %d MiB with the 256 MiB Fargate adds for kubelet, kube-proxy and containerd; Fargate's largest pod has 120 GB (122880 MiB)", res.PodMemoryMiB, res.MemoryWithOverheadMiB)
	}
	for _, t := range fargateTiers {
		if t.milliCPU < res.PodMilliCPU {
			continue
		}
		if mib, ok := t.smallestMemory(res.MemoryWithOverheadMiB); ok {
			res.VCPUMilli, res.MemoryMiB = t.milliCPU, mib
			return nil
		}
	}
	// Unreachable: 16 vCPU offers up to 120 GB, checked above.
	return inputErr(FieldContainers, "no Fargate size holds %s vCPU and %d MiB", formatFargateVCPU(res.PodMilliCPU), res.MemoryWithOverheadMiB)
}

// fargateEphemeral sizes the pod's ephemeral storage: requests + 10% + 5 GiB,
// at least the 20 GiB every pod gets; requests above 175 GiB are refused.
func fargateEphemeral(res *FargateResult, requestBytes int64) error {
	res.EphemeralRequestGiB = ceilDiv(requestBytes, gibi)
	if requestBytes > fargateMaxEphemeralGiB*gibi {
		return inputErr(FieldContainers, "the pod requests %s of ephemeral storage; EKS Fargate allows at most 175 GiB per pod", formatBinaryBytes(requestBytes))
	}
	if requestBytes == 0 {
		res.EphemeralStorageGiB = fargateDefaultEphemeralGiB
		return nil
	}
	withReserve := requestBytes + ceilDiv(requestBytes*fargateEphemeralReservePct, 100) + fargateEphemeralSystemGiB*gibi
	res.EphemeralStorageGiB = max(fargateDefaultEphemeralGiB, ceilDiv(withReserve, gibi))
	return nil
}

// formatFargateVCPU writes millicores as Fargate writes vCPUs: "0.25", "1".
func formatFargateVCPU(milli int64) string {
	return strings.TrimSuffix(strings.TrimRight(strconv.FormatFloat(float64(milli)/1000, 'f', 3, 64), "0"), ".")
}

// formatFargateGB writes MiB as Fargate writes GB: "0.5", "9".
func formatFargateGB(mib int64) string {
	return strings.TrimSuffix(strings.TrimRight(strconv.FormatFloat(float64(mib)/1024, 'f', 3, 64), "0"), ".")
}

func fargateExplanation(r FargateResult) string {
	return fmt.Sprintf("requests: init max %dm/%dMi, long-running sum %dm/%dMi -> %dm/%dMi; + 256Mi for kubelet, kube-proxy and containerd = %dMi; rounded up to %s; ephemeral storage %d GiB",
		r.InitMilliCPU, r.InitMemoryMiB, r.LongRunningMilliCPU, r.LongRunningMemoryMiB,
		r.PodMilliCPU, r.PodMemoryMiB, r.MemoryWithOverheadMiB, r.CapacityProvisioned, r.EphemeralStorageGiB)
}
