package provider

import (
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/ekssize/terraform-provider-ekssize/internal/ec2data"
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
# Prefix delegation: max pods 110, 11 x 110 + 255 = 1465 MiB.
output "prefix"     { value = provider::ekssize::kube_reserved("m5.large", { prefix_delegation = true }) }
# 16 vCPUs: 60 + 10 + 5 + 5 + 12 x 2.5 = 110m.
output "m5_4xlarge" { value = provider::ekssize::kube_reserved("m5.4xlarge", { max_pods = 50 }) }
# An override is echoed as written.
output "override"   { value = provider::ekssize::kube_reserved("m5.large", { kube_reserved = { memory = "1Gi" } }) }
output "unknown"    { value = provider::ekssize::kube_reserved(terraform_data.type.output).memory_mib }
`,
		ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectUnknownOutputValue("unknown")}},
		ConfigStateChecks: []statecheck.StateCheck{
			expectOutput("m5_large", kubeReservedCheck("70m", "574Mi", "1Gi", 70, 574)),
			expectOutput("prefix", kubeReservedCheck("70m", "1465Mi", "1Gi", 70, 1465)),
			expectOutput("m5_4xlarge", kubeReservedCheck("110m", "805Mi", "1Gi", 110, 805)),
			expectOutput("override", kubeReservedCheck("70m", "1Gi", "1Gi", 70, 1024)),
			expectOutput("unknown", knownvalue.Int64Exact(574)),
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
		{`kube_reserved("m5.large", { kube_reserved_basis = "eni", prefix_delegation = true })`,
			`(?s)options.kube_reserved_basis: kube-reserved memory is sized for fewer pods than max_pods.*functions cannot return warnings`},
	})
}

// TestKubeReservedAgreesWithDataSource compares the function with the
// ekssize_node_config data source's kube-reserved over every instance type and
// several settings. It also checks that with default settings the data source
// never warns, so the function fails only where the data source fails.
func TestKubeReservedAgreesWithDataSource(t *testing.T) {
	t.Parallel()
	optionSets := []map[string]attr.Value{
		{},
		{"prefix_delegation": types.BoolValue(true)},
		{"kube_reserved_basis": types.StringValue("eni"), "max_pods": types.Int64Value(40)},
		{"kube_reserved": lit(map[string]attr.Value{"cpu": types.StringValue("0.5"), "ephemeral_storage": types.StringValue("2Gi")})},
		{"custom_networking": types.BoolValue(true), "cap_policy": types.StringValue("none")},
	}
	var compared, failed int
	for i, name := range ec2data.MustDefault().Names() {
		for j, opts := range optionSets {
			if j > 0 && i%10 != 0 {
				continue // every type without options, a tenth of them with each option set
			}
			set := map[string]attr.Value{"instance_type": types.StringValue(name)}
			for k, v := range opts {
				set[k] = v
			}
			state, diags := readDataSource(t, NewNodeConfigDataSource(), set)
			got, ferr := callFunction(t, NewKubeReservedFunction(), []attr.Value{types.StringValue(name)}, obj(opts))
			compared++
			what := fmt.Sprintf("%s with %v", name, opts)
			if j == 0 && diags.WarningsCount() > 0 {
				// kube_reserved takes no option that could silence an unrelated
				// warning (allocatable, EBS), so defaults must not warn.
				t.Errorf("%s: the data source warns with default settings, so kube_reserved fails: %v", name, diags)
			}
			if len(diags) > 0 {
				failed++
				if ferr == nil {
					t.Fatalf("%s: data source says %v, function returns %v", what, diags, got)
				}
				for _, d := range diags {
					if !strings.Contains(ferr.Text, strings.TrimSuffix(d.Detail(), ".")) {
						t.Fatalf("%s: function error %q lacks the data source's %q", what, ferr.Text, d.Detail())
					}
				}
				continue
			}
			if ferr != nil {
				t.Fatalf("%s: function fails (%s) where the data source gives an answer", what, ferr.Text)
			}
			var kr reservedModel
			var cpu, mem types.Int64
			state.GetAttribute(t.Context(), path.Root("kube_reserved"), &kr)
			state.GetAttribute(t.Context(), path.Root("kube_reserved_cpu_millicores"), &cpu)
			state.GetAttribute(t.Context(), path.Root("kube_reserved_memory_mib"), &mem)
			want := types.ObjectValueMust(kubeReservedResultTypes(), map[string]attr.Value{
				"cpu": kr.CPU, "memory": kr.Memory, "ephemeral_storage": kr.EphemeralStorage, "cpu_millicores": cpu, "memory_mib": mem,
			})
			if !got.Equal(want) {
				t.Fatalf("%s: function %v, data source %v", what, got, want)
			}
		}
	}
	if failed == 0 || failed == compared {
		t.Errorf("%d of %d comparisons failed; the sample should have both", failed, compared)
	}
	t.Logf("%d comparisons, %d of them errors or warnings", compared, failed)
}
