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
	t.Run("subnet_usable_ips", func(t *testing.T) {
		t.Parallel()
		functionTest(t,
			resource.TestStep{
				Config: example("subnet_usable_ips"),
				ConfigStateChecks: []statecheck.StateCheck{
					expectOutput("slash_24", knownvalue.Int64Exact(251)),
					expectOutput("node_subnet_usable_ips", knownvalue.Int64Exact(4091)),
				},
			},
			resource.TestStep{
				Config:          example("subnet_usable_ips"),
				ConfigVariables: config.Variables{"node_subnet_cidr": config.StringVariable("10.0.0.0/8")},
				ExpectError:     regexp.MustCompile(`node_subnet_cidr must be an IPv4 /16 to /22`),
			},
		)
	})
	t.Run("subnet_max_nodes", func(t *testing.T) {
		t.Parallel()
		n := knownvalue.Int64Exact
		functionTest(t,
			resource.TestStep{
				Config: example("subnet_max_nodes"),
				ConfigStateChecks: []statecheck.StateCheck{
					expectOutput("m5_large_per_slash_24", n(8)),
					expectOutput("custom_networking", n(50)),
					expectOutput("subnet_max_nodes", knownvalue.ListExact([]knownvalue.Check{n(8), n(6), n(8)})),
				},
			},
			// The precondition stops a node group its subnets cannot hold.
			resource.TestStep{
				Config: example("subnet_max_nodes"),
				ConfigVariables: config.Variables{"node_group": config.ObjectVariable(map[string]config.Variable{
					"instance_type": config.StringVariable("m5.large"), "max_size": config.IntegerVariable(18),
				})},
				ExpectError: regexp.MustCompile(`(?s)Resource precondition failed.*A subnet cannot hold 8 m5.large nodes`),
			},
		)
	})
	t.Run("node_ips", func(t *testing.T) {
		t.Parallel()
		functionTest(t, resource.TestStep{
			Config: example("node_ips"),
			ConfigStateChecks: []statecheck.StateCheck{
				expectOutput("default", nodeIPsCheck(3, 27, 0, 30, 0)),
				expectOutput("warm_ip_target", knownvalue.Int64Exact(25)),
				expectOutput("prefix_delegation", nodeIPsCheck(1, 0, 3, 49, 0)),
				expectOutput("node_group_subnet_ips", knownvalue.MapExact(map[string]knownvalue.Check{
					"general": knownvalue.Int64Exact(180), "batch": knownvalue.Int64Exact(240),
				})),
			},
		})
	})
	t.Run("kube_reserved", func(t *testing.T) {
		t.Parallel()
		functionTest(t, resource.TestStep{
			Config: example("kube_reserved"),
			ConfigStateChecks: []statecheck.StateCheck{
				expectOutput("m5_large", kubeReservedCheck("70m", "574Mi", "1Gi", 70, 574)),
				expectOutput("ec2nodeclass_kubelet", str("\"kubelet\":\n  \"kubeReserved\":\n    \"cpu\": \"80m\"\n    \"ephemeral-storage\": \"1Gi\"\n    \"memory\": \"1465Mi\"\n  \"maxPods\": 110\n")),
				expectOutput("kube_reserved_memory", knownvalue.MapExact(map[string]knownvalue.Check{
					"m5.large": str("574Mi"), "m5.2xlarge": str("893Mi"), "c5.4xlarge": str("2829Mi"),
				})),
			},
		})
	})
}
