package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
)

func kubeReservedCheck(cpu, memory, storage string, cpuMilli, memMiB int64) knownvalue.Check {
	return knownvalue.ObjectExact(map[string]knownvalue.Check{
		"cpu":               knownvalue.StringExact(cpu),
		"memory":            knownvalue.StringExact(memory),
		"ephemeral_storage": knownvalue.StringExact(storage),
		"cpu_millicores":    knownvalue.Int64Exact(cpuMilli),
		"memory_mib":        knownvalue.Int64Exact(memMiB),
	})
}

func TestAccFunctionKubeReserved(t *testing.T) {
	t.Parallel()
	functionTest(t, resource.TestStep{
		Config: `
resource "terraform_data" "type" { input = "m5.large" }
# 2 vCPUs: 60m + 10m; 29 pods: 11 x 29 + 255 = 574 MiB.
output "m5_large"   { value = provider::ekssize::kube_reserved("m5.large") }
# Prefix delegation: max pods 110, reserved for them with the max_pods basis: 11 x 110 + 255 = 1465 MiB.
output "prefix"     { value = provider::ekssize::kube_reserved("m5.large", { prefix_delegation = true, kube_reserved_basis = "max_pods" }) }
# 16 vCPUs: 60 + 10 + 5 + 5 + 12 x 2.5 = 110m.
output "m5_4xlarge" { value = provider::ekssize::kube_reserved("m5.4xlarge", { max_pods = 50, kube_reserved_basis = "max_pods" }) }
# Issue 14 item 6: the default mirrors nodeadm (ami_family al2023), which reserves for eni_max_pods 234 although
# the eks cap gives 110 pods: 11 x 234 + 255 = 2829 MiB; AL2 bootstrap.sh the same; Bottlerocket for its 110.
output "m5_4xlarge_nodeadm"      { value = provider::ekssize::kube_reserved("m5.4xlarge").memory }
output "m5_4xlarge_al2"          { value = provider::ekssize::kube_reserved("m5.4xlarge", { ami_family = "al2" }).memory }
output "m5_4xlarge_bottlerocket" { value = provider::ekssize::kube_reserved("m5.4xlarge", { ami_family = "bottlerocket" }).memory }
# An override is echoed as written.
output "override"   { value = provider::ekssize::kube_reserved("m5.large", { kube_reserved = { memory = "1Gi" } }) }
output "unknown"    { value = provider::ekssize::kube_reserved(terraform_data.type.output).memory_mib }
# Basis eni as nodeadm: 11 x eni_max_pods 29 + 255 although max pods is 110; the
# data source warns, the function returns the same value.
output "eni_basis"  { value = provider::ekssize::kube_reserved("m5.large", { kube_reserved_basis = "eni", prefix_delegation = true }) }
# The al2023 default is that basis too.
output "prefix_nodeadm" { value = provider::ekssize::kube_reserved("m5.large", { prefix_delegation = true }).memory }
`,
		ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectUnknownOutputValue("unknown")}},
		ConfigStateChecks: []statecheck.StateCheck{
			expectOutput("m5_large", kubeReservedCheck("70m", "574Mi", "1Gi", 70, 574)),
			expectOutput("prefix", kubeReservedCheck("70m", "1465Mi", "1Gi", 70, 1465)),
			expectOutput("m5_4xlarge", kubeReservedCheck("110m", "805Mi", "1Gi", 110, 805)),
			expectOutput("m5_4xlarge_nodeadm", knownvalue.StringExact("2829Mi")),
			expectOutput("m5_4xlarge_al2", knownvalue.StringExact("2829Mi")),
			expectOutput("m5_4xlarge_bottlerocket", knownvalue.StringExact("1465Mi")),
			expectOutput("override", kubeReservedCheck("70m", "1Gi", "1Gi", 70, 1024)),
			expectOutput("unknown", knownvalue.Int64Exact(574)),
			expectOutput("eni_basis", kubeReservedCheck("70m", "574Mi", "1Gi", 70, 574)),
			expectOutput("prefix_nodeadm", knownvalue.StringExact("574Mi")),
		},
	})
}

func TestAccFunctionKubeReservedErrors(t *testing.T) {
	t.Parallel()
	functionErrorTest(t, []struct{ call, want string }{
		{`kube_reserved("m5.lrage")`, `(?s)Invalid value for "instance_type" parameter: instance type "m5.lrage".*did you mean m5.large\?`},
		{`kube_reserved(null)`, `Invalid value for "instance_type" parameter: argument must not be null`},
		{`kube_reserved("m5.large", { kube_reserved = { cpu = "lots" } })`,
			`Invalid value for "options" parameter: options.kube_reserved.cpu: kube_reserved.cpu is "lots", which is not a Kubernetes CPU quantity`},
		{`kube_reserved("m5.large", { kube_reserved_basis = "pods" })`, `options.kube_reserved_basis: kube_reserved_basis is "pods"; it must be one of`},
		{`kube_reserved("m5.large", { eviction_hard = {} })`, `unknown option "eviction_hard"; valid keys are`},
		{`kube_reserved("m5.large", { kube_reserved_basis = "eni", prefix_delegation = true, strict = true })`,
			`(?s)options.kube_reserved_basis: kube-reserved memory is sized for fewer pods than max_pods.*strict = true makes it an error`},
		// The AL2023 default is the eni basis, which warns under prefix delegation (an error only with strict).
		{`kube_reserved("m5.large", { prefix_delegation = true, strict = true })`,
			`(?s)options.kube_reserved_basis: kube-reserved memory is sized for fewer pods than max_pods.*the default for AL2023 and AL2.*strict = true makes it an error`},
		{`kube_reserved("m5.large", { ami_family = "al2024" })`, `options.ami_family: ami_family is "al2024"; it must be one of`},
	})
}
