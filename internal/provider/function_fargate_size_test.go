package provider

import (
	"context"
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
)

func TestAccFunctionFargateSize(t *testing.T) {
	t.Parallel()
	functionTest(t, resource.TestStep{
		Config: `
resource "terraform_data" "cpu" { input = "1" }
output "guide"   { value = provider::ekssize::fargate_size([{ cpu_request = "1", memory_request = "8Gi" }]).capacity_provisioned }
output "empty"   { value = provider::ekssize::fargate_size([{}]).capacity_provisioned }
output "tuple"   {
  value = provider::ekssize::fargate_size([
    { name = "migrate", init = true, cpu_request = "2", memory_request = "1Gi" },
    { cpu_limit = "250m", memory_limit = "512Mi" },
    { cpu_request = 0.25, memory_request = "512Mi", ephemeral_storage_request = "30Gi" },
  ])
}
output "unknown" { value = provider::ekssize::fargate_size([{ cpu_request = terraform_data.cpu.output }]).cpu_millicores }
`,
		ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectUnknownOutputValue("unknown")}},
		ConfigStateChecks: []statecheck.StateCheck{
			expectOutput("guide", knownvalue.StringExact("2vCPU 9GB")),
			expectOutput("empty", knownvalue.StringExact("0.25vCPU 0.5GB")),
			expectOutput("tuple", knownvalue.ObjectPartial(map[string]knownvalue.Check{
				"capacity_provisioned":        knownvalue.StringExact("2vCPU 4GB"),
				"init_cpu_millicores":         knownvalue.Int64Exact(2000),
				"long_running_cpu_millicores": knownvalue.Int64Exact(500),
				"pod_memory_mib":              knownvalue.Int64Exact(1024),
				"ephemeral_storage_gib":       knownvalue.Int64Exact(38),
			})),
			expectOutput("unknown", knownvalue.Int64Exact(1000)),
		},
	})
}

func TestAccFunctionFargateSizeErrors(t *testing.T) {
	t.Parallel()
	functionErrorTest(t, []struct{ call, want string }{
		{`fargate_size([{ cpu_requests = "1" }])`, `Invalid value for "containers" parameter: container\[0\]: unknown key "cpu_requests" \(did you mean "cpu_request"\?\); valid keys are cpu_limit, cpu_request, ephemeral_storage_request, init, memory_limit, memory_request, name`},
		{`fargate_size([])`, `no container; give at least one container`},
		{`fargate_size({ cpu_request = "1" })`, `containers must be a list of objects such as \[\{ cpu_request = "250m", memory_request = "512Mi" \}\], got an object`},
		{`fargate_size(["1"])`, `container\[0\] must be an object with the keys cpu_limit, cpu_request`},
		{`fargate_size([{ init = "maybe" }])`, `container\[0\].init`},
		{`fargate_size([{ cpu_request = "1 core" }])`, `container\[0\].cpu_request is "1 core", which is not a Kubernetes CPU quantity`},
		{`fargate_size([{ cpu_request = "17" }])`, `the pod requests 17 vCPU; Fargate's largest pod has 16 vCPU`},
		{`fargate_size([{ init = true }])`, `every container is an init container`},
		{`fargate_size(null)`, `Invalid value for "containers" parameter: argument must not be null`},
	})
}

// TestFargateSizeAgreesWithDataSource runs the function and the data source
// on the same containers and compares every result attribute.
func TestFargateSizeAgreesWithDataSource(t *testing.T) {
	t.Parallel()
	pods := [][]map[string]attr.Value{
		{{}},
		{{"cpu_request": str("1"), "memory_request": str("8Gi")}},
		{{"init": boolean(true), "cpu_request": str("2"), "memory_request": str("1Gi")}, {"cpu_limit": str("250m"), "memory_limit": str("512Mi")}},
		{{"cpu_request": str("16"), "memory_request": str("100Gi"), "ephemeral_storage_request": str("175Gi")}},
		{{"cpu_request": str("4"), "memory_request": str("29Gi")}, {"cpu_request": str("100m"), "memory_request": str("1Mi")}},
	}
	for i, pod := range pods {
		objs := make([]attr.Value, len(pod))
		for j, c := range pod {
			objs[j] = lit(c)
		}
		state, diags := readDataSource(t, NewFargatePodDataSource(), map[string]attr.Value{"container": tuple(objs...)})
		if diags.HasError() {
			t.Fatalf("pod %d: %v", i, diags)
		}
		var want fargatePodModel
		if diags := state.Get(context.Background(), &want); diags.HasError() {
			t.Fatal(diags)
		}
		got, unknown, ferr := fargateSizeCall(context.Background(), types.DynamicValue(tuple(objs...)))
		if ferr != nil || unknown {
			t.Fatalf("pod %d: %v (unknown %v)", i, ferr, unknown)
		}
		if fmt.Sprintf("%+v", got) != fmt.Sprintf("%+v", want.fargatePodResults) {
			t.Errorf("pod %d: function %+v\ndata source %+v", i, got, want.fargatePodResults)
		}
	}
}
