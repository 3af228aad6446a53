package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
)

func TestAccFunctionENIMaxPods(t *testing.T) {
	t.Parallel()
	functionTest(t, resource.TestStep{
		Config: `
resource "terraform_data" "type" { input = "m5.4xlarge" }
output "m5_large"    { value = provider::ekssize::eni_max_pods("m5.large") }
output "t3a_medium"  { value = provider::ekssize::eni_max_pods("t3a.medium") }
output "m5_4xlarge"  { value = provider::ekssize::eni_max_pods("m5.4xlarge") }
output "p5_48xlarge" { value = provider::ekssize::eni_max_pods("p5.48xlarge") }
output "unknown"     { value = provider::ekssize::eni_max_pods(terraform_data.type.output) }
# eni_max_pods is never capped, max_pods is.
output "capped"      { value = provider::ekssize::max_pods("m5.4xlarge") < provider::ekssize::eni_max_pods("m5.4xlarge") }
`,
		ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
			plancheck.ExpectUnknownOutputValue("unknown"),
		}},
		ConfigStateChecks: []statecheck.StateCheck{
			expectOutput("m5_large", knownvalue.Int64Exact(29)),
			expectOutput("t3a_medium", knownvalue.Int64Exact(17)),
			expectOutput("m5_4xlarge", knownvalue.Int64Exact(234)),
			expectOutput("p5_48xlarge", knownvalue.Int64Exact(100)),
			expectOutput("unknown", knownvalue.Int64Exact(234)),
			expectOutput("capped", knownvalue.Bool(true)),
		},
	})
}

func TestAccFunctionENIMaxPodsErrors(t *testing.T) {
	t.Parallel()
	functionErrorTest(t, []struct{ call, want string }{
		{`eni_max_pods("m5.lrage")`, `(?s)Invalid value for "instance_type" parameter: instance type "m5.lrage" is not in the embedded instance table.*did you mean m5.large\?`},
		{`eni_max_pods(null)`, `Invalid value for "instance_type" parameter: argument must not be null`},
		{`eni_max_pods("m5.large", {})`, `(?s)Too many function arguments`},
	})
}
