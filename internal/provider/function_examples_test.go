package provider

import (
	"os"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/config"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
)

// TestAccFunctionExamples runs the documentation examples of the functions
// through Terraform with only this provider, checking the numbers their
// comments promise.
func TestAccFunctionExamples(t *testing.T) {
	t.Parallel()
	// The examples declare the provider as ekssize/ekssize for users; the test
	// factories serve it under the testing framework's default address, so
	// the terraform block is left out.
	terraformBlock := regexp.MustCompile(`(?ms)^terraform \{.*?^\}\n`)
	example := func(name string) string {
		b, err := os.ReadFile("../../examples/functions/" + name + "/function.tf")
		if err != nil {
			t.Fatal(err)
		}
		return terraformBlock.ReplaceAllString(string(b), "")
	}
	str := knownvalue.StringExact
	t.Run("max_pods", func(t *testing.T) {
		t.Parallel()
		functionTest(t,
			resource.TestStep{
				Config: example("max_pods"),
				ConfigStateChecks: []statecheck.StateCheck{
					expectOutput("m5_large", knownvalue.Int64Exact(29)),
					expectOutput("t3a_medium_prefix_delegation", knownvalue.Int64Exact(110)),
					expectOutput("ec2nodeclass_kubelet", str("\"kubelet\":\n  \"maxPods\": 20\n")),
					expectOutput("node_group_max_pods", knownvalue.Int64Exact(58)),
				},
			},
			// The validation block rejects a type below the required density...
			resource.TestStep{
				Config: example("max_pods"),
				ConfigVariables: config.Variables{"node_group": config.ObjectVariable(map[string]config.Variable{
					"instance_type": config.StringVariable("m5.large"), "min_pods_per_node": config.IntegerVariable(50),
				})},
				ExpectError: regexp.MustCompile(`The instance type cannot run min_pods_per_node pods`),
			},
			// ...and accepts it with prefix delegation.
			resource.TestStep{
				Config: example("max_pods"),
				ConfigVariables: config.Variables{"node_group": config.ObjectVariable(map[string]config.Variable{
					"instance_type": config.StringVariable("m5.large"), "min_pods_per_node": config.IntegerVariable(50),
					"prefix_delegation": config.BoolVariable(true),
				})},
				ConfigStateChecks: []statecheck.StateCheck{expectOutput("node_group_max_pods", knownvalue.Int64Exact(110))},
			},
		)
	})
	t.Run("eni_max_pods", func(t *testing.T) {
		t.Parallel()
		functionTest(t, resource.TestStep{
			Config: example("eni_max_pods"),
			ConfigStateChecks: []statecheck.StateCheck{
				expectOutput("m5_4xlarge", knownvalue.Int64Exact(234)),
				expectOutput("capped_types", knownvalue.ListExact([]knownvalue.Check{str("m5.4xlarge"), str("c5.4xlarge")})),
			},
		})
	})
	t.Run("instance_type", func(t *testing.T) {
		t.Parallel()
		functionTest(t, resource.TestStep{
			Config: example("instance_type"),
			ConfigStateChecks: []statecheck.StateCheck{
				expectOutput("security_groups_for_pods_types", knownvalue.ListExact([]knownvalue.Check{str("m5.large"), str("c6g.xlarge")})),
				expectOutput("by_architecture", knownvalue.MapExact(map[string]knownvalue.Check{
					"m5.large": str("x86_64"), "t3.large": str("x86_64"), "c6g.xlarge": str("arm64"), "m4.large": str("x86_64"),
				})),
			},
		})
	})
}
