package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// The ekssize_fargate_pod cases of the bad-input table (bad_input_test.go).
// Containers are blocks, so Terraform itself rejects a misspelt argument.

var fargatePodBadInputs = []badInput{
	{ds: "fargate_pod", name: "no container", attrs: attrs{}, path: "container",
		want: `no container; give at least one container (a pod has at least one long-running container)`},
	{ds: "fargate_pod", name: "misspelt argument", cliOnly: true,
		attrs: attrs{"container": tuple(lit(attrs{"cpu_requests": str("1")}))},
		line:  `cpu_requests = "1"`,
		want:  `An argument named "cpu_requests" is not expected here. Did you mean "cpu_request"?`},
	{ds: "fargate_pod", name: "only init containers",
		attrs: attrs{"container": tuple(lit(attrs{"init": boolean(true)}))}, path: "container",
		want: `every container is an init container; a pod needs at least one long-running container (init = false)`},
	{ds: "fargate_pod", name: "not a CPU quantity",
		attrs: attrs{"container": tuple(lit(attrs{"cpu_request": str("1 core")}))},
		line:  `cpu_request = "1 core"`, path: "container[0].cpu_request",
		want: `container[0].cpu_request is "1 core", which is not a Kubernetes CPU quantity; use millicores such as "70m", or cores such as "0.5" or "1"`},
	{ds: "fargate_pod", name: "GB for memory",
		attrs: attrs{"container": tuple(lit(attrs{"memory_request": str("2GB")}))},
		line:  `memory_request = "2GB"`, path: "container[0].memory_request",
		want: `container[0].memory_request is "2GB": Kubernetes writes units without "B"`},
	{ds: "fargate_pod", name: "request above limit",
		attrs: attrs{"container": tuple(lit(attrs{"memory_request": str("2Gi"), "memory_limit": str("1Gi")}))},
		line:  `memory_request = "2Gi"`, path: "container[0].memory_request",
		want: `container[0].memory_request is "2Gi", above memory_limit "1Gi"; Kubernetes rejects a request above its limit`},
	{ds: "fargate_pod", name: "more than 16 vCPU",
		attrs: attrs{"container": tuple(lit(attrs{"cpu_request": str("12")}), lit(attrs{"cpu_request": str("8")}))}, path: "container",
		want: `the pod requests 20 vCPU; Fargate's largest pod has 16 vCPU (run it on EC2 nodes instead)`},
	{ds: "fargate_pod", name: "120 GB with the overhead",
		attrs: attrs{"container": tuple(lit(attrs{"cpu_request": str("16"), "memory_request": str("120Gi")}))}, path: "container",
		want: `the pod requests 122880 MiB of memory, 123136 MiB with the 256 MiB Fargate adds for kubelet, kube-proxy and containerd; Fargate's largest pod has 120 GB (122880 MiB)`},
	{ds: "fargate_pod", name: "more than 175 GiB of storage",
		attrs: attrs{"container": tuple(lit(attrs{"ephemeral_storage_request": str("200Gi")}))}, path: "container",
		want: `the pod requests 200Gi of ephemeral storage; EKS Fargate allows at most 175 GiB per pod`},
}

// containersArg is fargate_size's argument: a list of container objects.
func containersArg(cs ...attr.Value) []attr.Value {
	return []attr.Value{types.DynamicValue(tuple(cs...))}
}

var fargateSizeBadInputs = []badInput{
	{fn: "fargate_size", name: "misspelt key", args: containersArg(lit(attrs{"memory_requests": str("1Gi")})), arg: "containers",
		want: `container[0]: unknown key "memory_requests" (did you mean "memory_request"?); valid keys are cpu_limit, cpu_request, ephemeral_storage_request, init, memory_limit, memory_request, name`},
	{fn: "fargate_size", name: "no container", args: containersArg(), arg: "containers",
		want: `no container; give at least one container (a pod has at least one long-running container)`},
	{fn: "fargate_size", name: "not a list", args: []attr.Value{types.DynamicValue(lit(attrs{"cpu_request": str("1")}))}, arg: "containers",
		want: `containers must be a list of objects such as [{ cpu_request = "250m", memory_request = "512Mi" }], got an object`},
	{fn: "fargate_size", name: "not a memory quantity", args: containersArg(lit(attrs{"memory_request": str("1 GiB")})), arg: "containers",
		want: `container[0].memory_request is "1 GiB": quantities have no spaces; use bytes with an optional binary suffix`},
	{fn: "fargate_size", name: "request above limit", args: containersArg(lit(attrs{"cpu_request": str("2"), "cpu_limit": str("1")})), arg: "containers",
		want: `container[0].cpu_request is "2", above cpu_limit "1"; Kubernetes rejects a request above its limit`},
	{fn: "fargate_size", name: "too large", args: containersArg(lit(attrs{"cpu_request": str("16"), "memory_request": str("121Gi")})), arg: "containers",
		want: `the pod requests 123904 MiB of memory, 124160 MiB with the 256 MiB Fargate adds`},
}

func init() {
	badInputs = append(badInputs, fargateSizeBadInputs...)
	badInputFunctions["fargate_size"] = NewFargateSizeFunction
	badInputs = append(badInputs, fargatePodBadInputs...)
	badInputDataSources["fargate_pod"] = NewFargatePodDataSource
	badInputBlocks["fargate_pod"] = map[string]bool{"container": true}
}
